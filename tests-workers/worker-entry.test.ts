/**
 * The Worker entry (src/worker.ts) in workerd: served through the runtime's own binding to it, the
 * store it picks (D1 by default, the remote libSQL server named by LIBSQL_URL otherwise), the refusal of
 * a misconfigured environment, and the Cron Trigger that seals the hash chain.
 *
 * No libSQL server runs here, so the remote path is checked on the wire: `fetch` (which the libSQL web
 * client uses) is replaced for one request by a recorder that answers 503, and the test asserts where
 * the client sent what (Hrana over HTTP: POST /v2/pipeline with the statements as JSON), and that D1
 * was not written.
 */
import { createScheduledController } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../src/worker.js";
import { SEAL_CRON, type WorkerBindings } from "../src/worker-runtime.js";
import { admin, BASE_URL, createPlatform, database, seedReferenceData } from "./support/worker-instance.js";

const bindings = (changes: Record<string, unknown>): WorkerBindings => ({
  ...(env as unknown as WorkerBindings),
  ...changes,
});
const adminRequest = (path: string, body: unknown) =>
  new Request(BASE_URL + path, {
    method: "POST",
    headers: { authorization: `Bearer ${env.ADMIN_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function countOf(table: "jurisdictions" | "ledger_events" | "ledger_seals"): Promise<number> {
  const [row] = await database.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`);
  return Number(row!.n);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the Worker's entry", () => {
  it("answers through the runtime's binding to the Worker (exports.default)", async () => {
    const res = await exports.default.fetch(`${BASE_URL}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("writes to D1 when LIBSQL_URL is not set", async () => {
    const res = await worker.fetch(
      adminRequest("/v1/admin/jurisdictions", { code: "NO", timezone: "Europe/Oslo" }),
      bindings({}),
    );
    expect(res.status).toBe(201);
    expect(await countOf("jurisdictions")).toBe(1);
  });
});

describe("the remote libSQL server", () => {
  it("takes the writes when LIBSQL_URL is set: requests go to its host with the token, and D1 is not written", async () => {
    const sent: { url: string; method: string; authorization: string | null; body: string }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      sent.push({
        url: request.url,
        method: request.method,
        authorization: request.headers.get("authorization"),
        body: await request.text(),
      });
      return new Response("unavailable", { status: 503 });
    });
    const before = await countOf("jurisdictions");
    const res = await worker.fetch(
      adminRequest("/v1/admin/jurisdictions", { code: "SE", timezone: "Europe/Stockholm" }),
      bindings({ LIBSQL_URL: "libsql://ledger-test.example.turso.io", LIBSQL_AUTH_TOKEN: "token-123" }),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => new URL(r.url).origin === "https://ledger-test.example.turso.io")).toBe(true);
    const statements = sent.filter((r) => r.method === "POST");
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((r) => r.authorization === "Bearer token-123")).toBe(true);
    // The jurisdiction and its audit row travel in one pipeline request: one batch on the server.
    const sqlOf = (body: string) =>
      (JSON.parse(body) as { requests: { sql?: string }[] }).requests.flatMap((q) => (q.sql ? [q.sql] : []));
    expect(
      statements.some(
        (r) =>
          sqlOf(r.body).some((s) => s.startsWith('insert into "jurisdictions"')) &&
          sqlOf(r.body).some((s) => s.startsWith('insert into "audit_log"')),
      ),
    ).toBe(true);
    expect(await countOf("jurisdictions")).toBe(before);
  });
});

describe("a misconfigured Worker", () => {
  const problemOf = async (changes: Record<string, unknown>) => {
    const res = await worker.fetch(new Request(`${BASE_URL}/health`), bindings(changes));
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    return ((await res.json()) as { detail: string }).detail;
  };

  it("refuses LIBSQL_AUTH_TOKEN without LIBSQL_URL", async () => {
    expect(await problemOf({ LIBSQL_AUTH_TOKEN: "token-123" })).toContain(
      "LIBSQL_URL: LIBSQL_AUTH_TOKEN is set without LIBSQL_URL",
    );
  });

  it("refuses a file: URL, which only the Node driver opens", async () => {
    expect(await problemOf({ LIBSQL_URL: "file:data/ledger.db" })).toContain(
      "LIBSQL_URL: must be a libsql://",
    );
  });

  it("names a missing or malformed key without showing any key", async () => {
    const detail = await problemOf({
      ADMIN_API_KEY: undefined,
      SECRETS_KEY: "not base64 of 32 bytes",
      RECEIPT_SIGNING_KEY: env.LINK_SIGNING_KEY,
    });
    expect(detail).toContain("ADMIN_API_KEY");
    expect(detail).toContain("SECRETS_KEY: must be base64 of at least 32 random bytes");
    expect(detail).toContain("RECEIPT_SIGNING_KEY: must be base64 of an Ed25519 private key");
    for (const name of ["NATIONAL_ID_KEY", "LINK_SIGNING_KEY", "RECEIPT_SIGNING_KEY"] as const)
      expect(detail).not.toContain(env[name]);
  });
});

describe("the Cron Trigger", () => {
  beforeAll(async () => {
    await seedReferenceData({ fx: false });
  });

  it("seals the events written since the last run, and the chain verifies", async () => {
    const platform = await createPlatform("cron-platform");
    for (const id of ["cron-1", "cron-2", "cron-3"]) {
      const res = await platform.sender.send({
        id,
        type: "payout",
        occurred_at: "2026-03-10T10:00:00Z",
        worker: { id: "w-cron", country: "DE" },
        amount: "50.00",
        currency: "EUR",
      });
      expect(res.status).toBe(201);
    }
    expect(await countOf("ledger_seals")).toBe(0);
    await worker.scheduled(createScheduledController({ cron: SEAL_CRON }), bindings({}));
    expect(await countOf("ledger_seals")).toBe(await countOf("ledger_events"));
    const res = await admin("GET", "/v1/ledger/verify");
    expect(await res.json()).toMatchObject({ ok: true, events_checked: 3, unsealed_events: 0 });
  });
});
