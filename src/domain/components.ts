/**
 * Pay components of a payout (../shared/cases/README.md "rules v2"): the kinds of pay a platform's
 * payout is made of, each in integer minor units of the payout's currency.
 *
 * - `earnings`: pay for the work; `tip`: from the customer; `incentive`: bonuses and surge pay from the
 *   platform; `reimbursement`: expenses paid back (tolls, parking), not income.
 * - A payout without components is all `earnings`. Components must add up exactly to the amount.
 * - A rule's base counts the types in its `base_components` (default: every type but reimbursement).
 * - A reversal without components reverses its payout's remaining components pro rata (allocate below).
 */
export const COMPONENT_TYPES = ["earnings", "tip", "incentive", "reimbursement"] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];

/** Default base of a rule: every component type but reimbursement. */
export const DEFAULT_BASE_COMPONENTS: readonly ComponentType[] = ["earnings", "tip", "incentive"];

/** Minor units per component type; a type that is absent is 0. Keys in COMPONENT_TYPES order. */
export type Components = Partial<Record<ComponentType, number>>;

/** The components of a payout of `amountMinor` sent without any: all earnings. */
export function allEarnings(amountMinor: number): Components {
  return { earnings: amountMinor };
}

/** Sum of the minor units of `types` in `components`. */
export function sumOf(components: Components, types: readonly ComponentType[] = COMPONENT_TYPES): number {
  let total = 0;
  for (const t of types) total += components[t] ?? 0;
  return total;
}

/** `a − b` per type (what remains of a payout after its reversals); types at 0 are left out. */
export function minus(a: Components, b: Components): Components {
  const out: Components = {};
  for (const t of COMPONENT_TYPES) {
    const v = (a[t] ?? 0) - (b[t] ?? 0);
    if (v !== 0) out[t] = v;
  }
  return out;
}

/** `a + b` per type. */
export function plus(a: Components, b: Components): Components {
  const out: Components = {};
  for (const t of COMPONENT_TYPES) {
    const v = (a[t] ?? 0) + (b[t] ?? 0);
    if (v !== 0) out[t] = v;
  }
  return out;
}

/**
 * Splits `amountMinor` over the components of `remaining` pro rata to their size, in whole minor units,
 * by the largest-remainder method: each type first gets floor(amount · share), and the minor units left
 * go one each to the types with the largest fractional remainders (ties: COMPONENT_TYPES order). The
 * parts add up exactly to `amountMinor`, never exceed their component, and reversing everything that
 * remains returns `remaining` itself, so a payout and its full reversal net to zero per component.
 * Integer arithmetic only: the products amount × component can pass 2^53, so they are BigInt.
 * Throws RangeError when `amountMinor` exceeds the sum of `remaining` or is negative.
 */
export function allocateProRata(remaining: Components, amountMinor: number): Components {
  const total = sumOf(remaining);
  if (amountMinor < 0 || amountMinor > total)
    throw new RangeError(`cannot allocate ${amountMinor} over components summing to ${total}`);
  if (amountMinor === total) return { ...remaining };
  const big = BigInt(amountMinor);
  const bigTotal = BigInt(total);
  const parts = COMPONENT_TYPES.map((type) => {
    const size = BigInt(remaining[type] ?? 0);
    const product = big * size;
    return { type, floor: product / bigTotal, rest: product % bigTotal };
  });
  let left = big - parts.reduce((s, p) => s + p.floor, 0n);
  const order = [...parts].sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : 0));
  for (const p of order) {
    if (left === 0n) break;
    if (p.rest === 0n) continue;
    p.floor += 1n;
    left -= 1n;
  }
  const out: Components = {};
  for (const p of parts) if (p.floor !== 0n) out[p.type] = Number(p.floor);
  return out;
}
