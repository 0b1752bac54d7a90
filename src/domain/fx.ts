/**
 * Currency conversion of a payout into a rule's currency.
 *
 * ECB euro foreign exchange reference rates are quoted as units of a currency per 1 EUR
 * (source: European Central Bank, https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/).
 * A cross rate goes through EUR: rate(from -> to) = perEur(to) / perEur(from), carried at 40 significant
 * digits and never rounded to a minor unit (docs/design.md §4.2).
 */
import { defined } from "./invariant.js";
import { Dec } from "./money.js";

/** Quote of one currency per EUR on a date; EUR itself is 1. */
export interface EcbQuote {
  currency: string;
  rateDate: string;
  unitsPerEur: string;
}

/** The conversion applied to a payout: `rate` units of the rule currency per unit of payout currency. */
export interface FxConversion {
  rate: string;
  source: string;
}

/** Longest gap, in days, between a payout's local date and the ECB rate used (weekends and holidays). */
export const ECB_MAX_AGE_DAYS = 7;

/**
 * Cross rate from ECB quotes of the same lookup: units of `to` per unit of `from`.
 * `fromQuote`/`toQuote` are undefined for EUR. Returns the rate and a source naming the dates used.
 */
export function ecbCrossRate(
  from: string,
  to: string,
  fromQuote: EcbQuote | undefined,
  toQuote: EcbQuote | undefined,
): FxConversion {
  const fromPerEur =
    from === "EUR" ? new Dec(1) : new Dec(defined(fromQuote, `the ECB quote of ${from}`).unitsPerEur);
  const toPerEur =
    to === "EUR" ? new Dec(1) : new Dec(defined(toQuote, `the ECB quote of ${to}`).unitsPerEur);
  const dates = [fromQuote, toQuote]
    .filter((q): q is EcbQuote => q !== undefined)
    .map((q) => `${q.currency} ${q.rateDate}`);
  return { rate: toPerEur.div(fromPerEur).toString(), source: `ECB reference rate (${dates.join(", ")})` };
}

/** Days between two ISO dates (a - b), by UTC calendar arithmetic (no time zone involved). */
export function daysBetween(a: string, b: string): number {
  return (Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}
