/**
 * Turns validated new events into ledger rows (phase 1: legs; phase 2: accrual), without writing.
 *
 * A payout gets one leg per rule version in force on its local date in its jurisdiction's zone; a
 * reversal gets one negative leg per entry of the payout it reverses, in that payout's period, at
 * that payout's exchange rate and rule version. Anything impossible becomes a Rejection for that
 * event alone; the other events of the batch go on.
 */
import { accrue, contributionBase, rulesInForce, type Accrual, type RuleVersion, EMPTY_ACCRUAL } from "../domain/contributions.js";
import { ecbCrossRate, type FxConversion } from "../domain/fx.js";
import { Dec, fromMinor, parseMinor } from "../domain/money.js";
import { localDate, periodKey } from "../domain/periods.js";
import type { FxRates } from "../db/fx-repo.js";
import type { JurisdictionRow } from "../db/rules-repo.js";
import type { ledgerEntries, ledgerEvents } from "../db/schema.js";
import type { PayoutEvent } from "../schemas/payout-event.js";
import type { EntryRow, EventRow } from "./event-result.js";
import { accrualId, type AccrualKey } from "./ledger-reads.js";
import type { Rejection } from "./rejection.js";

export type NewEventRow = typeof ledgerEvents.$inferInsert & Pick<EventRow, "eventId" | "type" | "workerRef" | "jurisdiction" | "amountMinor" | "currency" | "reversesEventId">;
export type NewEntryRow = typeof ledgerEntries.$inferInsert & Pick<EntryRow, "ruleCode" | "scheme" | "payer" | "periodKey" | "baseDelta" | "amountMinor" | "currency" | "fxRate">;

/** An event with its legs, before accrual. */
export interface Draft {
  row: NewEventRow;
  legs: Leg[];
}

interface Leg extends AccrualKey {
  rule: RuleVersion;
  periodKey: string;
  month: string;
  baseDelta: Dec;
  fx: FxConversion | null;
}

/** What a payout left in the ledger, for reversals: its event row and its entries. */
export interface ReversalTarget {
  event: Pick<EventRow, "eventId" | "type" | "workerRef" | "amountMinor" | "currency" | "subjectKey">;
  entries: Pick<EntryRow, "ruleId" | "periodKey" | "month" | "accrualKey" | "fxRate" | "fxSource">[];
  reversedMinor: number;
  count: number;
}

export interface DraftContext {
  platformId: number;
  receivedAt: string;
  jurisdictions: Map<string, JurisdictionRow>;
  rules: RuleVersion[];
  rulesById: Map<number, RuleVersion>;
  fx: FxRates;
  subjectKeyOf(event: PayoutEvent): Promise<{ subjectKey: string; nationalIdHash: string | null }>;
  /** Reversal targets by payout id; new payouts of the same batch are added as they are drafted. */
  targets: Map<string, ReversalTarget>;
}

async function conversion(ctx: DraftContext, event: PayoutEvent, rule: RuleVersion, day: string): Promise<FxConversion | null | Rejection> {
  if (event.currency === rule.currency) return null;
  if (event.fx_rate) return { rate: event.fx_rate, source: "event" };
  const [from, to] = await Promise.all([
    event.currency === "EUR" ? undefined : ctx.fx.quote(event.currency, day),
    rule.currency === "EUR" ? undefined : ctx.fx.quote(rule.currency, day),
  ]);
  if ((event.currency !== "EUR" && !from) || (rule.currency !== "EUR" && !to)) {
    return { code: "fx-rate-unavailable", detail: `no ECB reference rate for ${event.currency}->${rule.currency} within 7 days before ${day}; send fx_rate with the event` };
  }
  return ecbCrossRate(event.currency, rule.currency, from, to);
}

function accrualKeyOf(rule: RuleVersion, period: string, platformId: number, payoutId: string): string {
  return rule.period === "transaction" ? `${period}#${platformId}:${payoutId}` : period;
}

/** Phase 1: the legs of one new event, or why it cannot be recorded. */
export async function draftEvent(ctx: DraftContext, event: PayoutEvent, contentHash: string): Promise<Draft | Rejection> {
  const amountMinor = parseMinor(event.amount, event.currency)!;
  const jurisdiction = ctx.jurisdictions.get(event.worker.country);
  const day = localDate(new Date(event.occurred_at), jurisdiction?.timezone ?? "UTC");
  const { subjectKey, nationalIdHash } = await ctx.subjectKeyOf(event);
  const row: NewEventRow = {
    platformId: ctx.platformId,
    eventId: event.id,
    type: event.type,
    contentHash,
    occurredAt: new Date(event.occurred_at).toISOString(),
    localDate: day,
    jurisdiction: event.worker.country,
    workerRef: event.worker.id,
    subjectKey,
    nationalIdHash,
    amountMinor,
    currency: event.currency,
    reversesEventId: event.reverses ?? null,
    reversalNo: null,
    taskId: event.task?.id ?? null,
    taskType: event.task?.type ?? null,
    taskDurationS: event.task?.duration_s ?? null,
    receivedAt: ctx.receivedAt,
  };
  return event.type === "payout" ? draftPayout(ctx, event, row, jurisdiction) : draftReversal(ctx, event, row);
}

async function draftPayout(ctx: DraftContext, event: PayoutEvent, row: NewEventRow, jurisdiction: JurisdictionRow | undefined): Promise<Draft | Rejection> {
  const legs: Leg[] = [];
  const rules = jurisdiction ? rulesInForce(ctx.rules, jurisdiction.code, row.localDate) : [];
  for (const rule of rules) {
    const fx = await conversion(ctx, event, rule, row.localDate);
    if (fx && "code" in fx) return fx;
    const converted = fromMinor(row.amountMinor, row.currency).times(fx ? fx.rate : 1);
    const period = periodKey(row.localDate, rule.period, rule.taxYearStart);
    legs.push({
      rule,
      subjectKey: row.subjectKey,
      ruleCode: rule.code,
      accrualKey: accrualKeyOf(rule, period, ctx.platformId, event.id),
      periodKey: period,
      month: row.localDate.slice(0, 7),
      baseDelta: contributionBase(rule, converted),
      fx,
    });
  }
  ctx.targets.set(event.id, {
    event: row,
    entries: legs.map((l) => ({ ruleId: l.rule.id, periodKey: l.periodKey, month: l.month, accrualKey: l.accrualKey, fxRate: l.fx?.rate ?? null, fxSource: l.fx?.source ?? null })),
    reversedMinor: 0,
    count: 0,
  });
  return { row, legs };
}

function draftReversal(ctx: DraftContext, event: PayoutEvent, row: NewEventRow): Draft | Rejection {
  const target = ctx.targets.get(event.reverses!);
  if (!target || target.event.type !== "payout") {
    return { code: "reversal-target-unknown", detail: `no payout "${event.reverses}" of this platform to reverse` };
  }
  if (target.event.workerRef !== event.worker.id || target.event.currency !== event.currency || target.event.subjectKey !== row.subjectKey) {
    return { code: "reversal-mismatch", detail: `a reversal must name the same worker and currency as payout "${event.reverses}"` };
  }
  const remaining = target.event.amountMinor - target.reversedMinor;
  if (row.amountMinor > remaining) {
    return { code: "reversal-exceeds-remaining", detail: `the reversal exceeds what remains of payout "${event.reverses}" (${fromMinor(remaining, row.currency).toString()} ${row.currency})` };
  }
  target.reversedMinor += row.amountMinor;
  target.count += 1;
  row.reversalNo = target.count;
  const amount = fromMinor(row.amountMinor, row.currency);
  const legs = target.entries.map((entry): Leg => {
    const rule = ctx.rulesById.get(entry.ruleId)!;
    const converted = amount.times(entry.fxRate ?? 1);
    return {
      rule,
      subjectKey: row.subjectKey,
      ruleCode: rule.code,
      accrualKey: entry.accrualKey,
      periodKey: entry.periodKey,
      month: entry.month,
      baseDelta: contributionBase(rule, converted).negated(),
      fx: entry.fxRate ? { rate: entry.fxRate, source: entry.fxSource ?? "payout" } : null,
    };
  });
  return { row, legs };
}

/** Accrual keys the drafts touch, to read their latest running totals in one go. */
export function accrualKeysOf(drafts: readonly Draft[]): AccrualKey[] {
  return drafts.flatMap((d) => d.legs.map(({ subjectKey, ruleCode, accrualKey }) => ({ subjectKey, ruleCode, accrualKey })));
}

/**
 * Phase 2: accrues the legs of one draft on the running totals (updated in place on success) and
 * returns its entry rows; a Rejection leaves the totals untouched.
 */
export function accrueDraft(draft: Draft, states: Map<string, Accrual>): NewEntryRow[] | Rejection {
  const next = new Map<string, Accrual>();
  const rows: NewEntryRow[] = [];
  for (const leg of draft.legs) {
    const id = accrualId(leg);
    const before = next.get(id) ?? states.get(id) ?? EMPTY_ACCRUAL;
    let step: ReturnType<typeof accrue>;
    try {
      step = accrue(leg.rule, before, leg.baseDelta);
    } catch (error) {
      if (error instanceof RangeError) return { code: "reversal-exceeds-remaining", detail: error.message };
      throw error;
    }
    next.set(id, step.after);
    rows.push({
      platformId: draft.row.platformId,
      eventId: draft.row.eventId,
      ruleId: leg.rule.id,
      ruleCode: leg.rule.code,
      jurisdiction: leg.rule.jurisdiction,
      scheme: leg.rule.scheme,
      payer: leg.rule.payer,
      subjectKey: leg.subjectKey,
      periodKey: leg.periodKey,
      month: leg.month,
      accrualKey: leg.accrualKey,
      seq: step.after.seq,
      baseDelta: leg.baseDelta.toString(),
      baseToDate: step.after.baseToDate.toString(),
      exactToDate: step.after.exactToDate.toString(),
      roundedToDateMinor: step.after.roundedToDateMinor,
      amountMinor: step.amountMinor,
      currency: leg.rule.currency,
      fxRate: leg.fx?.rate ?? null,
      fxSource: leg.fx?.source ?? null,
    });
  }
  for (const [id, state] of next) states.set(id, state);
  return rows;
}
