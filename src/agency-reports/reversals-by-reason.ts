/**
 * Reversals and reversed amounts by reason, per platform (issue 16, "Non-payment made visible"): the
 * agency's per-month view (GET /v1/reports/reversals) and a section of the platform-work report
 * (src/agency-reports/platform-work.ts) both read this one query.
 *
 * A reversal is counted in its payout's local month (as its negative entries are, docs/design.md §4.3), for the
 * jurisdiction of that payout, and only when its ledger sequence is ≤ `upToSeq` (the sealed chain head
 * the caller reports), so a report over a closed head never changes. `reason` is the one the platform
 * sent, or "unspecified" (src/domain/reversal-reasons.ts). Amounts: the sum of the reversals' integer
 * `amount_minor` in their own currency, rendered as a decimal string (exact, Dec).
 *
 * One SQL statement: payouts of the jurisdiction and months (index ledger_events_jurisdiction_day)
 * joined to their reversals (index ledger_events_reversal_no) and to the platform's slug.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { COUNTED_REASONS, type CountedReason } from "../domain/reversal-reasons.js";
import { formatMinor } from "../domain/money.js";
import type { ReasonLine } from "../schemas/platform-work.js";
import { byKeys } from "../domain/ordering.js";
import { nextMonth } from "../domain/months.js";
import type { ReversalsAnswer } from "../schemas/platform-work.js";
import { findClose } from "./monthly-report.js";
import type { ReportDeps } from "./report-deps.js";

/**
 * Reversals of payouts dated (local date) in [`fromDay`, `toDayExclusive`) in `jurisdiction`, with
 * sequence ≤ `upToSeq`, grouped by platform slug, reason and currency; sorted by platform, reason (in
 * COUNTED_REASONS order) and currency.
 */
export async function reversalsByReason(
  db: Db,
  jurisdiction: string,
  fromDay: string,
  toDayExclusive: string,
  upToSeq: number,
): Promise<ReasonLine[]> {
  const rows = await db.all<{
    platform: string;
    reason: string;
    currency: string;
    reversals: number;
    amount_minor: number;
  }>(sql`
    SELECT p.slug AS platform, coalesce(r.reversal_reason, 'unspecified') AS reason, r.currency AS currency,
           count(*) AS reversals, sum(r.amount_minor) AS amount_minor
    FROM ledger_events o
    JOIN ledger_events r ON r.platform_id = o.platform_id AND r.reverses_event_id = o.event_id AND r.type = 'reversal'
    JOIN platforms p ON p.id = o.platform_id
    WHERE o.jurisdiction = ${jurisdiction} AND o.local_date >= ${fromDay} AND o.local_date < ${toDayExclusive}
      AND o.type = 'payout' AND r.id <= ${upToSeq}
    GROUP BY p.slug, reason, r.currency`);
  const order = (reason: string) => COUNTED_REASONS.indexOf(reason as CountedReason);
  return rows
    .map((r) => ({
      platform: r.platform,
      reason: r.reason as CountedReason,
      currency: r.currency,
      reversals: Number(r.reversals),
      amount: formatMinor(Number(r.amount_minor), r.currency),
    }))
    .sort(
      byKeys(
        (l) => l.platform,
        (l) => order(l.reason),
        (l) => l.currency,
      ),
    );
}

/**
 * A month's reversals by reason in `jurisdiction` (GET /v1/reports/reversals): for a closed month up to
 * the close's chain head (so it never changes), else up to the head sealed now.
 */
export async function reversalsReport(
  deps: Pick<ReportDeps, "database" | "sealer">,
  jurisdiction: string,
  period: string,
): Promise<ReversalsAnswer> {
  const close = await findClose(deps.database.db, jurisdiction, period);
  const head = close
    ? { event_seq: close.chainHeadSeq, hash: close.chainHeadHash }
    : await deps.sealer.flush().then((h) => ({ event_seq: h.eventSeq, hash: h.hash }));
  const from = `${period}-01`;
  const to = `${nextMonth(period)}-01`;
  const lines = await reversalsByReason(deps.database.db, jurisdiction, from, to, head.event_seq);
  return { jurisdiction, period, chain_head: head, reversals: lines };
}
