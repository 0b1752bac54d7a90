/**
 * Marginal-rate scales over a period-to-date contribution base (like OpenFisca `marginal_rate`).
 *
 * A scale is a list of brackets `{threshold, rate}` with ascending thresholds starting at 0; the rate
 * of a bracket applies to the part of the base between its threshold and the next one:
 *   scale(x) = Σ_k rate_k · clamp(x − threshold_k, 0, threshold_{k+1} − threshold_k)
 * A flat rate r with ceiling C is [{0, r}, {C, 0}]; a band is [{0, 0}, {L, r}, {U, r2}].
 * Thresholds are in the rule's currency (major units). No rounding happens here.
 */
import { Dec } from "./money.js";

export interface Bracket {
  threshold: Dec;
  rate: Dec;
}

/** Exact contribution on a period-to-date base `x` (already multiplied by the base fraction); x may be 0. */
export function applyScale(brackets: readonly Bracket[], x: Dec): Dec {
  let total = new Dec(0);
  for (let k = 0; k < brackets.length; k++) {
    const { threshold, rate } = brackets[k]!;
    if (x.lte(threshold)) break;
    const next = brackets[k + 1]?.threshold;
    const top = next && x.gt(next) ? next : x;
    total = total.plus(rate.times(top.minus(threshold)));
  }
  return total;
}
