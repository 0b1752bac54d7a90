/**
 * A synthetic month of ledger rows, generated inside SQLite (INSERT … SELECT over a recursive CTE), for
 * the report and growth benchmarks: `workers` US workers of one platform with `eventsPerWorker` payouts
 * each in March 2026, every payout with its two entries (the seeded 2026 rules us-oasdi-se-worker, 12.4 %,
 * and us-medicare-se-worker, 2.9 %, both on 92.35 % of the payout; period "year" = "2026").
 *
 * Row shapes follow the ledger's (src/ledger/draft-events.ts), values follow its arithmetic exactly:
 * payout i (0-based) goes to worker w = i mod workers as its k-th payout (k = i div workers, seq = k + 1),
 * for A = 100 + (w mod 900) cents (1.00–9.99 USD), on day 1 + (k mod 28). In integer units:
 *   base_to_date (µUSD)     x = A · 9,235 · seq            (A cents · 0.01 · 0.9235 = A · 9,235 µUSD)
 *   exact_to_date (nUSD)    y = x · rate_milli             (12.4 % -> 124, 2.9 % -> 29)
 *   rounded_to_date_minor   (y + 5,000,000) div 10,000,000 (half up from nano-dollars to cents; y ≥ 0)
 *   amount_minor            rounded(seq) − rounded(seq − 1)
 * written as decimal strings with printf (base 6 decimals, exact 9), so every running total, step and sum
 * holds (scripts/lib/invariants.ts). Far below the OASDI cap (184,500 USD) and the Medicare step (200,000 USD).
 * The events are not sealed here; seal them with sealLedger before timing anything that reads the chain.
 */
import type { Client } from "@libsql/client";

export interface SyntheticMonth {
  platformId: number;
  workers: number;
  eventsPerWorker: number;
  /** Event ids are `${idPrefix}-${i}`. */
  idPrefix: string;
}

const RULES = [
  { code: "us-oasdi-se-worker", scheme: "pension", rateMilli: 124 },
  { code: "us-medicare-se-worker", scheme: "health", rateMilli: 29 },
] as const;

/**
 * Inserts the events and entries; returns how many of each. Integers are bound as BigInt: @libsql/client
 * binds a JavaScript number as REAL, which would turn integer arithmetic and text ("p1.0") into floats.
 */
export async function generateSyntheticMonth(
  client: Client,
  month: SyntheticMonth,
): Promise<{ events: number; entries: number }> {
  const events = month.workers * month.eventsPerWorker;
  const ruleIds: number[] = [];
  for (const rule of RULES) {
    const found = await client.execute({
      sql: "SELECT id FROM contribution_rules WHERE code = ? AND effective_from <= '2026-03-01' AND (effective_to IS NULL OR effective_to > '2026-03-31') AND status = 'enacted'",
      args: [rule.code],
    });
    if (found.rows.length !== 1)
      throw new Error(`expected one 2026 version of ${rule.code}, found ${found.rows.length}`);
    ruleIds.push(Number(found.rows[0]!.id));
  }
  const series = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${events - 1}),
    p AS (SELECT i, i % ${month.workers} AS w, i / ${month.workers} + 1 AS seq, 100 + (i % ${month.workers}) % 900 AS a FROM n)`;
  const day = "'2026-03-' || printf('%02d', 1 + (seq - 1) % 28)";
  await client.batch(
    [
      {
        sql: `INSERT INTO ledger_events (platform_id, event_id, type, content_hash, occurred_at, local_date, jurisdiction, worker_ref, subject_key,
                national_id_hash, amount_minor, currency, reverses_event_id, reversal_no, task_id, task_type, task_duration_s, received_at)
              ${series}
              SELECT ?, ? || '-' || i, 'payout', printf('%064x', i), ${day} || 'T12:00:00.000Z', ${day}, 'US', 'w' || w, 'p' || ? || ':w' || w,
                NULL, a, 'USD', NULL, NULL, NULL, 'synthetic', 60, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
              FROM p ORDER BY i`,
        args: [BigInt(month.platformId), month.idPrefix, BigInt(month.platformId)],
      },
      {
        sql: `INSERT INTO ledger_entries (platform_id, event_id, rule_id, rule_code, jurisdiction, scheme, payer, subject_key, period_key, month,
                accrual_key, seq, base_delta, base_to_date, exact_to_date, rounded_to_date_minor, amount_minor, currency, fx_rate, fx_source, worker_ref, event_type)
              ${series},
              r(rule_id, code, scheme, rate_milli, ord) AS (VALUES (?, ?, ?, ?, 0), (?, ?, ?, ?, 1)),
              v AS (SELECT p.*, r.*, a * 9235 AS d, a * 9235 * seq AS x, a * 9235 * seq * rate_milli AS y, a * 9235 * (seq - 1) * rate_milli AS y0 FROM p CROSS JOIN r)
              SELECT ?, ? || '-' || i, rule_id, code, 'US', scheme, 'worker', 'p' || ? || ':w' || w, '2026', '2026-03', '2026', seq,
                printf('%d.%06d', d / 1000000, d % 1000000), printf('%d.%06d', x / 1000000, x % 1000000), printf('%d.%09d', y / 1000000000, y % 1000000000),
                (y + 5000000) / 10000000, (y + 5000000) / 10000000 - (y0 + 5000000) / 10000000, 'USD', NULL, NULL, 'w' || w, 'payout'
              FROM v ORDER BY i, ord`,
        args: [
          ...RULES.flatMap((rule, k) => [
            BigInt(ruleIds[k]!),
            rule.code,
            rule.scheme,
            BigInt(rule.rateMilli),
          ]),
          BigInt(month.platformId),
          month.idPrefix,
          BigInt(month.platformId),
        ],
      },
    ],
    "write",
  );
  return { events, entries: events * RULES.length };
}
