/**
 * Concurrency under load (issue "Proven robustness"; docs/design.md §4.3, 4.4): 10,000 single-event deliveries
 * (npm run soak; 3,000 in npm test) from 20 concurrent senders to TWO real servers in their own processes
 * on ONE database file (as two Node instances behind a load balancer, or two isolates on one D1/libSQL
 * database), 30 % of the events delivered twice with the same webhook-id: half of those redeliveries in
 * parallel with the first delivery and to the other server, half later in random order. 100 German workers
 * (30 in npm test) share two months (March and April 2026), 50 payouts each a month of 100.00–299.99 EUR,
 * so every month's base (~10,000 EUR) crosses both 2026 ceilings (pension 8,450 EUR, health 5,812.50 EUR),
 * which makes the result order-dependent per event and order-independent per month only if no running
 * total was read twice.
 *
 * A 503 (ledger busy) is redelivered, as a platform would, after a short pause. Afterwards:
 * - each event was recorded by exactly one answer (201), every other answer was a 200 duplicate with the
 *   same contributions;
 * - every (worker, rule, month) total equals the oracle computed once from the month's total base, by
 *   hand with Dec: round half up (rate × min(base, ceiling)) with the seeded 2026 rates, 9.3 % pension and
 *   8.75 % health for each of worker and platform (docs/design.md §3: 18.6 % pension; 14.6 % + 2.9 % health);
 * - every ledger invariant holds (scripts/lib/invariants.ts), including "no event counted twice".
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../../bench/lib/server-process.js";
import { webhookSender, type Sender } from "../../scripts/lib/deliver.js";
import { checkLedger, formatLedgerCheck } from "../../scripts/lib/invariants.js";
import { openLibsql, type Database } from "../../src/db/client.js";
import { Dec, formatMinor } from "../../src/domain/money.js";
import { payoutEvent } from "../support/ledger-test-kit.js";
import { prng } from "../support/prng.js";

const SOAK = process.env.SOAK === "1";
const EVENTS = SOAK ? 10_000 : 3_000;
const WORKERS = SOAK ? 100 : 30;
const SENDERS = 20;
const REDELIVERED_SHARE = 0.3;
const MONTHS = ["2026-03", "2026-04"] as const;
const RULES = [
  { codes: ["de-pension-worker", "de-pension-platform"], rate: "0.093", ceiling: "8450" },
  { codes: ["de-health-worker", "de-health-platform"], rate: "0.0875", ceiling: "5812.50" },
] as const;

const random = prng(20_260_301);

/** Fisher–Yates shuffle with `random`. */
function shuffled<T>(list: readonly T[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [copy[i], copy[k]] = [copy[k]!, copy[i]!];
  }
  return copy;
}

/** Event j: worker j mod 100, month by (j div 100) mod 2, day 1..28, 100.00 + (7,919 j mod 20,000) / 100 EUR. */
const events = Array.from({ length: EVENTS }, (_, j) => {
  const month = MONTHS[Math.floor(j / WORKERS) % 2]!;
  const day = String(1 + (Math.floor(j / (2 * WORKERS)) % 28)).padStart(2, "0");
  return payoutEvent({
    id: `cc-${j}`,
    worker: `cw-${j % WORKERS}`,
    amount: formatMinor(10_000 + ((7_919 * j) % 20_000), "EUR"),
    occurredAt: `${month}-${day}T12:00:00Z`,
  });
});

interface Answer {
  id: string;
  status: number;
  contributions: unknown;
}

let dir: string;
let servers: ServerProcess[];
let database: Database;
let answers: Answer[];
let busyRetries = 0;

/** Sends one delivery, redelivering (same webhook-id) after a pause while the ledger answers 503. */
async function deliver(sender: Sender, event: (typeof events)[number]): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    const res = await sender.send(event, `msg_${event.id}`);
    const body = (await res.json()) as { contributions?: unknown };
    if (res.status !== 503 || attempt === 20)
      return { id: event.id, status: res.status, contributions: body.contributions };
    busyRetries++;
    await new Promise((resolve) => setTimeout(resolve, 5 + random() * 20 * attempt));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "robust-concurrency-"));
  const dbPath = join(dir, "ledger.db");
  const first = await startServerProcess({ dbPath });
  servers = [first, await startServerProcess({ dbPath, keys: first.keys })];
  const platform = await first.createPlatform("concurrent");
  const senders = await Promise.all(
    servers.map((s) => webhookSender(s.baseUrl, platform.slug, platform.webhookSecret)),
  );

  // Jobs in random order: a first delivery alone, or with a parallel redelivery to the other server;
  // the later redeliveries are shuffled into the second half of the queue.
  const order = shuffled(events.map((_, j) => j));
  const redelivered = order.slice(0, Math.round(EVENTS * REDELIVERED_SHARE));
  const parallel = new Set(redelivered.slice(0, redelivered.length / 2));
  const later = redelivered.slice(redelivered.length / 2);
  const jobs: number[][] = order.map((j) => (parallel.has(j) ? [j, j] : [j]));
  for (const j of later) jobs.splice(Math.floor(jobs.length / 2 + random() * (jobs.length / 2)), 0, [j]);

  answers = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, s) => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const results = await Promise.all(
          job.map((j, copy) => deliver(senders[(s + copy) % servers.length]!, events[j]!)),
        );
        answers.push(...results);
      }
    }),
  );
  database = await openLibsql(`file:${dbPath}`);
}, 300_000);

afterAll(async () => {
  database?.close();
  await Promise.all((servers ?? []).map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe(`${EVENTS} deliveries from ${SENDERS} senders to two servers on one database, 30 % redelivered`, () => {
  it("answers every delivery 201 once per event and 200 duplicate with the same figures otherwise", () => {
    expect(answers).toHaveLength(EVENTS + Math.round(EVENTS * REDELIVERED_SHARE));
    expect(
      answers.filter((a) => a.status !== 201 && a.status !== 200).map((a) => `${a.id}: ${a.status}`),
    ).toEqual([]);
    const byId = new Map<string, Answer[]>();
    for (const a of answers) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
    expect(byId.size).toBe(EVENTS);
    for (const [id, copies] of byId) {
      expect(
        copies.filter((c) => c.status === 201),
        id,
      ).toHaveLength(1);
      for (const c of copies) expect(c.contributions, id).toEqual(copies[0]!.contributions);
    }
    console.info(`concurrency: ${answers.length} answers, ${busyRetries} redeliveries after 503`);
  });

  it("equals per worker, rule and month the oracle computed once from the month's total base", async () => {
    const base = new Map<string, Dec>();
    for (const e of events) {
      const key = `p1:${e.worker.id}|${e.occurred_at.slice(0, 7)}`;
      base.set(key, (base.get(key) ?? new Dec(0)).plus(e.amount));
    }
    const expected = new Map<string, number>();
    for (const [key, total] of base) {
      const [subject, month] = key.split("|") as [string, string];
      for (const rule of RULES) {
        const cents = new Dec(rule.rate)
          .times(Dec.min(total, new Dec(rule.ceiling)))
          .times(100)
          .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
          .toNumber();
        for (const code of rule.codes) expected.set(`${subject}|${code}|${month}`, cents);
      }
    }
    const rows = await database.db.all<{
      subject_key: string;
      rule_code: string;
      period_key: string;
      total: number;
    }>(
      sql`SELECT subject_key, rule_code, period_key, sum(amount_minor) AS total FROM ledger_entries GROUP BY subject_key, rule_code, period_key`,
    );
    const actual = new Map(
      rows.map((r) => [`${r.subject_key}|${r.rule_code}|${r.period_key}`, Number(r.total)]),
    );
    expect(actual.size).toBe(WORKERS * MONTHS.length * 4);
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    // The months really cross both ceilings, so the oracle is not a plain sum of per-payout rates.
    expect([...base.values()].every((b) => b.gt(8450))).toBe(true);
  });

  it("keeps every event once and every ledger invariant", async () => {
    const [row] = await database.db.all<{ events: number; distinct_ids: number }>(
      sql`SELECT count(*) AS events, count(DISTINCT event_id) AS distinct_ids FROM ledger_events`,
    );
    expect([Number(row!.events), Number(row!.distinct_ids)]).toEqual([EVENTS, EVENTS]);
    const check = await checkLedger(database.db);
    expect(
      check.checks.filter((c) => c.violations > 0),
      formatLedgerCheck(check),
    ).toEqual([]);
    expect(check.entries).toBe(EVENTS * 4);
  });
});
