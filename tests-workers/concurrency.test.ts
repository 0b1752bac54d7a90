/**
 * Exactly-once accumulation inside workerd on D1 (DESIGN.md 4.4): D1 has no interactive transactions, so
 * the guard is the unique (subject, rule, accrual key, seq) index inside one atomic batch per delivery.
 *
 * 50 payouts for ONE DE worker in March 2026 are delivered at once through the Worker's fetch handler,
 * together with 20 redeliveries of the first 20 (same webhook-id); the requests interleave at every D1
 * call, so writers read the same running totals and all but one must retry (the test counts the
 * batches D1 rolled back on the unique index, through a pass-through wrapper of the binding). Payout i (1..50) is
 * 100.00 + i × 1.37 EUR, so the month's base is 50 × 100 + 1.37 × (1 + … + 50) = 5,000 + 1.37 × 1,275 =
 * 6,746.75 EUR: above the health ceiling (5,812.50), below the pension ceiling (8,450). By hand:
 *   pension (each payer): round(0.093 × 6,746.75) = round(627.44775) = 627.45 EUR
 *   health (each payer):  round(0.0875 × 5,812.50) = round(508.59375) = 508.59 EUR
 * The test recomputes these with Dec from the amounts it sent.
 */
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { webhookSender } from "../scripts/lib/deliver.js";
import { Dec, formatMinor } from "../src/domain/money.js";
import worker from "../src/worker.js";
import type { WorkerBindings } from "../src/worker-runtime.js";
import { admin, BASE_URL, createPlatform, database, seedReferenceData } from "./support/worker-instance.js";

const COUNT = 50;
const REDELIVERED = 20;
const amountMinorOf = (i: number) => 10_000 + 137 * i;
const events = Array.from({ length: COUNT }, (_, k) => ({
  id: `conc-${k + 1}`,
  type: "payout",
  occurred_at: `2026-03-${String(1 + (k % 28)).padStart(2, "0")}T12:00:00Z`,
  worker: { id: "w-conc", country: "DE" },
  amount: formatMinor(amountMinorOf(k + 1), "EUR"),
  currency: "EUR",
}));

/** Contribution on the month's whole base: round half up (rate × min(Σ, ceiling)) to the cent, in cents. */
function expectedCents(rate: string, ceiling: string): number {
  const total = events.reduce((sum, e) => sum.plus(e.amount), new Dec(0));
  return new Dec(rate)
    .times(Dec.min(total, new Dec(ceiling)))
    .times(100)
    .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
    .toNumber();
}

/** The test file's D1 binding, counting the batches it rolled back on a UNIQUE violation (everything else passes through). */
let rolledBack = 0;
const countingDb = new Proxy(env.DB, {
  get(target, key) {
    if (key === "batch") {
      return async (statements: D1PreparedStatement[]) => {
        try {
          return await target.batch(statements);
        } catch (error) {
          if (/UNIQUE constraint failed/.test(String(error))) rolledBack += 1;
          throw error;
        }
      };
    }
    const value: unknown = Reflect.get(target, key);
    return typeof value === "function" ? value.bind(target) : value;
  },
});
const countingFetch: typeof fetch = (input, init) =>
  worker.fetch(new Request(input, init), { ...(env as unknown as WorkerBindings), DB: countingDb });

let responses: { id: string; status: number; body: { status?: string; contributions?: unknown[] } }[];

beforeAll(async () => {
  await seedReferenceData();
  const platform = await createPlatform("busy-platform");
  const sender = await webhookSender(BASE_URL, platform.slug, platform.webhookSecret, countingFetch);
  responses = await Promise.all(
    [...events, ...events.slice(0, REDELIVERED)].map(async (event) => {
      const res = await sender.send(event, `msg_${event.id}`);
      return {
        id: event.id,
        status: res.status,
        body: (await res.json()) as { status?: string; contributions?: unknown[] },
      };
    }),
  );
});

describe("parallel deliveries for one worker in the Worker on D1", () => {
  it("really raced: D1 rolled back some writers' batches, which then re-read and retried", () => {
    expect(rolledBack).toBeGreaterThan(0);
  });

  it("record each event once: one 201 per event, 200 duplicate for the other copy, same figures", () => {
    expect(responses.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
    for (const event of events) {
      const copies = responses.filter((r) => r.id === event.id);
      expect(copies.map((r) => r.status).sort(), event.id).toEqual(copies.length === 2 ? [200, 201] : [201]);
      expect(copies.map((r) => r.body.contributions)).toEqual(
        copies.map(() => copies[0]!.body.contributions),
      );
    }
  });

  it("leave each event exactly once in ledger_events", async () => {
    const rows = await database.db.all<{ event_id: string; n: number }>(
      sql`SELECT event_id, count(*) AS n FROM ledger_events GROUP BY event_id`,
    );
    expect(rows).toHaveLength(COUNT);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  });

  it("accrue per rule what the month's whole base owes, each accrual numbered 1..n with running totals that follow", async () => {
    const pension = expectedCents("0.093", "8450");
    const health = expectedCents("0.0875", "5812.50");
    expect([pension, health]).toEqual([62_745, 50_859]);
    const entries = await database.db.all<{
      rule_code: string;
      period_key: string;
      seq: number;
      amount_minor: number;
      rounded_to_date_minor: number;
    }>(
      sql`SELECT rule_code, period_key, seq, amount_minor, rounded_to_date_minor FROM ledger_entries ORDER BY rule_code, seq`,
    );
    const byRule = new Map<string, typeof entries>();
    for (const e of entries) byRule.set(e.rule_code, [...(byRule.get(e.rule_code) ?? []), e]);
    expect([...byRule.keys()]).toEqual([
      "de-health-platform",
      "de-health-worker",
      "de-pension-platform",
      "de-pension-worker",
    ]);
    for (const [rule, list] of byRule) {
      expect(
        list.map((e) => e.seq),
        rule,
      ).toEqual(Array.from({ length: COUNT }, (_, k) => k + 1));
      expect(new Set(list.map((e) => e.period_key)), rule).toEqual(new Set(["2026-03"]));
      let previous = 0;
      for (const e of list) {
        expect(e.rounded_to_date_minor - previous, `${rule} seq ${e.seq}`).toBe(e.amount_minor);
        previous = e.rounded_to_date_minor;
      }
      expect(
        list.reduce((sum, e) => sum + e.amount_minor, 0),
        rule,
      ).toBe(rule.includes("pension") ? pension : health);
    }
  });

  it("leave a hash chain that verifies over every event", async () => {
    const res = await admin("GET", "/v1/ledger/verify");
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, events_checked: COUNT, unsealed_events: 0 });
  });
});
