/**
 * GET /openapi.json and /docs over HTTP: the document validates as OpenAPI 3.1 (the maintained
 * @seriousme/openapi-schema-validator), names every route the app serves (read from the app's own
 * router, so a route added without a definition fails here), documents problem+json errors and the
 * security schemes, and carries the zod constraints that validate requests.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../scripts/lib/local-instance.js";
import { documentedJsonSchemas, emptyOpenObjects, type OpenApiDocument } from "./support/openapi-schemas.js";

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { type: string }>;
    schemas: Record<string, { properties?: Record<string, unknown> }>;
  };
}

let inst: LocalInstance;
let doc: Document;

beforeAll(async () => {
  inst = await startLocalInstance();
  const res = await fetch(`${inst.baseUrl}/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Document;
});
afterAll(async () => {
  await inst?.close();
});

/** Every (method, path) the app routes, in OpenAPI spelling ("/w/:token" -> "/w/{token}"); middleware ("ALL") excluded. */
function servedRoutes(): string[] {
  const routes = inst.app.routes
    .filter((r) => r.method !== "ALL")
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")}`);
  return [...new Set(routes)].sort();
}

const documented = () =>
  Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
    .sort();

describe("/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("documents exactly the routes the app serves", () => {
    const served = servedRoutes();
    // The list is not empty and holds routes of every family (a guard against reading the router wrongly).
    for (const route of [
      "post /v1/payouts",
      "get /v1/reports/monthly",
      "post /v1/admin/platforms",
      "delete /v1/admin/api-keys/{prefix}",
      "post /v1/agency/workers/lookup",
      "get /w/{token}/record.csv",
      "get /openapi.json",
      "get /docs",
    ]) {
      expect(served).toContain(route);
    }
    expect(documented()).toEqual(served);
  });

  it("documents problem+json errors and the security of every protected route", () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["apiKey", "webhookSignature"]);
    expect(Object.keys(doc.components.schemas.Problem!.properties!)).toEqual(
      expect.arrayContaining(["type", "title", "status", "detail", "errors"]),
    );
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const errors = Object.entries(op.responses).filter(
          ([status]) => /^4\d\d$/.test(status) && path.startsWith("/v1/"),
        );
        for (const [status, response] of errors) {
          expect(
            response.content?.["application/problem+json"]?.schema?.$ref,
            `${method} ${path} ${status}`,
          ).toBe("#/components/schemas/Problem");
        }
        if (op.security) {
          expect(op.responses["401"], `${method} ${path} declares 401`).toBeDefined();
          for (const requirement of op.security)
            for (const name of Object.keys(requirement))
              expect(doc.components.securitySchemes[name]).toBeDefined();
        }
      }
    }
    // Protected and public routes, by name.
    expect(doc.paths["/v1/admin/rules"]!.post!.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths["/v1/payouts"]!.post!.security).toEqual([{ webhookSignature: [] }]);
    expect(doc.paths["/v1/rules"]!.get!.security).toBeUndefined();
  });

  it("carries the request schemas that validate input (the payout event, the lookup body)", () => {
    const payout = JSON.stringify(doc.paths["/v1/payouts"]!.post!.requestBody);
    for (const field of ["occurred_at", "national_id", "fx_rate", "reverses", "events"])
      expect(payout).toContain(`"${field}"`);
    expect(payout).toContain('"maxItems":1000');
    // Rules v2 facts and pay components, with their constraints.
    for (const field of ["birth_date", "flags", "attributes", "components", "reimbursement"])
      expect(payout).toContain(`"${field}"`);
    const rules = JSON.stringify(doc.paths["/v1/admin/rules"]!.post!.requestBody);
    for (const field of ["applies_when", "base_components", "assessment", "amount", "by", "values"])
      expect(rules).toContain(`"${field}"`);
    expect(rules).toContain('"additionalProperties":false');
    // Issue 16: reversal reasons and worker.status in the event, the dispute form and answer, the reports' figures.
    for (const field of ["reason", "reason_note", "rejected-work", "self-employed"])
      expect(payout).toContain(`"${field}"`);
    const form = JSON.stringify(doc.paths["/w/{token}/disputes"]!.post!.requestBody);
    for (const field of ["wrong-payout", "missing-payout", "payout", "date", "amount", "currency", "note"])
      expect(form).toContain(`"${field}"`);
    expect(form).toContain('"maxLength":1000');
    const answer = JSON.stringify(doc.paths["/v1/platforms/me/disputes/{id}/answers"]!.post!.requestBody);
    for (const field of ["correction_event_id", "explanation"]) expect(answer).toContain(`"${field}"`);
    expect(answer).toContain('"additionalProperties":false');
    const work = JSON.stringify(doc.paths["/v1/reports/platform-work"]!.get!.responses["200"]);
    for (const field of [
      "persons_paid",
      "by_task_hours",
      "average_task_hours_per_week",
      "by_contractual_status",
      "reversals_by_reason",
      "cannot_know",
    ])
      expect(work).toContain(`"${field}"`);
    expect(JSON.stringify(doc.paths["/v1/agency/disputes"]!.get!.responses["200"])).toContain(
      '"answer_time_s"',
    );
    const lookup = JSON.stringify(doc.paths["/v1/agency/workers/lookup"]!.post!.requestBody);
    expect(lookup).toContain('"national_id"');
    expect(lookup).toContain('"additionalProperties":false');
  });
});

describe("response schemas", () => {
  it("documents a schema for every 2xx JSON response, nowhere an object that accepts anything", () => {
    const responses = documentedJsonSchemas(doc as unknown as OpenApiDocument);
    // A guard against reading the document wrongly: the main operations are among them.
    for (const name of [
      "post /v1/payouts 201",
      "get /v1/reports/monthly 200",
      "get /v1/platforms/me/statements 200",
      "get /w/{token}/record.json 200",
      "get /v1/reports/coverage 200",
    ])
      expect(responses.map((r) => r.name)).toContain(name);
    const missing = responses.filter((r) => r.schema === undefined).map((r) => r.name);
    expect(missing).toEqual([]);
    const open = responses.flatMap((r) =>
      emptyOpenObjects(doc as unknown as OpenApiDocument, r.schema ?? {}).map((at) => `${r.name} ${at}`),
    );
    expect(open).toEqual([]);
  });
});

describe("signed receipts in the document", () => {
  it("publishes the receipt schema and names it in the webhook answer, the receipt routes and the key set", () => {
    const receipt = doc.components.schemas.Receipt!;
    expect(Object.keys(receipt.properties!)).toEqual([
      "v",
      "type",
      "event",
      "platform",
      "worker",
      "contributions",
      "ledger_seq",
      "chain",
    ]);
    expect(Object.keys(doc.components.schemas.SignedReceipt!.properties!)).toEqual(["payload", "jws"]);
    expect(JSON.stringify(doc.paths["/v1/payouts"]!.post!.responses["201"])).toContain(
      "#/components/schemas/SignedReceipt",
    );
    expect(JSON.stringify(doc.paths["/v1/receipts/{event_id}"]!.get!.responses["200"])).toContain(
      "#/components/schemas/SignedReceipt",
    );
    expect(
      JSON.stringify(doc.paths["/w/{token}/receipts/{platform}/{event_id}"]!.get!.responses["200"]),
    ).toContain("#/components/schemas/SignedReceipt");
    expect(JSON.stringify(doc.paths["/v1/reports/monthly/signature"]!.get!.responses["200"])).toContain(
      "#/components/schemas/SignedReportStatement",
    );
    expect(
      JSON.stringify(doc.paths["/.well-known/contribution-ledger/keys.json"]!.get!.responses["200"]),
    ).toContain('"kid"');
    expect(doc.paths["/.well-known/contribution-ledger/keys.json"]!.get!.security).toBeUndefined();
  });
});

describe("/docs", () => {
  it("serves the interactive documentation pointing at /openapi.json", async () => {
    const res = await fetch(`${inst.baseUrl}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("/openapi.json");
  });
});
