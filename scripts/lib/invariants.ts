/**
 * Ledger invariants, checked over a whole database (npm run verify, the robustness tests, the soak and
 * the benchmarks' synthetic ledgers). Each check is one SQL statement that counts the violations, plus the
 * hash chain (seal.ts: sealed first, then recomputed from genesis).
 *
 * An accrual is (subject_key, rule_code, accrual_key); its entries carry the running totals after them.
 * - accrual-seq: each accrual's seq runs 1..n without gaps (the unique index forbids repeats).
 * - accrual-steps: each entry's amount_minor = its rounded_to_date_minor − the previous entry's (0 before seq 1).
 * - accrual-totals: Σ amount_minor of an accrual = rounded_to_date_minor of its last entry (max seq).
 * - entry-has-event: no entry without its event (joined on platform_id, event_id).
 * - event-counted-once: no event has two entries for one rule code.
 * - payout-has-entries: each payout has one entry per enacted rule code in force on its local date in its
 *   jurisdiction (effective_from ≤ local_date < effective_to), among rules published by the time the
 *   payout was received (contribution_rules.created_at ≤ received_at, both ISO 8601 UTC text).
 * - reversal-has-entries: each reversal has one entry per entry of the payout it reverses, same rule codes.
 * - chain: every event sealed and the chain recomputes (verifyChain).
 * Returns counts, never throws on a violation; `ok` is true when every check found none.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import { sealLedger, verifyChain } from "../../src/ledger/seal.js";
import type { VerifyReport } from "../../src/schemas/ledger-verify.js";

export interface InvariantCheck {
  name: string;
  /** Rows that break the invariant (0 when it holds). */
  violations: number;
  description: string;
}

export interface LedgerCheck {
  ok: boolean;
  events: number;
  entries: number;
  checks: InvariantCheck[];
  chain: VerifyReport;
}

const CHECKS: { name: string; description: string; count: ReturnType<typeof sql> }[] = [
  {
    name: "accrual-seq",
    description: "accruals whose seq is not 1..n without gaps",
    count: sql`SELECT count(*) AS n FROM (SELECT 1 FROM ledger_entries GROUP BY subject_key, rule_code, accrual_key HAVING min(seq) <> 1 OR max(seq) <> count(*))`,
  },
  {
    name: "accrual-steps",
    description: "entries whose amount_minor is not the step of the rounded running total",
    count: sql`SELECT count(*) AS n FROM (
      SELECT amount_minor, rounded_to_date_minor,
             lag(rounded_to_date_minor, 1, 0) OVER (PARTITION BY subject_key, rule_code, accrual_key ORDER BY seq) AS previous
      FROM ledger_entries) WHERE rounded_to_date_minor - previous <> amount_minor`,
  },
  {
    name: "accrual-totals",
    description: "accruals whose sum of entries differs from the running total of their last entry",
    count: sql`SELECT count(*) AS n FROM (
      SELECT sum(amount_minor) AS total,
             (SELECT l.rounded_to_date_minor FROM ledger_entries l
               WHERE l.subject_key = e.subject_key AND l.rule_code = e.rule_code AND l.accrual_key = e.accrual_key
               ORDER BY l.seq DESC LIMIT 1) AS last
      FROM ledger_entries e GROUP BY subject_key, rule_code, accrual_key) WHERE total <> last`,
  },
  {
    name: "entry-has-event",
    description: "entries without their event",
    count: sql`SELECT count(*) AS n FROM ledger_entries en
      WHERE NOT EXISTS (SELECT 1 FROM ledger_events ev WHERE ev.platform_id = en.platform_id AND ev.event_id = en.event_id)`,
  },
  {
    name: "event-counted-once",
    description: "events with two entries for one rule code",
    count: sql`SELECT count(*) AS n FROM (SELECT 1 FROM ledger_entries GROUP BY platform_id, event_id, rule_code HAVING count(*) > 1)`,
  },
  {
    name: "payout-has-entries",
    description: "payouts without exactly one entry per rule in force on their local date",
    count: sql`SELECT count(*) AS n FROM ledger_events ev
      WHERE ev.type = 'payout'
        AND (SELECT count(*) FROM ledger_entries en WHERE en.platform_id = ev.platform_id AND en.event_id = ev.event_id)
         <> (SELECT count(DISTINCT r.code) FROM contribution_rules r
              WHERE r.jurisdiction = ev.jurisdiction AND r.status = 'enacted' AND r.effective_from <= ev.local_date
                AND (r.effective_to IS NULL OR ev.local_date < r.effective_to) AND r.created_at <= ev.received_at)`,
  },
  {
    name: "reversal-has-entries",
    description: "reversals whose entries do not mirror their payout's rule codes",
    count: sql`SELECT count(*) AS n FROM ledger_events ev
      WHERE ev.type = 'reversal'
        AND (SELECT group_concat(rule_code, ',') FROM (SELECT rule_code FROM ledger_entries en
              WHERE en.platform_id = ev.platform_id AND en.event_id = ev.event_id ORDER BY rule_code))
        IS NOT (SELECT group_concat(rule_code, ',') FROM (SELECT rule_code FROM ledger_entries en
              WHERE en.platform_id = ev.platform_id AND en.event_id = ev.reverses_event_id ORDER BY rule_code))`,
  },
];

/** Seals what is unsealed, then runs every check; see the module docstring. */
export async function checkLedger(db: Db): Promise<LedgerCheck> {
  await sealLedger(db);
  const chain = await verifyChain(db);
  const checks: InvariantCheck[] = [];
  for (const check of CHECKS) {
    const [row] = await db.all<{ n: number }>(check.count);
    checks.push({ name: check.name, description: check.description, violations: Number(row?.n ?? 0) });
  }
  const chainBroken = !chain.ok || chain.unsealed_events > 0;
  checks.push({
    name: "chain",
    description: "events unsealed or not recomputing to their seal",
    violations: chainBroken ? Math.max(1, chain.unsealed_events) : 0,
  });
  const [size] = await db.all<{ events: number; entries: number }>(
    sql`SELECT (SELECT count(*) FROM ledger_events) AS events, (SELECT count(*) FROM ledger_entries) AS entries`,
  );
  return {
    ok: checks.every((c) => c.violations === 0),
    events: Number(size?.events ?? 0),
    entries: Number(size?.entries ?? 0),
    checks,
    chain,
  };
}

/** One line per check ("ok" or the count of violations), for the verify command and the soak. */
export function formatLedgerCheck(result: LedgerCheck): string {
  const n = new Intl.NumberFormat("en-US");
  const lines = [`ledger: ${n.format(result.events)} events, ${n.format(result.entries)} entries`];
  for (const c of result.checks)
    lines.push(
      `  ${c.violations === 0 ? "ok  " : "FAIL"} ${c.name}${c.violations === 0 ? "" : `: ${n.format(c.violations)} ${c.description}`}`,
    );
  return lines.join("\n");
}
