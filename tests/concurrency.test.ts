/**
 * Concurrency (docs/design.md §4.4) and tamper evidence (4.5) over HTTP on a real instance.
 *
 * 50 payouts for ONE DE worker in March 2026 are delivered in parallel, together with 20 parallel
 * redeliveries of the first 20. Payout i (1..50) is 100.00 + i × 1.37 EUR, so the month's base is
 * 50 × 100 + 1.37 × (1 + … + 50) = 5,000 + 1.37 × 1,275 = 6,746.75 EUR: above the health ceiling
 * (5,812.50) and below the pension ceiling (8,450). By hand:
 *   pension (each payer): round(0.093 × 6,746.75) = round(627.44775) = 627.45 EUR
 *   health (each payer):  round(0.0875 × 5,812.50) = round(508.59375) = 508.59 EUR
 * The test also recomputes these with Dec from the amounts it sent.
 *
 * In one Node process the embedded libSQL client runs each statement synchronously, so those 70 requests
 * never interleave between reading a running total and writing the next entry: they test idempotency
 * under parallel redelivery but never make two writers read the same total. The last part therefore adds
 * a second writer process on the same file (tests/support/second-writer.ts), as two Worker isolates on D1
 * or two servers on one libSQL database would be, so that the optimistic guard is actually exercised.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { Dec, formatMinor } from "../src/domain/money.js";
import { entriesOf, payoutEvent } from "./support/ledger-test-kit.js";

const COUNT = 50;
const REDELIVERED = 20;
const amountMinorOf = (i: number) => 10_000 + 137 * i;
const events = Array.from({ length: COUNT }, (_, k) =>
  payoutEvent({
    id: `conc-${k + 1}`,
    worker: "w-conc",
    amount: formatMinor(amountMinorOf(k + 1), "EUR"),
    occurredAt: `2026-03-${String(1 + (k % 28)).padStart(2, "0")}T12:00:00Z`,
  }),
);

/** Cents owed on a month's base: round half up (rate × min(base, ceiling)) to the cent, by hand with Dec. */
function owedCents(rate: string, ceiling: string, base: Dec): number {
  return new Dec(rate)
    .times(Dec.min(base, new Dec(ceiling)))
    .times(100)
    .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
    .toNumber();
}
const sumOf = (list: readonly { amount: string }[]) =>
  list.reduce((sum, e) => sum.plus(e.amount), new Dec(0));

let instance: LocalInstance;
let platform: PlatformAccount;
let responses: { id: string; status: number; body: { status: string; contributions: unknown[] } }[];

beforeAll(async () => {
  instance = await startLocalInstance();
  platform = await instance.createPlatform("busy-platform");
  const sends = [...events, ...events.slice(0, REDELIVERED)].map(async (event) => {
    const res = await platform.sender.send(event, `msg_${event.id}`);
    return {
      id: event.id,
      status: res.status,
      body: (await res.json()) as { status: string; contributions: unknown[] },
    };
  });
  responses = await Promise.all(sends);
});
afterAll(async () => {
  await instance.close();
});

describe("parallel deliveries for one worker", () => {
  it("record each event once: one 201 per event, 200 duplicate for the other copy", () => {
    expect(responses.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    for (const event of events) {
      const copies = responses.filter((r) => r.id === event.id);
      expect(copies.map((r) => r.status).sort()).toEqual(copies.length === 2 ? [200, 201] : [201]);
      // Both copies report the same figures.
      expect(copies.map((r) => r.body.contributions)).toEqual(
        copies.map(() => copies[0]!.body.contributions),
      );
    }
  });

  it("leave each event exactly once in ledger_events", async () => {
    const rows = await instance.database.db.all<{ event_id: string; n: number }>(
      sql`SELECT event_id, count(*) AS n FROM ledger_events GROUP BY event_id ORDER BY event_id`,
    );
    expect(rows).toHaveLength(COUNT);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  });

  it("accrue per (rule, period) what the month's whole base owes", async () => {
    const total = sumOf(events);
    expect(total.eq(new Dec("6746.75"))).toBe(true);
    const pension = owedCents("0.093", "8450", total);
    const health = owedCents("0.0875", "5812.50", total);
    expect([pension, health]).toEqual([62_745, 50_859]);
    const rows = await instance.database.db.all<{
      rule_code: string;
      period_key: string;
      total: number;
      last: number;
    }>(sql`
      SELECT rule_code, period_key, sum(amount_minor) AS total,
             (SELECT rounded_to_date_minor FROM ledger_entries l WHERE l.rule_code = e.rule_code AND l.period_key = e.period_key ORDER BY seq DESC LIMIT 1) AS last
      FROM ledger_entries e GROUP BY rule_code, period_key ORDER BY rule_code`);
    expect(rows.map((r) => [r.rule_code, r.period_key, Number(r.total), Number(r.last)])).toEqual([
      ["de-health-platform", "2026-03", health, health],
      ["de-health-worker", "2026-03", health, health],
      ["de-pension-platform", "2026-03", pension, pension],
      ["de-pension-worker", "2026-03", pension, pension],
    ]);
  });

  it("number each accrual's entries 1..n without gaps, each running total following the one before", async () => {
    const entries = await entriesOf(instance);
    const byRule = new Map<string, typeof entries>();
    for (const e of entries) byRule.set(e.rule_code, [...(byRule.get(e.rule_code) ?? []), e]);
    expect(byRule.size).toBe(4);
    for (const [rule, list] of byRule) {
      const ordered = [...list].sort((a, b) => a.seq - b.seq);
      expect(
        ordered.map((e) => e.seq),
        rule,
      ).toEqual(Array.from({ length: COUNT }, (_, k) => k + 1));
      let previous = 0;
      for (const e of ordered) {
        expect(e.rounded_to_date_minor - previous, `${rule} seq ${e.seq}`).toBe(e.amount_minor);
        previous = e.rounded_to_date_minor;
      }
    }
  });
});

describe("GET /v1/ledger/verify", () => {
  it("reports an intact chain over every event", async () => {
    const res = await instance.admin("GET", "/v1/ledger/verify");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, events_checked: COUNT, unsealed_events: 0 });
  });

  it("names the first broken link after an entry is changed in place", async () => {
    const [target] = await instance.database.db.all<{ seq: number; entry_id: number }>(sql`
      SELECT ev.id AS seq, en.id AS entry_id FROM ledger_events ev
      JOIN ledger_entries en ON en.platform_id = ev.platform_id AND en.event_id = ev.event_id
      WHERE ev.event_id = 'conc-17' ORDER BY en.id LIMIT 1`);
    const [earlier] = await instance.database.db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM ledger_events WHERE id < ${target!.seq}`,
    );
    await instance.database.db.run(
      sql`UPDATE ledger_entries SET amount_minor = amount_minor + 1 WHERE id = ${target!.entry_id}`,
    );
    const res = await instance.admin("GET", "/v1/ledger/verify");
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      ok: boolean;
      events_checked: number;
      first_broken?: { event_seq: number; reason: string };
    };
    expect(report.ok).toBe(false);
    expect(report.first_broken?.event_seq).toBe(target!.seq);
    expect(report.events_checked).toBe(Number(earlier!.n));
  });

  it("refuses callers without the admin key", async () => {
    const anonymous = await fetch(`${instance.baseUrl}/v1/ledger/verify`);
    expect(anonymous.status).toBe(401);
    const asPlatform = await fetch(`${instance.baseUrl}/v1/ledger/verify`, {
      headers: { authorization: `Bearer ${platform.apiKey}` },
    });
    expect(asPlatform.status).toBe(403);
  });
});

describe("two writer processes on one database file", () => {
  const HTTP_COUNT = 60;
  const CHILD_COUNT = 60;
  // HTTP side: 50.00 + i × 0.37 EUR, Σ = 3,000 + 0.37 × 1,830 = 3,677.10; other process: 40.00 + i × 0.53 EUR,
  // Σ = 2,400 + 0.53 × 1,830 = 3,369.90. Month total 7,047.00 EUR:
  //   pension round(0.093 × 7,047.00) = round(655.371) = 655.37; health round(0.0875 × 5,812.50) = 508.59.
  const viaHttp = Array.from({ length: HTTP_COUNT }, (_, k) =>
    payoutEvent({
      id: `http-${k + 1}`,
      worker: "w-two",
      amount: formatMinor(5_000 + 37 * (k + 1), "EUR"),
      occurredAt: "2026-04-15T12:00:00Z",
    }),
  );
  const viaChild = Array.from({ length: CHILD_COUNT }, (_, k) =>
    payoutEvent({
      id: `child-${k + 1}`,
      worker: "w-two",
      amount: formatMinor(4_000 + 53 * (k + 1), "EUR"),
      occurredAt: "2026-04-16T12:00:00Z",
    }),
  );
  let two: LocalInstance;
  let httpStatuses: number[];
  let childStatuses: string[];

  beforeAll(async () => {
    two = await startLocalInstance();
    const account = await two.createPlatform("two-writers");
    const [row] = await two.database.db.all<{ id: number }>(
      sql`SELECT id FROM platforms WHERE slug = 'two-writers'`,
    );
    const script = fileURLToPath(new URL("./support/second-writer.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script, two.dbPath, String(row!.id)], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const killer = setTimeout(() => child.kill(), 90_000);
    while (!output.includes("ready\n") && child.exitCode === null)
      await new Promise((resolve) => setTimeout(resolve, 10));
    child.stdin.end(JSON.stringify(viaChild));
    httpStatuses = await Promise.all(viaHttp.map(async (event) => (await account.sender.send(event)).status));
    expect(await exited).toBe(0);
    clearTimeout(killer);
    childStatuses = (JSON.parse(output.split("\n")[1]!) as { statuses: string[] }).statuses;
  });
  afterAll(async () => {
    await two.close();
  });

  const RULES = [
    ["de-pension-worker", "0.093", "8450"],
    ["de-pension-platform", "0.093", "8450"],
    ["de-health-worker", "0.0875", "5812.50"],
    ["de-health-platform", "0.0875", "5812.50"],
  ] as const;

  it("record every delivery of both writers, and the month owes what its whole base owes", async () => {
    expect(httpStatuses.filter((s) => s !== 201)).toEqual([]);
    expect(childStatuses.filter((s) => s !== "recorded")).toEqual([]);
    const total = sumOf([...viaHttp, ...viaChild]);
    expect(total.eq(new Dec("7047"))).toBe(true);
    expect([owedCents("0.093", "8450", total), owedCents("0.0875", "5812.50", total)]).toEqual([
      65_537, 50_859,
    ]);
    const entries = await entriesOf(two);
    for (const [rule, rate, ceiling] of RULES) {
      expect(
        entries.filter((e) => e.rule_code === rule).reduce((sum, e) => sum + e.amount_minor, 0),
        rule,
      ).toBe(owedCents(rate, ceiling, total));
    }
  });

  it("whatever was recorded: no lost update, seq 1..n without gaps, totals on the recorded base", async () => {
    const recorded = await two.database.db.all<{ amount_minor: number }>(
      sql`SELECT amount_minor FROM ledger_events`,
    );
    const base = recorded.reduce((sum, e) => sum.plus(new Dec(e.amount_minor).div(100)), new Dec(0));
    const entries = await entriesOf(two);
    for (const [rule, rate, ceiling] of RULES) {
      const list = entries.filter((e) => e.rule_code === rule).sort((a, b) => a.seq - b.seq);
      expect(
        list.map((e) => e.seq),
        rule,
      ).toEqual(Array.from({ length: recorded.length }, (_, k) => k + 1));
      expect(
        list.reduce((sum, e) => sum + e.amount_minor, 0),
        rule,
      ).toBe(owedCents(rate, ceiling, base));
      expect(list.at(-1)?.rounded_to_date_minor ?? 0, rule).toBe(owedCents(rate, ceiling, base));
    }
  });
});
