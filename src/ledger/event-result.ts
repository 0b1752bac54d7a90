/**
 * The answer a platform gets for one event: contributions per applied rule, what to withhold from the
 * worker and what the platform owes. Built from ledger rows only, so a first delivery and a redelivery
 * (status "duplicate") give the same figures. The shapes are src/schemas/payout-result.ts's.
 */
import type { InferSelectModel } from "drizzle-orm";
import { Dec, formatAmount, formatMinor } from "../domain/money.js";
import type { ledgerEntries, ledgerEvents } from "../db/schema.js";
import { whyInEnglish } from "../i18n/why.js";
import type { EventResult, Money } from "../schemas/payout-result.js";

export type EventRow = InferSelectModel<typeof ledgerEvents>;
export type EntryRow = InferSelectModel<typeof ledgerEntries>;
/** The event columns a result is built from (also what a drafted event row must carry: draft-events.ts). */
export type EventFields = Pick<
  EventRow,
  "eventId" | "type" | "workerRef" | "jurisdiction" | "amountMinor" | "currency" | "reversesEventId"
>;
/** The entry columns a contribution line is built from (also required of a drafted entry row). */
export type EntryFields = Pick<
  EntryRow,
  | "ruleCode"
  | "scheme"
  | "payer"
  | "periodKey"
  | "baseDelta"
  | "amountMinor"
  | "currency"
  | "fxRate"
  | "basis"
>;

export type { ContributionLine, EventResult, Money } from "../schemas/payout-result.js";

function totalsFor(entries: readonly EntryFields[], payer: "worker" | "platform"): Money[] {
  const sums = new Map<string, number>();
  for (const e of entries)
    if (e.payer === payer) sums.set(e.currency, (sums.get(e.currency) ?? 0) + e.amountMinor);
  return [...sums].map(([currency, minor]) => ({ amount: formatMinor(minor, currency), currency }));
}

function why(basis: string | null): { why?: string[] } {
  const words = whyInEnglish([basis]);
  return words.length > 0 ? { why: words } : {};
}

export function toEventResult(
  status: EventResult["status"],
  event: EventFields,
  entries: readonly EntryFields[],
): EventResult {
  return {
    id: event.eventId,
    status,
    type: event.type,
    ...(event.reversesEventId ? { reverses: event.reversesEventId } : {}),
    worker: { id: event.workerRef, country: event.jurisdiction },
    amount: { amount: formatMinor(event.amountMinor, event.currency), currency: event.currency },
    contributions: entries.map((e) => ({
      rule: e.ruleCode,
      scheme: e.scheme,
      payer: e.payer,
      period: e.periodKey,
      base: formatAmount(new Dec(e.baseDelta), e.currency),
      amount: formatMinor(e.amountMinor, e.currency),
      currency: e.currency,
      ...(e.fxRate ? { fx_rate: e.fxRate } : {}),
      ...why(e.basis),
    })),
    withhold_from_worker: totalsFor(entries, "worker"),
    platform_owes: totalsFor(entries, "platform"),
  };
}
