/**
 * Exact, drift-free pro-rata contributions (DESIGN.md 4.1).
 *
 * The ledger carries, per (worker, rule code, accrual period), the period-to-date contribution base,
 * the exact unrounded contribution to date and the rounded contribution to date (integer minor units).
 * A payout's contribution is the increase of the rounded total:
 *   exact_i   = exact_{i-1} + scale_r(B_i) − scale_r(B_{i-1})     (r = rule version in force for the payout)
 *   contrib_i = round(exact_i) − round(exact_{i-1})
 * so 10,000 payouts of 0.01 USD at 12.4% give exactly 12.40 USD, and a period's sum equals the
 * contribution on its total base whatever the order of arrival. A reversal is the same step with a
 * negative base delta, computed under the original payout's rule version.
 */
import { Dec, roundToMinor, type RoundingMode } from "./money.js";
import type { PeriodKind } from "./periods.js";
import { applyScale, type Bracket } from "./scale.js";

export type Payer = "worker" | "platform";
export const SCHEMES = ["pension", "health", "social_security", "employment_injury", "welfare", "unemployment"] as const;
export type Scheme = (typeof SCHEMES)[number];

/** A dated version of a contribution rule, parsed for computation. Thresholds/amounts in `currency` major units. */
export interface RuleVersion {
  id: number;
  code: string;
  jurisdiction: string;
  scheme: Scheme;
  payer: Payer;
  baseFraction: Dec;
  brackets: Bracket[];
  period: PeriodKind;
  taxYearStart: string | null;
  currency: string;
  rounding: RoundingMode;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: "enacted" | "proposed";
}

/** Running totals of one accrual (worker, rule code, period); `seq` counts its entries (0 = none yet). */
export interface Accrual {
  seq: number;
  baseToDate: Dec;
  exactToDate: Dec;
  roundedToDateMinor: number;
}

export const EMPTY_ACCRUAL: Accrual = { seq: 0, baseToDate: new Dec(0), exactToDate: new Dec(0), roundedToDateMinor: 0 };

/**
 * One accrual step. `baseDelta` is the change of the contribution base in the rule's currency, already
 * multiplied by the base fraction (positive for a payout, negative for a reversal).
 * Returns the next running totals and the contribution of this step in integer minor units.
 * Throws if the period-to-date base would become negative (a reversal larger than what was accrued).
 */
export function accrue(rule: RuleVersion, before: Accrual, baseDelta: Dec): { after: Accrual; amountMinor: number } {
  const baseToDate = before.baseToDate.plus(baseDelta);
  if (baseToDate.isNegative()) throw new RangeError(`period-to-date base of ${rule.code} would fall below zero`);
  const exactToDate = before.exactToDate.plus(applyScale(rule.brackets, baseToDate)).minus(applyScale(rule.brackets, before.baseToDate));
  const roundedToDateMinor = roundToMinor(exactToDate, rule.currency, rule.rounding);
  return {
    after: { seq: before.seq + 1, baseToDate, exactToDate, roundedToDateMinor },
    amountMinor: roundedToDateMinor - before.roundedToDateMinor,
  };
}

/** The contribution base of a converted payout amount under a rule: amount × base fraction. */
export function contributionBase(rule: RuleVersion, convertedAmount: Dec): Dec {
  return convertedAmount.times(rule.baseFraction);
}

/**
 * Rule versions in force on a local date for a jurisdiction: enacted, effective_from <= day < effective_to.
 * Proposed rules are published for transparency but never charged. At most one version per code is
 * expected; if two overlap, the later effective_from wins.
 */
export function rulesInForce(rules: readonly RuleVersion[], jurisdiction: string, day: string): RuleVersion[] {
  const byCode = new Map<string, RuleVersion>();
  for (const rule of rules) {
    if (rule.jurisdiction !== jurisdiction || rule.status !== "enacted") continue;
    if (rule.effectiveFrom > day || (rule.effectiveTo !== null && rule.effectiveTo <= day)) continue;
    const current = byCode.get(rule.code);
    if (!current || current.effectiveFrom < rule.effectiveFrom) byCode.set(rule.code, rule);
  }
  return [...byCode.values()].sort((a, b) => a.id - b.id);
}
