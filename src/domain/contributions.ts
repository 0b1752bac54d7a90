/**
 * Exact, drift-free pro-rata contributions (docs/design.md §4.1).
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
import type { ComponentType } from "./components.js";
import type { Condition } from "./conditions.js";
import { versionsInForce } from "./dated.js";
import { Dec, roundToMinor, type RoundingMode } from "./money.js";
import type { PeriodKind } from "./periods.js";
import { applyScale, type Bracket } from "./scale.js";

export type Payer = "worker" | "platform";
export const SCHEMES = [
  "pension",
  "health",
  "social_security",
  "employment_injury",
  "welfare",
  "unemployment",
] as const;
export type Scheme = (typeof SCHEMES)[number];

/**
 * Share of the payout's base components that forms the contribution base: one fraction, or a table keyed
 * by a task attribute (Singapore's fixed expense deduction by vehicle: car 0.4, motorcycle 0.65, ...), whose
 * `fallback` serves payouts without that attribute (null: such a payout lacks a fact the rule needs).
 */
export type BaseFraction =
  | { by: null; value: Dec }
  | { by: string; values: ReadonlyMap<string, Dec>; fallback: Dec | null };

/**
 * Who a period-to-date base belongs to: `person` (the worker identity across every platform that sends
 * the same national id) or `platform` (each platform's payouts to the worker accrue apart, as Singapore's
 * CPF assesses each platform operator on its own).
 */
export type Assessment = "person" | "platform";

/** A dated version of a contribution rule, parsed for computation. Thresholds/amounts in `currency` major units. */
export interface RuleVersion {
  id: number;
  code: string;
  jurisdiction: string;
  scheme: Scheme;
  payer: Payer;
  baseFraction: BaseFraction;
  /** Component types whose sum forms the base (default every type but reimbursement). */
  baseComponents: readonly ComponentType[];
  assessment: Assessment;
  /** Compiled `applies_when`; null applies to every payout of the jurisdiction. */
  condition: Condition | null;
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

export const EMPTY_ACCRUAL: Accrual = {
  seq: 0,
  baseToDate: new Dec(0),
  exactToDate: new Dec(0),
  roundedToDateMinor: 0,
};

/**
 * One accrual step. `baseDelta` is the change of the contribution base in the rule's currency, already
 * multiplied by the base fraction (positive for a payout, negative for a reversal).
 * Returns the next running totals and the contribution of this step in integer minor units.
 * Throws if the period-to-date base would become negative (a reversal larger than what was accrued).
 */
export function accrue(
  rule: RuleVersion,
  before: Accrual,
  baseDelta: Dec,
): { after: Accrual; amountMinor: number } {
  const baseToDate = before.baseToDate.plus(baseDelta);
  if (baseToDate.isNegative())
    throw new RangeError(`period-to-date base of ${rule.code} would fall below zero`);
  const exactToDate = before.exactToDate
    .plus(applyScale(rule.brackets, baseToDate))
    .minus(applyScale(rule.brackets, before.baseToDate));
  const roundedToDateMinor = roundToMinor(exactToDate, rule.currency, rule.rounding);
  return {
    after: { seq: before.seq + 1, baseToDate, exactToDate, roundedToDateMinor },
    amountMinor: roundedToDateMinor - before.roundedToDateMinor,
  };
}

/**
 * The base fraction of a rule for a payout with task `attributes`: `{fraction}`, with `by`/`value` when a
 * table chose it, or `{missing}` naming the attribute the payout must carry (no value and no fallback).
 */
export function baseFractionFor(
  rule: Pick<RuleVersion, "baseFraction">,
  attributes: Readonly<Record<string, string>>,
): { fraction: Dec; by?: string; value?: string } | { missing: string } {
  const table = rule.baseFraction;
  if (table.by === null) return { fraction: table.value };
  const value = attributes[table.by];
  const chosen = value === undefined ? undefined : table.values.get(value);
  if (chosen) return { fraction: chosen, by: table.by, value };
  if (table.fallback)
    return { fraction: table.fallback, by: table.by, ...(value === undefined ? {} : { value }) };
  return { missing: `task.attributes.${table.by}` };
}

/**
 * Rule versions charged on a local date in a jurisdiction: enacted ones, the version of each code in force
 * on `day` (src/domain/dated.ts), in publication (id) order. Proposed rules are published for
 * transparency but never charged.
 */
export function rulesInForce(
  rules: readonly RuleVersion[],
  jurisdiction: string,
  day: string,
): RuleVersion[] {
  const enacted = rules.filter((r) => r.jurisdiction === jurisdiction && r.status === "enacted");
  return versionsInForce(enacted, (r) => r.code, day).sort((a, b) => a.id - b.id);
}
