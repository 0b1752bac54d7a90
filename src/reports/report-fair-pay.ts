/**
 * The fair-pay count of an agency's monthly report (ILO criterion 3): how many workers of `jurisdiction`
 * earned less than the minimum wage per hour of task time in local month `period`, counting only events
 * with ledger sequence ≤ `upToSeq` (the report's chain head). Definition and figures:
 * src/reports/effective-pay.ts (`countWorkersUnderMinimum`, `loadPayContext`).
 *
 * Reads: the payouts of the month in the jurisdiction (local date in the month) and the reversals of
 * those payouts (whatever their own date), then the minimum wages and ECB quotes they need.
 */
import { and, eq, exists, gte, lt, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { ledgerEvents } from "../db/schema.js";
import type { AppDeps } from "../deps.js";
import { countWorkersUnderMinimum, loadPayContext, type PayEvent, type UnderMinimumCount } from "./effective-pay.js";
import { nextMonth } from "./months.js";

/** Workers compared / under the minimum / not compared, for `period` ("YYYY-MM") in `jurisdiction`. */
export async function reportFairPay(deps: Pick<AppDeps, "database" | "fx">, jurisdiction: string, period: string, upToSeq: number): Promise<UnderMinimumCount> {
  const { db } = deps.database;
  const payout = alias(ledgerEvents, "payout");
  const from = `${period}-01`;
  const to = `${nextMonth(period)}-01`;
  const inMonth = (localDate: typeof ledgerEvents.localDate | typeof payout.localDate) => and(gte(localDate, from), lt(localDate, to));
  const events = await db
    .select({
      subjectKey: ledgerEvents.subjectKey,
      platformId: ledgerEvents.platformId,
      eventId: ledgerEvents.eventId,
      type: ledgerEvents.type,
      reversesEventId: ledgerEvents.reversesEventId,
      localDate: ledgerEvents.localDate,
      jurisdiction: ledgerEvents.jurisdiction,
      amountMinor: ledgerEvents.amountMinor,
      currency: ledgerEvents.currency,
      taskDurationS: ledgerEvents.taskDurationS,
    })
    .from(ledgerEvents)
    .where(
      and(
        eq(ledgerEvents.jurisdiction, jurisdiction),
        lte(ledgerEvents.id, upToSeq),
        or(
          and(eq(ledgerEvents.type, "payout"), inMonth(ledgerEvents.localDate)),
          and(
            eq(ledgerEvents.type, "reversal"),
            exists(
              db
                .select({ one: sql`1` })
                .from(payout)
                .where(and(eq(payout.platformId, ledgerEvents.platformId), eq(payout.eventId, ledgerEvents.reversesEventId), inMonth(payout.localDate))),
            ),
          ),
        ),
      ),
    );
  const bySubject = new Map<string, PayEvent[]>();
  for (const { subjectKey, ...event } of events) {
    const list = bySubject.get(subjectKey) ?? [];
    list.push(event);
    bySubject.set(subjectKey, list);
  }
  const context = await loadPayContext(db, deps.fx, events);
  return countWorkersUnderMinimum(bySubject.values(), context, jurisdiction, period);
}
