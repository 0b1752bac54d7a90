/**
 * Group commit under load (issue 13; src/ledger/group-commit.ts), through the real app served by
 * @hono/node-server on a real temporary libSQL file: 500 single-event deliveries for 20 German workers
 * (25 payouts each in March 2026, 200.00–399.99 EUR, so every worker's month of ~7,500 EUR crosses the
 * health ceiling of 5,812.50 EUR and stays under the pension ceiling of 8,450 EUR), 30 % of them (150)
 * redelivered with the same webhook-id and body, and 25 deliveries the ledger refuses (occurred_at in
 * 2030, 422), all 675 in a shuffled order from 64 concurrent connections. Afterwards:
 * - the committer wrote groups of more than one delivery (so the test exercises the group path);
 * - each event has exactly one 201, its other copy a 200 duplicate with the same contributions, and each
 *   refused delivery its own 422 whatever group it shared: no neighbour failed;
 * - each event is once in the ledger with its 4 entries, each (worker, rule) accrual numbered 1..25;
 * - every (worker, rule) total equals the contribution on that worker's summed base, by hand with Dec:
 *   round half up (rate × min(base, ceiling)), 9.3 % pension and 8.75 % health per payer (2026);
 * - every ledger invariant holds (scripts/lib/invariants.ts).
 * Then the bounds: with a queue of one event, deliveries arriving while it is taken get 503 problem+json
 * with Retry-After and leave nothing in the ledger; redelivered, they are recorded.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger, formatLedgerCheck } from "../scripts/lib/invariants.js";
import { startLocalInstance, type LocalInstance } from "../scripts/lib/local-instance.js";
import { Dec, formatMinor } from "../src/domain/money.js";
import { DEFAULT_GROUP_COMMIT } from "../src/ledger/group-commit.js";
import { entriesOf, ledgerCounts, payoutEvent } from "./support/ledger-test-kit.js";
import { prng } from "./support/prng.js";

const EVENTS = 500;
const WORKERS = 20;
const REDELIVERED = 150;
const REFUSED = 25;
const CONNECTIONS = 64;
const RULES = [
  { code: "de-pension-worker", rate: "0.093", ceiling: "8450" },
  { code: "de-pension-platform", rate: "0.093", ceiling: "8450" },
  { code: "de-health-worker", rate: "0.0875", ceiling: "5812.50" },
  { code: "de-health-platform", rate: "0.0875", ceiling: "5812.50" },
] as const;

const events = Array.from({ length: EVENTS }, (_, k) =>
  payoutEvent({
    id: `gc-${k}`,
    worker: `w-gc-${k % WORKERS}`,
    amount: formatMinor(20_000 + ((k * 7_919) % 20_000), "EUR"),
    occurredAt: `2026-03-${String(1 + (k % 28)).padStart(2, "0")}T12:00:00Z`,
  }),
);
const refused = Array.from({ length: REFUSED }, (_, k) =>
  payoutEvent({
    id: `gc-refused-${k}`,
    worker: `w-gc-${k % WORKERS}`,
    amount: "100.00",
    occurredAt: "2030-03-10T12:00:00Z",
  }),
);

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [copy[i], copy[k]] = [copy[k]!, copy[i]!];
  }
  return copy;
}

/** Cents owed on a base: round half up (rate × min(base, ceiling)) to the cent, by hand with Dec. */
function owedCents(rate: string, ceiling: string, base: Dec): number {
  return new Dec(rate)
    .times(Dec.min(base, new Dec(ceiling)))
    .times(100)
    .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
    .toNumber();
}

interface Answer {
  id: string;
  status: number;
  body: { status?: string; contributions?: unknown[]; type?: string };
}

let instance: LocalInstance;
let answers: Answer[];

beforeAll(async () => {
  instance = await startLocalInstance();
  const platform = await instance.createPlatform("group-commit");
  const random = prng(20_261_202);
  const sends = shuffled([...events, ...shuffled(events, random).slice(0, REDELIVERED), ...refused], random);
  answers = [];
  let next = 0;
  const connection = async () => {
    while (next < sends.length) {
      const event = sends[next++]!;
      const res = await platform.sender.send(event, `msg_${event.id}`);
      answers.push({ id: event.id, status: res.status, body: (await res.json()) as Answer["body"] });
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, connection));
}, 120_000);
afterAll(async () => {
  await instance.close();
});

describe("500 single-event deliveries from 64 connections, 30 % redelivered", () => {
  it("were written in groups of more than one delivery", () => {
    const { groups, deliveries } = instance.deps.ledger.written;
    expect(deliveries).toBe(EVENTS + REDELIVERED + REFUSED);
    expect(groups).toBeLessThan(deliveries);
  });

  it("answer each event once 201 and its redelivery 200 duplicate with the same figures; each refused delivery its own 422", () => {
    expect(answers).toHaveLength(EVENTS + REDELIVERED + REFUSED);
    for (const event of events) {
      const copies = answers.filter((a) => a.id === event.id);
      expect(copies.map((a) => a.status).sort(), event.id).toEqual(copies.length === 2 ? [200, 201] : [201]);
      expect(
        copies.map((a) => a.body.contributions),
        event.id,
      ).toEqual(copies.map(() => copies[0]!.body.contributions));
    }
    expect(answers.filter((a) => a.id.startsWith("gc-refused-")).map((a) => [a.status, a.body.type])).toEqual(
      refused.map(() => [422, "https://contribution-ledger.dev/problems/occurred-at-out-of-range"]),
    );
  });

  it("leave exactly one effect per event: one event row, four entries, each accrual numbered 1..25", async () => {
    const rows = await instance.database.db.all<{ event_id: string; n: number }>(
      sql`SELECT event_id, count(*) AS n FROM ledger_events GROUP BY event_id`,
    );
    expect(rows).toHaveLength(EVENTS);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    const entries = await entriesOf(instance);
    expect(entries).toHaveLength(EVENTS * RULES.length);
    const workerOf = new Map(events.map((e) => [e.id, e.worker.id]));
    for (let w = 0; w < WORKERS; w++) {
      for (const { code } of RULES) {
        const seqs = entries
          .filter((e) => e.rule_code === code && workerOf.get(e.event_id) === `w-gc-${w}`)
          .map((e) => e.seq);
        expect(
          seqs.sort((a, b) => a - b),
          `w-gc-${w} ${code}`,
        ).toEqual(Array.from({ length: EVENTS / WORKERS }, (_, k) => k + 1));
      }
    }
  });

  it("accrue for every worker and rule the contribution on the worker's summed base", async () => {
    const entries = await entriesOf(instance);
    for (let w = 0; w < WORKERS; w++) {
      const mine = events.filter((e) => e.worker.id === `w-gc-${w}`);
      const base = mine.reduce((sum, e) => sum.plus(e.amount), new Dec(0));
      expect(base.gt(new Dec("5812.50")) && base.lt(new Dec("8450"))).toBe(true);
      const ids = new Set(mine.map((e) => e.id));
      for (const { code, rate, ceiling } of RULES) {
        const list = entries
          .filter((e) => e.rule_code === code && ids.has(e.event_id))
          .sort((a, b) => a.seq - b.seq);
        const owed = owedCents(rate, ceiling, base);
        expect(
          list.reduce((sum, e) => sum + e.amount_minor, 0),
          `w-gc-${w} ${code}`,
        ).toBe(owed);
        expect(list.at(-1)!.rounded_to_date_minor, `w-gc-${w} ${code}`).toBe(owed);
      }
    }
  });

  it("keep every ledger invariant", async () => {
    await instance.deps.sealer.flush();
    const check = await checkLedger(instance.database.db);
    expect(check.ok, formatLedgerCheck(check)).toBe(true);
  });
});

describe("a full write queue", () => {
  let small: LocalInstance;
  afterAll(async () => {
    await small.close();
  });

  it("answers 503 with Retry-After to the deliveries beyond it, records nothing of them, and records them when redelivered", async () => {
    small = await startLocalInstance({ groupCommit: { ...DEFAULT_GROUP_COMMIT, maxQueuedEvents: 1 } });
    const platform = await small.createPlatform("small-queue");
    const sent = events.slice(0, 20);
    const first = await Promise.all(
      sent.map(async (event) => ({ event, res: await platform.sender.send(event, `msg_${event.id}`) })),
    );
    const busy = first.filter((f) => f.res.status === 503);
    expect(first.map((f) => f.res.status).filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(busy.length).toBeGreaterThan(0);
    for (const { res } of busy) {
      expect(res.headers.get("retry-after")).toBe("1");
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as { type: string }).type).toBe(
        "https://contribution-ledger.dev/problems/ledger-busy",
      );
    }
    expect((await ledgerCounts(small)).events).toBe(sent.length - busy.length);
    for (const { event } of busy)
      expect((await platform.sender.send(event, `msg_${event.id}`)).status).toBe(201);
    expect(await ledgerCounts(small)).toEqual({ events: sent.length, entries: sent.length * RULES.length });
  });
});
