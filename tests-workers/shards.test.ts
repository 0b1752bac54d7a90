/**
 * A ledger per jurisdiction inside workerd (issue 17; src/db/shards.ts, src/worker-runtime.ts
 * `shardBindings`): the Worker's fetch and scheduled handlers with the control database DB plus two D1
 * shards bound as LEDGER_DE and LEDGER_FR (the spare TEST_LEDGER_* databases of vitest.workers.config.ts,
 * migrated here as `npm run migrate:d1` does). A mixed DE/FR batch lands per shard, each
 * jurisdiction's report comes from its shard, the page of a worker with payouts in both gathers both,
 * and both chains verify (sealed by the Cron Trigger's handler).
 */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { webhookSender, type Sender } from "../scripts/lib/deliver.js";
import { openD1 } from "../src/db/d1.js";
import type { Db } from "../src/db/database.js";
import worker from "../src/worker.js";
import { SEAL_CRON, type WorkerBindings } from "../src/worker-runtime.js";
import { BASE_URL, seedReferenceData } from "./support/worker-instance.js";

const bindings = {
  ...env,
  LEDGER_DE: env.TEST_LEDGER_DE,
  LEDGER_FR: env.TEST_LEDGER_FR,
} as unknown as WorkerBindings;
const shardedFetch: typeof fetch = (input, init) => worker.fetch(new Request(input, init), bindings);
const control = openD1(env.DB).db;
const deShard = openD1(env.TEST_LEDGER_DE).db;
const frShard = openD1(env.TEST_LEDGER_FR).db;

const call = (key: string, method: string, path: string, body?: unknown) =>
  shardedFetch(BASE_URL + path, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const payout = (id: string, worker: string, amount: string, country: "DE" | "FR") => ({
  id,
  type: "payout",
  occurred_at: "2026-03-10T10:00:00Z",
  worker: { id: worker, country },
  amount,
  currency: "EUR",
  // The FR rules need the worker's micro-social activity (rules/fr.json).
  ...(country === "FR"
    ? { task: { id: `t-${id}`, type: "delivery", attributes: { activity: "bic-services" } } }
    : {}),
});

async function eventIds(db: Db): Promise<string[]> {
  const rows = await db.all<{ event_id: string }>(sql`SELECT event_id FROM ledger_events ORDER BY event_id`);
  return rows.map((r) => r.event_id);
}

describe("ledger shards on D1: control DB + LEDGER_DE + LEDGER_FR", () => {
  let sender: Sender;
  let platformKey: string;
  let agencyKey: string;

  beforeAll(async () => {
    await applyD1Migrations(env.TEST_LEDGER_DE, env.TEST_MIGRATIONS);
    await applyD1Migrations(env.TEST_LEDGER_FR, env.TEST_MIGRATIONS);
    await seedReferenceData({ fx: false });
    const platform = await call(env.ADMIN_API_KEY, "POST", "/v1/admin/platforms", {
      slug: "d1shard",
      name: "D1 shard co",
    });
    expect(platform.status).toBe(201);
    const body = (await platform.json()) as { webhook_secret: string; api_key: string };
    platformKey = body.api_key;
    sender = await webhookSender(BASE_URL, "d1shard", body.webhook_secret, shardedFetch);
    const agency = await call(env.ADMIN_API_KEY, "POST", "/v1/admin/agencies", {
      name: "DE and FR",
      jurisdictions: ["DE", "FR"],
    });
    agencyKey = ((await agency.json()) as { api_key: string }).api_key;
  });

  it("writes a mixed DE/FR batch to the right shards and answers it in order", async () => {
    const res = await sender.send({
      events: [
        payout("d1", "anna", "100.00", "DE"),
        payout("f1", "bernard", "80.00", "FR"),
        payout("m-de", "mover", "40.00", "DE"),
        payout("m-fr", "mover", "60.00", "FR"),
      ],
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { id: string; status: string }[] };
    expect(results.map((r) => `${r.id} ${r.status}`)).toEqual([
      "d1 recorded",
      "f1 recorded",
      "m-de recorded",
      "m-fr recorded",
    ]);
    expect(await eventIds(deShard)).toEqual(["d1", "m-de"]);
    expect(await eventIds(frShard)).toEqual(["f1", "m-fr"]);
    expect(await eventIds(control)).toEqual([]);
    const claims = await control.all<{ n: number }>(sql`SELECT count(*) AS n FROM ledger_event_claims`);
    expect(claims[0]?.n).toBe(4);
    // The same id for another country is a conflict and reaches no shard.
    const moved = await sender.send(payout("d1", "anna", "100.00", "FR"));
    expect(moved.status).toBe(409);
    expect(await eventIds(frShard)).toEqual(["f1", "m-fr"]);
  });

  it("pulls each jurisdiction's report from its shard", async () => {
    for (const [code, workers] of [
      ["DE", ["anna", "mover"]],
      ["FR", ["bernard", "mover"]],
    ] as const) {
      const res = await call(agencyKey, "GET", `/v1/reports/monthly?jurisdiction=${code}&period=2026-03`);
      expect(res.status).toBe(200);
      const report = (await res.json()) as { rows: { worker_ref: string }[] };
      expect([...new Set(report.rows.map((r) => r.worker_ref))].sort()).toEqual(workers);
    }
  });

  it("opens the page of a worker with payouts in both shards", async () => {
    const link = await call(platformKey, "POST", "/v1/workers/mover/access-links");
    expect(link.status).toBe(201);
    const { url } = (await link.json()) as { url: string };
    const record = (await (await shardedFetch(`${url}/record.json`)).json()) as {
      coverage: { jurisdiction: string }[];
      totals: { payouts: { count: number; currency: string }[] };
    };
    expect(new Set(record.coverage.map((c) => c.jurisdiction))).toEqual(new Set(["DE", "FR"]));
    expect(record.totals.payouts).toEqual([expect.objectContaining({ count: 2, currency: "EUR" })]);
    const page = await (await shardedFetch(url)).text();
    expect(page).toContain("m-de");
    expect(page).toContain("m-fr");
  });

  it("seals every shard from the Cron Trigger and verifies both chains", async () => {
    await worker.scheduled({ cron: SEAL_CRON, scheduledTime: Date.now() }, bindings);
    for (const db of [deShard, frShard]) {
      const seals = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ledger_seals`);
      expect(seals[0]?.n).toBe(2);
    }
    for (const code of ["DE", "FR"]) {
      const res = await call(env.ADMIN_API_KEY, "GET", `/v1/ledger/verify?jurisdiction=${code}`);
      expect(await res.json()).toMatchObject({ ok: true, events_checked: 2, unsealed_events: 0 });
    }
  });
});
