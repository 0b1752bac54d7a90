/**
 * Real answers of the real app (startLocalInstance, a real libSQL file) validate against the response
 * schemas the OpenAPI document publishes for them, closed (tests/support/openapi-schemas.ts: an object
 * accepts only the properties it documents), so a schema cannot drift from the code in either direction:
 * a payout (recorded, duplicate) and a batch with a refused event, receipts, the monthly report JSON
 * (streamed and paged, provisional and closed), the remittance statement and its reconciliation, a worker's
 * record.json, coverage, disputes (platform and agency lists, an answer), the platform-work and reversals
 * reports, rules, jurisdictions, period closes and the operator's answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { responseValidator, type OpenApiDocument } from "./support/openapi-schemas.js";
import { payoutEvent } from "./support/ledger-test-kit.js";

let inst: LocalInstance;
let platform: PlatformAccount;
let agencyKey: string;
let link: string;
let validate: ReturnType<typeof responseValidator>;

const call = (key: string, method: string, path: string, body?: unknown) =>
  fetch(inst.baseUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** The body of `res`, once its status is checked and it validates against the schema of `operation`. */
async function documented(operation: string, res: Response | Promise<Response>): Promise<unknown> {
  const answer = await res;
  const status = Number(operation.split(" ").at(-1));
  const body: unknown = await answer.json();
  expect(answer.status, JSON.stringify(body)).toBe(status);
  expect(answer.headers.get("content-type")).toContain("application/json");
  expect(validate(operation, body), operation).toEqual([]);
  return body;
}

beforeAll(async () => {
  inst = await startLocalInstance();
  const doc = (await (await fetch(`${inst.baseUrl}/openapi.json`)).json()) as OpenApiDocument;
  validate = responseValidator(doc);
  platform = await inst.createPlatform("schema-answers");
  agencyKey = await inst.createAgency(["DE"]);
});
afterAll(async () => {
  await inst?.close();
});

describe("documented response schemas against real answers", () => {
  it("guards itself: an answer with an undocumented field or a missing one fails validation", () => {
    const answer = { status: "ok" };
    expect(validate("get /health 200", answer)).toEqual([]);
    expect(validate("get /health 200", { ...answer, extra: 1 })).not.toEqual([]);
    expect(validate("get /health 200", {})).not.toEqual([]);
  });

  it("payouts: one event recorded and duplicated, a batch with a refused event; receipts", async () => {
    const event = {
      ...payoutEvent({ id: "sa-1", worker: "w-sa", amount: "100.00", nationalId: "SA-1" }),
      task: { type: "delivery", duration_s: 3600 },
    };
    await documented("post /v1/payouts 201", platform.sender.send(event));
    await documented("post /v1/payouts 200", platform.sender.send(event));
    const batch = (await documented(
      "post /v1/payouts 200",
      platform.sender.send({
        events: [
          payoutEvent({ id: "sa-2", worker: "w-sa", amount: "20.00", occurredAt: "2026-03-11T10:00:00Z" }),
          payoutEvent({ id: "sa-3", worker: "w-sa", amount: "5.00", reverses: "sa-2" }),
          { ...payoutEvent({ id: "sa-bad", worker: "w-sa", amount: "1.001" }) },
        ],
      }),
    )) as { results: { status: string }[] };
    expect(batch.results.map((r) => r.status)).toEqual(["recorded", "recorded", "rejected"]);
    await documented("get /v1/receipts/{event_id} 200", call(platform.apiKey, "GET", "/v1/receipts/sa-1"));
    await documented(
      "get /.well-known/contribution-ledger/keys.json 200",
      fetch(`${inst.baseUrl}/.well-known/contribution-ledger/keys.json`),
    );
  });

  it("the monthly report (streamed and paged), coverage, platform-work and reversals", async () => {
    const query = "jurisdiction=DE&period=2026-03";
    await documented("get /v1/reports/monthly 200", call(agencyKey, "GET", `/v1/reports/monthly?${query}`));
    await documented(
      "get /v1/reports/monthly 200",
      call(agencyKey, "GET", `/v1/reports/monthly?${query}&limit=1`),
    );
    await documented("get /v1/reports/coverage 200", call(agencyKey, "GET", `/v1/reports/coverage?${query}`));
    await documented(
      "get /v1/reports/platform-work 200",
      call(agencyKey, "GET", "/v1/reports/platform-work?jurisdiction=DE&period=2026-H1"),
    );
    await documented(
      "get /v1/reports/platform-work 200",
      call(agencyKey, "GET", "/v1/reports/platform-work?jurisdiction=DE&period=2026"),
    );
    await documented(
      "get /v1/reports/reversals 200",
      call(agencyKey, "GET", `/v1/reports/reversals?${query}`),
    );
  });

  it("the statement and its reconciliation", async () => {
    await documented(
      "get /v1/platforms/me/statements 200",
      call(platform.apiKey, "GET", "/v1/platforms/me/statements?period=2026-03"),
    );
    await documented(
      "post /v1/platforms/me/statements/reconcile 200",
      call(platform.apiKey, "POST", "/v1/platforms/me/statements/reconcile?period=2026-03", {
        events: [{ event_id: "sa-1", currency: "EUR", withheld: "1.00", owed: "2.00" }],
      }),
    );
  });

  it("a worker link, record.json, the link's receipt and disputes (filed, listed, answered)", async () => {
    const created = (await documented(
      "post /v1/workers/{id}/access-links 201",
      call(platform.apiKey, "POST", "/v1/workers/w-sa/access-links"),
    )) as { url: string };
    link = created.url;
    const record = (await documented("get /w/{token}/record.json 200", fetch(`${link}/record.json`))) as {
      months: unknown[];
      effective_pay: unknown[];
    };
    expect(record.months.length).toBeGreaterThan(0);
    expect(record.effective_pay.length).toBeGreaterThan(0);
    await documented(
      "get /w/{token}/receipts/{platform}/{event_id} 200",
      fetch(`${link}/receipts/${platform.slug}/sa-1`),
    );
    const filed = await fetch(`${link}/disputes`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        kind: "wrong-payout",
        payout: `${platform.id}:sa-1`,
        note: "the tip is missing",
      }).toString(),
    });
    expect(filed.status).toBe(303);
    const list = (await documented(
      "get /v1/platforms/me/disputes 200",
      call(platform.apiKey, "GET", "/v1/platforms/me/disputes"),
    )) as { disputes: { id: number }[] };
    expect(list.disputes).toHaveLength(1);
    await documented(
      "post /v1/platforms/me/disputes/{id}/answers 201",
      call(platform.apiKey, "POST", `/v1/platforms/me/disputes/${list.disputes[0]?.id}/answers`, {
        explanation: "the tip was paid in April",
      }),
    );
    await documented("get /v1/agency/disputes 200", call(agencyKey, "GET", "/v1/agency/disputes"));
    await documented(
      "post /v1/agency/workers/lookup 200",
      call(agencyKey, "POST", "/v1/agency/workers/lookup", { national_id: "SA-1", country: "DE" }),
    );
  });

  it("rules, jurisdictions, a period close, the closed report and the operator's answers", async () => {
    await documented("get /v1/rules 200", fetch(`${inst.baseUrl}/v1/rules?jurisdiction=DE`));
    await documented("get /v1/rules 200", fetch(`${inst.baseUrl}/v1/rules?jurisdiction=DE&on=2026-03-01`));
    await documented("get /v1/jurisdictions 200", fetch(`${inst.baseUrl}/v1/jurisdictions`));
    await documented(
      "post /v1/admin/periods/close 201",
      inst.admin("POST", "/v1/admin/periods/close", { jurisdiction: "DE", period: "2026-03" }),
    );
    await documented("get /v1/periods 200", call(agencyKey, "GET", "/v1/periods?jurisdiction=DE"));
    const query = "jurisdiction=DE&period=2026-03";
    await documented("get /v1/reports/monthly 200", call(agencyKey, "GET", `/v1/reports/monthly?${query}`));
    await documented(
      "get /v1/reports/monthly/signature 200",
      call(agencyKey, "GET", `/v1/reports/monthly/signature?${query}`),
    );
    await documented(
      "post /v1/admin/platforms 201",
      inst.admin("POST", "/v1/admin/platforms", { slug: "schema-second", name: "Second" }),
    );
    const agency = (await documented(
      "post /v1/admin/agencies 201",
      inst.admin("POST", "/v1/admin/agencies", { name: "Agency FR", jurisdictions: ["FR"] }),
    )) as { api_key_prefix: string };
    await documented(
      "post /v1/admin/jurisdictions 201",
      inst.admin("POST", "/v1/admin/jurisdictions", { code: "LU", timezone: "Europe/Luxembourg" }),
    );
    await documented(
      "post /v1/admin/platforms/{slug}/webhook-secrets 201",
      inst.admin("POST", "/v1/admin/platforms/schema-second/webhook-secrets", {}),
    );
    await documented(
      "put /v1/admin/platforms/{slug}/suspension 200",
      inst.admin("PUT", "/v1/admin/platforms/schema-second/suspension"),
    );
    await documented(
      "delete /v1/admin/platforms/{slug}/suspension 200",
      inst.admin("DELETE", "/v1/admin/platforms/schema-second/suspension"),
    );
    await documented(
      "delete /v1/admin/api-keys/{prefix} 200",
      inst.admin("DELETE", `/v1/admin/api-keys/${agency.api_key_prefix}`),
    );
    await documented(
      "post /v1/admin/workers/export 200",
      inst.admin("POST", "/v1/admin/workers/export", { platform: platform.slug, worker_id: "w-sa" }),
    );
    await documented("get /v1/ledger/verify 200", inst.admin("GET", "/v1/ledger/verify"));
    await documented(
      "post /v1/platforms/me/webhook-secrets 201",
      call(platform.apiKey, "POST", "/v1/platforms/me/webhook-secrets"),
    );
  });
});
