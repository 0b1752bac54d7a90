/**
 * Inside workerd on D1: the signed webhook path and the agency monthly report, through the Worker's fetch
 * handler (tests-workers/support/worker-instance.ts), on a D1 database holding the seeded rules and the
 * ECB rates.
 *
 * Rules of a DE worker in 2026 (rules/de.json), per calendar month in Europe/Berlin, half up to the
 * cent: de-pension-worker / -platform 9.3 % up to 8,450 EUR; de-health-worker / -platform 8.75 % up to
 * 5,812.50 EUR. Worked by hand:
 *   payout 1, 123.45 EUR: pension 123.45 × 0.093 = 11.48085 -> 11.48; health 123.45 × 0.0875 = 10.801875 -> 10.80.
 *   payout 2, 200.00 EUR: the month's base is 323.45; pension 323.45 × 0.093 = 30.08085 -> 30.08, so
 *   30.08 − 11.48 = 18.60 more; health 323.45 × 0.0875 = 28.301875 -> 28.30, so 28.30 − 10.80 = 17.50 more.
 *   a batch of 40 payouts of 10.00 EUR to 40 workers in April: pension 10 × 0.093 = 0.93; health
 *   10 × 0.0875 = 0.875 -> 0.88 (half up) each.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlatformAccount } from "../scripts/lib/local-instance.js";
import { sha256Hex } from "../src/security/digest.js";
import {
  admin,
  BASE_URL,
  createAgency,
  createPlatform,
  database,
  seedReferenceData,
  workerFetch,
} from "./support/worker-instance.js";
import type { ContributionLine } from "../src/schemas/payout-result.js";

type Line = Pick<ContributionLine, "rule" | "period" | "base" | "amount" | "currency">;

const payout = (id: string, amount: string, worker = "rider-7", occurredAt = "2026-03-10T10:00:00Z") => ({
  id,
  type: "payout",
  occurred_at: occurredAt,
  worker: { id: worker, country: "DE" },
  amount,
  currency: "EUR",
});

/** The four DE lines of one payout (same amount for the worker's and the platform's share). */
const deLines = (base: string, pension: string, health: string, period = "2026-03"): Line[] =>
  [
    ["de-health-platform", health],
    ["de-health-worker", health],
    ["de-pension-platform", pension],
    ["de-pension-worker", pension],
  ].map(([rule, amount]) => ({ rule: rule!, period, base, amount: amount!, currency: "EUR" }));

const linesOf = (body: { contributions: Line[] }) =>
  body.contributions
    .map(({ rule, period, base, amount, currency }) => ({ rule, period, base, amount, currency }))
    .sort((a, b) => a.rule.localeCompare(b.rule));

async function eventCount(): Promise<number> {
  const [row] = await database.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ledger_events`);
  return Number(row!.n);
}

let platform: PlatformAccount;
let agencyKey: string;

beforeAll(async () => {
  await seedReferenceData();
  platform = await createPlatform("rideco");
  agencyKey = await createAgency(["DE"]);
});

describe("POST /v1/payouts in the Worker", () => {
  it("records a signed payout (201) with its contributions", async () => {
    const res = await platform.sender.send(payout("evt-1", "123.45"), "msg_evt_1");
    expect(res.status).toBe(201);
    const body = (await res.json()) as { status: string; contributions: Line[] };
    expect(body.status).toBe("recorded");
    expect(linesOf(body)).toEqual(deLines("123.45", "11.48", "10.80"));
  });

  it("answers a redelivery with 200 duplicate and records nothing", async () => {
    const res = await platform.sender.send(payout("evt-1", "123.45"), "msg_evt_1");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("duplicate");
    expect(await eventCount()).toBe(1);
  });

  it("refuses a delivery signed with another secret (401 problem) and records nothing", async () => {
    const res = await workerFetch(`${BASE_URL}/v1/payouts?platform=rideco`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": "msg_forged",
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=",
      },
      body: JSON.stringify(payout("evt-forged", "999.00")),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await eventCount()).toBe(1);
  });

  it("accrues a second payout of the month on the month's base", async () => {
    const res = await platform.sender.send(payout("evt-2", "200.00"));
    expect(res.status).toBe(201);
    expect(linesOf((await res.json()) as { contributions: Line[] })).toEqual(
      deLines("200.00", "18.60", "17.50"),
    );
  });
});

describe("GET /v1/reports/monthly in the Worker", () => {
  const reportUrl = (format: string) =>
    `${BASE_URL}/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=${format}`;
  const get = (url: string) => workerFetch(url, { headers: { authorization: `Bearer ${agencyKey}` } });

  it("has one row per rule with the month's base and contribution, over a sealed chain", async () => {
    const res = await get(reportUrl("json"));
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      row_count: number;
      chain_head: { event_seq: number };
      rows: {
        rule: string;
        contribution_base: string;
        contribution: string;
        payouts: number;
        reversals: number;
      }[];
    };
    expect(report.row_count).toBe(4);
    expect(report.chain_head.event_seq).toBe(2);
    const rows = report.rows
      .map((r) => [r.rule, r.contribution_base, r.contribution, r.payouts, r.reversals])
      .sort();
    // Bases 123.45 + 200.00 = 323.45; contributions 11.48 + 18.60 = 30.08 and 10.80 + 17.50 = 28.30.
    expect(rows).toEqual([
      ["de-health-platform", "323.45", "28.30", 2, 0],
      ["de-health-worker", "323.45", "28.30", 2, 0],
      ["de-pension-platform", "323.45", "30.08", 2, 0],
      ["de-pension-worker", "323.45", "30.08", 2, 0],
    ]);
  });

  it("serves the CSV whose SHA-256 is the checksum it announces", async () => {
    const res = await get(reportUrl("csv"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const csv = await res.text();
    expect(csv.split("\r\n").filter((line) => line !== "")).toHaveLength(5); // header and four rows
    expect(res.headers.get("report-checksum")).toBe(`sha-256=${await sha256Hex(csv)}`);
  });

  it("refuses an agency key for another jurisdiction (403)", async () => {
    const res = await get(`${BASE_URL}/v1/reports/monthly?jurisdiction=FR&period=2026-03`);
    expect(res.status).toBe(403);
  });
});

describe("a batch delivery in the Worker", () => {
  const BATCH = 40;

  it("records every event of one delivery in one atomic batch within D1's 100 bound parameters", async () => {
    const events = Array.from({ length: BATCH }, (_, k) =>
      payout(`batch-${k + 1}`, "10.00", `batch-worker-${k + 1}`, "2026-04-15T09:00:00Z"),
    );
    const res = await platform.sender.send({ events });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { status: string; contributions: Line[] }[] };
    expect(results.map((r) => r.status)).toEqual(events.map(() => "recorded"));
    for (const result of results)
      expect(linesOf(result)).toEqual(deLines("10.00", "0.93", "0.88", "2026-04"));
    expect(await eventCount()).toBe(2 + BATCH);
  });

  it("seals them: the chain verifies over every event", async () => {
    const res = await admin("GET", "/v1/ledger/verify");
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, events_checked: 2 + BATCH, unsealed_events: 0 });
  });
});
