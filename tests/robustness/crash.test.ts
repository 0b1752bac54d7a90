/**
 * Crash safety (issue "Proven robustness"): the real server in its own process replays real payouts
 * (scripts/lib/replay.ts, signed batches) and is killed with SIGKILL (kill -9: no cleanup, no flush) part
 * way through, at a random point while batches are in flight; it is restarted on the same database file
 * with the same keys and the file is replayed again, from the start (recorded events come back as
 * duplicates). npm test: data/crowdflower-sample.csv (2,002 rows) and one kill; npm run soak (SOAK=1):
 * the full ../shared/data/crowdflower-payouts.csv (111,139 rows) and three kills.
 *
 * Afterwards every invariant holds (scripts/lib/invariants.ts: running totals = sums of entries, seq
 * 1..n, every event with its entries and no entry without its event, the hash chain recomputes), and
 * the ledger equals, accrual by accrual and event by event, that of an uninterrupted replay of the same
 * file into a database that never crashed.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../../bench/lib/server-process.js";
import { checkLedger, formatLedgerCheck } from "../../scripts/lib/invariants.js";
import { replay, type ReplaySummary } from "../../scripts/lib/replay.js";
import { openLibsql } from "../../src/db/client.js";
import type { Db } from "../../src/db/client.js";

const SOAK = process.env.SOAK === "1";
const CSV = fileURLToPath(
  new URL(
    SOAK ? "../../../shared/data/crowdflower-payouts.csv" : "../../data/crowdflower-sample.csv",
    import.meta.url,
  ),
);
const KILLS = SOAK ? 3 : 1;
const BATCH = SOAK ? 500 : 20;
const CONCURRENCY = 4;
const SHIFT_TO = "2026-01-01";

interface LedgerState {
  events: number;
  /** subject|rule|accrual -> "sum of amount_minor / entries / last rounded total". */
  accruals: Map<string, string>;
  /** event id -> its entries' rule codes and base changes, sorted (amounts per event depend on arrival order; bases do not). */
  eventEntries: Map<string, string>;
}

async function ledgerState(db: Db): Promise<LedgerState> {
  const [count] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ledger_events`);
  const accruals = await db.all<{ k: string; v: string }>(sql`
    SELECT subject_key || '|' || rule_code || '|' || accrual_key AS k,
           sum(amount_minor) || ' / ' || count(*) || ' / ' || max(rounded_to_date_minor) AS v
    FROM ledger_entries GROUP BY subject_key, rule_code, accrual_key`);
  const legs = await db.all<{ event_id: string; leg: string | null }>(sql`
    SELECT ev.event_id, en.rule_code || '=' || en.base_delta AS leg
    FROM ledger_events ev LEFT JOIN ledger_entries en ON en.platform_id = ev.platform_id AND en.event_id = ev.event_id`);
  const byEvent = new Map<string, string[]>();
  for (const { event_id, leg } of legs)
    byEvent.set(event_id, [...(byEvent.get(event_id) ?? []), ...(leg === null ? [] : [leg])]);
  const eventEntries = new Map([...byEvent].map(([id, list]) => [id, list.sort().join(",")]));
  return { events: Number(count!.n), accruals: new Map(accruals.map((r) => [r.k, r.v])), eventEntries };
}

const replayInto = (
  server: ServerProcess,
  secret: string,
  options: { maxAttempts?: number; onEvents?: (events: number) => void } = {},
) =>
  replay({
    csvPath: CSV,
    baseUrl: server.baseUrl,
    platform: "crowdflower",
    secret,
    batchSize: BATCH,
    concurrency: CONCURRENCY,
    shiftTo: SHIFT_TO,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.onEvents ? { onProgress: (p) => options.onEvents!(p.events) } : {}),
  });

let dir: string;
let uninterrupted: LedgerState;
let crashed: LedgerState;
let crashedCheck: Awaited<ReturnType<typeof checkLedger>>;
let finalSummary: ReplaySummary;
const eventsAfterKill: number[] = [];

beforeAll(async () => {
  if (!existsSync(CSV)) throw new Error(`no ${CSV}`);
  dir = mkdtempSync(join(tmpdir(), "robust-crash-"));
  const referencePath = join(dir, "reference.db");
  const crashPath = join(dir, "crash.db");

  // The reference: one replay, no crash. Its fresh database (migrated, seeded, no platform yet) is
  // copied first to start the crashed one from the same state.
  const reference = await startServerProcess({ dbPath: referencePath });
  const copier = await openLibsql(`file:${referencePath}`);
  await copier.db.run(sql`VACUUM INTO ${crashPath}`);
  copier.close();
  try {
    const account = await reference.createPlatform("crowdflower");
    const summary = await replayInto(reference, account.webhookSecret);
    expect(summary.failedBatches).toBe(0);
  } finally {
    await reference.stop();
  }
  const referenceDb = await openLibsql(`file:${referencePath}`);
  uninterrupted = await ledgerState(referenceDb.db);
  referenceDb.close();

  // The crashed one: kill -9 at a random point of each of KILLS replays, then a last replay to the end.
  let server = await startServerProcess({ dbPath: crashPath });
  const keys = server.keys;
  const secret = (await server.createPlatform("crowdflower")).webhookSecret;
  for (let kill = 0; kill < KILLS; kill++) {
    const target = server;
    // Answered events count redelivered duplicates too: aim past those, into events not yet recorded.
    const recorded = eventsAfterKill.at(-1) ?? 0;
    const killAt = recorded + Math.floor((uninterrupted.events - recorded) * (0.15 + 0.7 * Math.random()));
    let killed: Promise<void> | undefined;
    await replayInto(target, secret, {
      maxAttempts: 1,
      onEvents: (events) => {
        if (events >= killAt) killed ??= target.kill9();
      },
    });
    await (killed ?? target.kill9());
    const db = await openLibsql(`file:${crashPath}`);
    eventsAfterKill.push((await ledgerState(db.db)).events);
    db.close();
    server = await startServerProcess({ dbPath: crashPath, keys });
  }
  try {
    finalSummary = await replayInto(server, secret);
  } finally {
    await server.stop();
  }
  const crashedDb = await openLibsql(`file:${crashPath}`);
  crashed = await ledgerState(crashedDb.db);
  crashedCheck = await checkLedger(crashedDb.db);
  crashedDb.close();
}, 600_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe(`kill -9 during a replay (${KILLS}×), restart, replay again`, () => {
  it("was killed part way each time, after recording new events but not all", () => {
    console.info(
      `crash: events in the ledger after each kill: ${eventsAfterKill.join(", ")} of ${uninterrupted.events}`,
    );
    expect(eventsAfterKill).toHaveLength(KILLS);
    for (const [k, n] of eventsAfterKill.entries()) {
      expect(n).toBeGreaterThan(k === 0 ? 0 : eventsAfterKill[k - 1]!);
      expect(n).toBeLessThan(uninterrupted.events);
    }
  });

  it("finishes the last replay with every batch answered and every valid event recorded once", () => {
    expect(finalSummary.failedBatches).toBe(0);
    expect(finalSummary.counts.recorded + finalSummary.counts.duplicate).toBe(uninterrupted.events);
    expect(finalSummary.counts.conflict).toBe(0);
  });

  it("holds every ledger invariant", () => {
    expect(
      crashedCheck.checks.filter((c) => c.violations > 0),
      formatLedgerCheck(crashedCheck),
    ).toEqual([]);
  });

  it("ends with the ledger of an uninterrupted replay: same events, entries (rules and bases) and period totals", () => {
    expect(crashed.events).toBe(uninterrupted.events);
    expect(crashed.accruals.size).toBe(uninterrupted.accruals.size);
    expect(Object.fromEntries(crashed.accruals)).toEqual(Object.fromEntries(uninterrupted.accruals));
    expect(crashed.eventEntries.size).toBe(uninterrupted.eventEntries.size);
    const differing = [...uninterrupted.eventEntries].filter(
      ([id, entries]) => crashed.eventEntries.get(id) !== entries,
    );
    expect(differing.slice(0, 5)).toEqual([]);
  });
});
