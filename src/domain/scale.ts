/**
 * Scales over a period-to-date contribution base: marginal rates (like OpenFisca `marginal_rate`) plus
 * fixed amounts (docs/design.md §3.1, ../shared/cases/README.md "rules v2").
 *
 * A scale is a list of brackets `{threshold, rate, amount?}` with ascending thresholds starting at 0. The
 * rate of a bracket applies to the part of the base between its threshold and the next one; its amount
 * (a fixed sum in the rule's currency, default 0) is due once the base EXCEEDS its threshold:
 *   scale(B) = Σ_k ( [B > t_k] · amount_k + rate_k · clamp(B − t_k, 0, t_{k+1} − t_k) )
 * A flat rate r with ceiling C is [{0, r}, {C, 0}]; a band is [{0, 0}, {L, r}, {U, r2}]; a flat monthly
 * due D is [{0, 0, D}]; a cliff (Singapore CPF: 7% of the whole once above S$50) is [{0, 0}, {50, 0.07,
 * 3.50}]. Thresholds and amounts are in the rule's currency (major units). No rounding happens here.
 */
import { Dec } from "./money.js";

export interface Bracket {
  threshold: Dec;
  rate: Dec;
  /** Fixed sum due once the base exceeds `threshold` (none: 0). */
  amount?: Dec;
}

/** Exact contribution on a period-to-date base `x` (already multiplied by the base fraction); x may be 0. */
export function applyScale(brackets: readonly Bracket[], x: Dec): Dec {
  let total = new Dec(0);
  for (const [k, { threshold, rate, amount }] of brackets.entries()) {
    if (x.lte(threshold)) break;
    const next = brackets[k + 1]?.threshold;
    const top = next && x.gt(next) ? next : x;
    if (amount) total = total.plus(amount);
    total = total.plus(rate.times(top.minus(threshold)));
  }
  return total;
}
