/**
 * Effective pay (ILO criterion 3, fair pay): a worker's paid earnings per hour of task time, month by
 * month, compared with the statutory minimum wage of the worker's jurisdiction (table `minimum_wages`,
 * seeded from src/db/seed/minimum-wages.ts).
 *
 * Definition. Only payouts that carry a task duration (`ledger_events.task_duration_s` > 0) count. For a
 * month (the payout's local month), jurisdiction and minimum-wage version:
 *   earnings = Σ payout amounts − Σ their reversals (a reversed task took the same time and paid less),
 *   hours    = Σ task_duration_s / 3600,   hourly = earnings / hours  (exact, Dec).
 * A reversal counts in its payout's month, at its payout's conversion rate (docs/design.md §4.2).
 * Minimum wage: the version of the payout's jurisdiction in force on the payout's local date (latest
 * `effective_from` on or before it, `effective_to` exclusive), so a month in which the minimum changed
 * gives one line per version. Currency: a payout in another currency than the minimum wage's is converted
 * at the ECB reference rate of its local date (latest quote at most ECB_MAX_AGE_DAYS earlier, cross rates
 * through EUR, src/domain/fx.ts), carried unrounded; with no rate the payout stays in its own currency and
 * its line is not compared (`no_exchange_rate`). Without a minimum wage the line stays in the payout
 * currency (`no_minimum_wage`).
 * Verdict: `below_minimum` when the exact hourly figure is lower than the minimum, else
 * `at_or_above_minimum`. Displayed amounts are rounded half-up to the currency's minor unit; the verdict is
 * taken before rounding.
 *
 * Time on tasks is all the ledger knows: unpaid time (finding tasks, unpaid qualification work, waiting;
 * about 20 minutes per paid hour in the ILO survey of microworkers) is not in it, so real pay per hour
 * worked is lower. Whether a minimum wage law covers a platform worker is a legal question this does not
 * answer.
 *
 * Two halves: the I/O `loadPayContext` (minimum wages of the events' jurisdictions and the ECB quotes the
 * conversions need) and the pure `effectivePay` / `countWorkersUnderMinimum`.
 */
import { versionInForce } from "../domain/dated.js";
import { asc, inArray, type InferSelectModel } from "drizzle-orm";
import type { Db } from "../db/database.js";
import type { FxRates } from "../db/fx-repo.js";
import { minimumWages } from "../db/schema.js";
import { ecbCrossRate, type EcbQuote } from "../domain/fx.js";
import { compositeKey, countBy, groupBy, sumBy, type NonEmpty } from "../domain/grouping.js";
import { Dec, formatAmount, fromMinor } from "../domain/money.js";
import { byKeys, compareCodeUnits } from "../domain/ordering.js";
import type { EventRow } from "../ledger/event-result.js";
import type {
  EffectivePayLine,
  EffectivePayMonth,
  MinimumWageRef,
  PayVerdict,
} from "../schemas/worker-record.js";
import type { z } from "zod";
import type { underMinimumCountSchema } from "../agency-reports/monthly-report-schema.js";

export type MinimumWageRow = InferSelectModel<typeof minimumWages>;

/**
 * The event fields effective pay reads (a ledger_events row has them all). `count` (default 1): how many
 * events of one day, jurisdiction, currency and kind this one stands for when a reader summed them in SQL
 * (src/worker-record/worker-record.ts, report-fair-pay.ts); `amountMinor` and `taskDurationS` are then their sums.
 * Events of one such bucket share their minimum wage and conversion rate, so the lines are the same.
 */
export type PayEvent = Pick<
  EventRow,
  | "platformId"
  | "eventId"
  | "type"
  | "reversesEventId"
  | "localDate"
  | "jurisdiction"
  | "amountMinor"
  | "currency"
  | "taskDurationS"
> & { count?: number };

/** Minimum wages and ECB quotes, prepared by `loadPayContext` (or by hand in a test). */
export interface PayContext {
  wages: readonly MinimumWageRow[];
  /** ECB quote of `currency` per EUR for local date `day` (undefined for none; never asked for EUR). */
  quote(currency: string, day: string): EcbQuote | undefined;
}

const quoteKey = (currency: string, day: string) => `${currency}|${day}`;

/** The version of `jurisdiction` in force on local date `day` (src/domain/dated.ts). */
export function minimumWageOn(
  wages: readonly MinimumWageRow[],
  jurisdiction: string,
  day: string,
): MinimumWageRow | undefined {
  return versionInForce(
    wages.filter((w) => w.jurisdiction === jurisdiction),
    day,
  );
}

/** Units of `to` per unit of `from` on `day` from the context's quotes, or undefined without one. */
function rateOn(context: PayContext, from: string, to: string, day: string): Dec | undefined {
  if (from === to) return new Dec(1);
  const fromQuote = from === "EUR" ? undefined : context.quote(from, day);
  const toQuote = to === "EUR" ? undefined : context.quote(to, day);
  if ((from !== "EUR" && !fromQuote) || (to !== "EUR" && !toQuote)) return undefined;
  return new Dec(ecbCrossRate(from, to, fromQuote, toQuote).rate);
}

const wageRef = (w: MinimumWageRow): MinimumWageRef => ({
  id: w.id,
  name: w.name,
  jurisdiction: w.jurisdiction,
  hourly: w.hourlyRate,
  currency: w.currency,
  effective_from: w.effectiveFrom,
  effective_to: w.effectiveTo,
  source: { title: w.sourceTitle, url: w.sourceUrl, retrieved: w.sourceRetrieved },
  ...(w.note ? { note: w.note } : {}),
});

/** A payout with a task duration, priced: its line's key and fields, and the rate its amount converts at. */
interface PricedPayout {
  event: PayEvent;
  key: string;
  month: string;
  currency: string;
  wage: MinimumWageRow | undefined;
  reason: EffectivePayLine["not_compared_reason"];
  /** Units of the line's currency per unit of the payout's (1 when not converted). */
  rate: Dec;
}

const hasDuration = (e: PayEvent): e is PayEvent & { taskDurationS: number } =>
  e.taskDurationS !== null && e.taskDurationS > 0;

/** A payout with a task duration, priced against the minimum wage in force on its day (module doc). */
function pricePayout(e: PayEvent, context: PayContext): PricedPayout {
  const month = e.localDate.slice(0, 7);
  const wage = minimumWageOn(context.wages, e.jurisdiction, e.localDate);
  const rate = wage ? rateOn(context, e.currency, wage.currency, e.localDate) : undefined;
  const compared = wage !== undefined && rate !== undefined;
  const currency = compared ? wage.currency : e.currency;
  return {
    event: e,
    key: compositeKey(month, e.jurisdiction, currency, wage?.id ?? "-"),
    month,
    currency,
    wage,
    reason: wage === undefined ? "no_minimum_wage" : rate === undefined ? "no_exchange_rate" : undefined,
    rate: compared ? rate : new Dec(1),
  };
}

/** One line from its priced payouts and their reversals (each at its payout's rate): earnings, hours, verdict. */
function payLine(payouts: NonEmpty<PricedPayout>, reversals: readonly PricedPayout[]): EffectivePayLine {
  const { month, event, currency, wage, reason } = payouts[0];
  const converted = (p: PricedPayout, amountMinor: number) =>
    fromMinor(amountMinor, p.event.currency).times(p.rate);
  const earnings = reversals.reduce(
    (sum, r) => sum.minus(converted(r, r.event.amountMinor)),
    sumBy(payouts, (p) => converted(p, p.event.amountMinor)),
  );
  const seconds = countBy(payouts, (p) => p.event.taskDurationS ?? 0);
  const hourly = earnings.times(3600).div(seconds);
  const verdict: PayVerdict =
    reason !== undefined || !wage
      ? "not_compared"
      : hourly.lt(wage.hourlyRate)
        ? "below_minimum"
        : "at_or_above_minimum";
  return {
    month,
    jurisdiction: event.jurisdiction,
    currency,
    payouts: countBy(payouts, (p) => p.event.count ?? 1),
    reversals: countBy(reversals, (r) => r.event.count ?? 1),
    task_seconds: seconds,
    earnings: formatAmount(earnings, currency),
    hourly: formatAmount(hourly, currency),
    converted_from: [...new Set(payouts.map((p) => p.event.currency).filter((c) => c !== currency))].sort(
      compareCodeUnits,
    ),
    minimum_wage: wage ? wageRef(wage) : null,
    verdict,
    ...(reason ? { not_compared_reason: reason } : {}),
  };
}

/** Lines within a month: by jurisdiction, currency and minimum-wage start date (code-unit order). */
const lineOrder = byKeys<EffectivePayLine>(
  (l) => l.jurisdiction,
  (l) => l.currency,
  (l) => l.minimum_wage?.effective_from ?? "",
);

/**
 * Effective pay of one worker's events (any order), month by month in ascending order; within a month
 * the lines are sorted by jurisdiction, currency and minimum-wage start date. Months with payouts but no
 * duration appear with no lines. Pure.
 */
export function effectivePay(events: readonly PayEvent[], context: PayContext): EffectivePayMonth[] {
  const payouts = events.filter((e) => e.type === "payout");
  const untimed = groupBy(
    payouts.filter((e) => !hasDuration(e)),
    (e) => e.localDate.slice(0, 7),
  );
  const priced = payouts.filter(hasDuration).map((e) => pricePayout(e, context));
  const pricedOf = new Map(priced.map((p) => [eventKey(p.event.platformId, p.event.eventId), p]));
  // A reversal takes its payout's line and rate; a reversal of a payout without duration is left out.
  const reversals = events.flatMap((e) => {
    const payout =
      e.type === "reversal" ? pricedOf.get(eventKey(e.platformId, e.reversesEventId ?? "")) : undefined;
    return payout ? [{ ...payout, event: e }] : [];
  });
  const reversalsOf = groupBy(reversals, (r) => r.key);
  const lines = [...groupBy(priced, (p) => p.key)].map(([key, group]) =>
    payLine(group, reversalsOf.get(key) ?? []),
  );
  const linesOf = groupBy(lines, (l) => l.month);
  const months = [...new Set([...untimed.keys(), ...linesOf.keys()])].sort(compareCodeUnits);
  return months.map((month) => ({
    month,
    lines: [...(linesOf.get(month) ?? [])].sort(lineOrder),
    payouts_without_duration: countBy(untimed.get(month) ?? [], (e) => e.count ?? 1),
  }));
}

const eventKey = (platformId: number, eventId: string) => `${platformId}:${eventId}`;

/** Count of workers for the agency report: how many were assessed, and how many fell under the minimum. */
/** Counts of workers against the minimum wage in a month (the report's `fair_pay`; schema in ./monthly-report-schema.ts). */
export type UnderMinimumCount = z.infer<typeof underMinimumCountSchema>;

/**
 * ILO criterion 3 for an agency's monthly report: among the workers whose payouts in `jurisdiction`
 * carry task durations in local month `month` ("YYYY-MM"), how many earned less than the minimum wage
 * per hour of task time (see the module docstring for the definition). `workers` holds each worker's
 * events (payouts of the month and their reversals suffice; other events are ignored). A worker counts
 * once, under the minimum when any of its lines for that month and jurisdiction is (a month in which the
 * minimum changed has one line per version). Pure.
 */
export function countWorkersUnderMinimum(
  workers: Iterable<readonly PayEvent[]>,
  context: PayContext,
  jurisdiction: string,
  month: string,
): UnderMinimumCount {
  const count: UnderMinimumCount = { workers_compared: 0, workers_under_minimum: 0, workers_not_compared: 0 };
  for (const events of workers) {
    const lines = effectivePay(events, context)
      .filter((m) => m.month === month)
      .flatMap((m) => m.lines)
      .filter((l) => l.jurisdiction === jurisdiction);
    if (lines.length === 0) continue;
    const compared = lines.filter((l) => l.verdict !== "not_compared");
    if (compared.length === 0) count.workers_not_compared += 1;
    else {
      count.workers_compared += 1;
      if (compared.some((l) => l.verdict === "below_minimum")) count.workers_under_minimum += 1;
    }
  }
  return count;
}

/**
 * Loads what `effectivePay` needs for `events`: the minimum wages of their jurisdictions (every version)
 * and, through the FX cache, the ECB quotes of each (currency, local date) a conversion to a minimum
 * wage's currency will ask for. Two kinds of reads; quotes are cached by FxRates.
 */
export async function loadPayContext(db: Db, fx: FxRates, events: readonly PayEvent[]): Promise<PayContext> {
  const jurisdictions = [...new Set(events.map((e) => e.jurisdiction))];
  const wages =
    jurisdictions.length === 0
      ? []
      : await db
          .select()
          .from(minimumWages)
          .where(inArray(minimumWages.jurisdiction, jurisdictions))
          .orderBy(asc(minimumWages.id));
  const needed = new Set<string>();
  for (const e of events) {
    if (e.type !== "payout" || e.taskDurationS === null || e.taskDurationS <= 0) continue;
    const wage = minimumWageOn(wages, e.jurisdiction, e.localDate);
    if (!wage || wage.currency === e.currency) continue;
    for (const currency of [e.currency, wage.currency])
      if (currency !== "EUR") needed.add(quoteKey(currency, e.localDate));
  }
  const quotes = new Map<string, EcbQuote | undefined>();
  await Promise.all(
    [...needed].map(async (key) => {
      const [currency, day] = key.split("|") as [string, string];
      quotes.set(key, await fx.quote(currency, day));
    }),
  );
  return { wages, quote: (currency, day) => quotes.get(quoteKey(currency, day)) };
}
