/**
 * The fair-pay count of an agency's monthly report (ILO criterion 3): how many workers of `jurisdiction`
 * earned less than the minimum wage per hour of task time in local month `period`, counting only events
 * with ledger sequence ≤ `upToSeq` (the report's chain head). Definition and figures:
 * src/worker-record/effective-pay.ts (`countWorkersUnderMinimum`, `loadPayContext`).
 *
 * Reads, in ONE statement, the month's payouts with a task duration (local date in the month) and the
 * reversals of them, summed in SQL per bucket: worker, payout currency, minimum-wage version in force on
 * the payout's day (resolved here per day of the month, src/domain/dated.ts), and the day itself only when
 * the payout currency is not the wage's (each day converts at its own ECB rate). Inside a bucket every
 * payout has the same wage and conversion rate, so its summed amounts and durations give
 * `effectivePay` exactly the line the single payouts would: each bucket is handed on as one payout
 * (sums of amount and duration) and one reversal (sum of its reversals). Payouts without a duration
 * count in no line, so they are left out here. Memory grows with the month's workers, not its events.
 */
import { eq, sql } from "drizzle-orm";
import { versionInForce } from "../domain/dated.js";
import { minimumWages } from "../db/schema.js";
import { groupBy } from "../domain/grouping.js";
import type { ReportDeps } from "./report-deps.js";
import {
  countWorkersUnderMinimum,
  loadPayContext,
  type PayEvent,
  type UnderMinimumCount,
} from "../worker-record/effective-pay.js";
import { nextMonth } from "../domain/months.js";

/** The local dates "YYYY-MM-DD" of month `period`. */
function daysOf(period: string): string[] {
  const days: string[] = [];
  const end = `${nextMonth(period)}-01`;
  for (let day = new Date(`${period}-01T00:00:00Z`); ; day = new Date(day.getTime() + 86_400_000)) {
    const text = day.toISOString().slice(0, 10);
    if (text >= end) return days;
    days.push(text);
  }
}

/** One bucket as the statement returns it (a JSON array, in this order). */
type Bucket = [
  subject: string,
  currency: string,
  day: string,
  payouts: number,
  minor: string,
  seconds: number,
  reversals: number,
  reversedMinor: string,
];

/** A bucket as `effectivePay` reads it: one payout event `eventId` standing for the bucket's payouts and, when some were reversed, one reversal of it. */
function bucketEvents(
  [, currency, day, , minor, seconds, reversals, reversedMinor]: Bucket,
  eventId: string,
  jurisdiction: string,
): PayEvent[] {
  const common = { platformId: 0, jurisdiction, currency, localDate: day };
  const payout: PayEvent = {
    ...common,
    eventId,
    type: "payout",
    reversesEventId: null,
    amountMinor: Number(minor),
    taskDurationS: seconds,
  };
  return reversals > 0
    ? [
        payout,
        {
          ...common,
          eventId: `${eventId}-r`,
          type: "reversal",
          reversesEventId: eventId,
          amountMinor: Number(reversedMinor),
          taskDurationS: null,
        },
      ]
    : [payout];
}

/** Workers compared / under the minimum / not compared, for `period` ("YYYY-MM") in `jurisdiction`. */
export async function reportFairPay(
  deps: Pick<ReportDeps, "database" | "fx">,
  jurisdiction: string,
  period: string,
  upToSeq: number,
): Promise<UnderMinimumCount> {
  const { db } = deps.database;
  const wages = await db.select().from(minimumWages).where(eq(minimumWages.jurisdiction, jurisdiction));
  const dayWages = daysOf(period).flatMap((day) => {
    const wage = versionInForce(wages, day);
    return wage ? [[day, wage.id, wage.currency]] : [];
  });
  const [row] = await db.all<{ buckets: string | null }>(sql`
    WITH d(day, wage_id, wage_currency) AS (SELECT value->>0, value->>1, value->>2 FROM json_each(${JSON.stringify(dayWages)})),
    p AS (
      SELECT ev.subject_key, ev.currency, ev.local_date, ev.amount_minor, ev.task_duration_s, d.wage_id,
             CASE WHEN d.wage_currency = ev.currency THEN '' ELSE ev.local_date END AS day_key,
             (SELECT count(*) FROM ledger_events rv WHERE rv.platform_id = ev.platform_id AND rv.reverses_event_id = ev.event_id AND rv.type = 'reversal' AND rv.id <= ${upToSeq}) AS rv_n,
             (SELECT coalesce(sum(rv.amount_minor), 0) FROM ledger_events rv WHERE rv.platform_id = ev.platform_id AND rv.reverses_event_id = ev.event_id AND rv.type = 'reversal' AND rv.id <= ${upToSeq}) AS rv_minor
      FROM ledger_events ev LEFT JOIN d ON d.day = ev.local_date
      WHERE ev.jurisdiction = ${jurisdiction} AND ev.local_date >= ${`${period}-01`} AND ev.local_date < ${`${nextMonth(period)}-01`}
        AND ev.type = 'payout' AND ev.id <= ${upToSeq} AND ev.task_duration_s > 0
    )
    SELECT json_group_array(json_array(subject_key, currency, day, n, minor, seconds, rv_n, rv_minor)) AS buckets FROM (
      SELECT subject_key, currency, min(local_date) AS day, count(*) AS n, CAST(sum(amount_minor) AS TEXT) AS minor, sum(task_duration_s) AS seconds,
             sum(rv_n) AS rv_n, CAST(sum(rv_minor) AS TEXT) AS rv_minor
      FROM p GROUP BY subject_key, currency, wage_id, day_key ORDER BY subject_key
    )`);
  const buckets = row?.buckets ? (JSON.parse(row.buckets) as Bucket[]) : [];
  const workers = [...groupBy(buckets, ([subject]) => subject).values()].map((mine) =>
    mine.flatMap((bucket, k) => bucketEvents(bucket, `bucket-${k}`, jurisdiction)),
  );
  const context = await loadPayContext(db, deps.fx, workers.flat());
  return countWorkersUnderMinimum(workers, context, jurisdiction, period);
}
