/**
 * Pay components (src/domain/components.ts): the pro rata split of a reversal in whole minor units.
 * Properties: the parts add up to the amount, never exceed their component, follow the shares within one
 * minor unit, and reversing everything that remains, in any number of steps, returns exactly the payout's
 * components.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocateProRata,
  COMPONENT_TYPES,
  minus,
  plus,
  sumOf,
  type Components,
} from "../../src/domain/components.js";

const components = fc
  .record({
    earnings: fc.integer({ min: 0, max: 10 ** 12 }),
    tip: fc.integer({ min: 0, max: 10 ** 9 }),
    incentive: fc.integer({ min: 0, max: 10 ** 9 }),
    reimbursement: fc.integer({ min: 0, max: 10 ** 9 }),
  })
  .filter((c) => sumOf(c) > 0) as fc.Arbitrary<Components>;

describe("allocateProRata", () => {
  it("splits 40.00 of 60.00 earnings + 20.00 tip as 30.00 + 10.00", () => {
    expect(allocateProRata({ earnings: 6000, tip: 2000 }, 4000)).toEqual({ earnings: 3000, tip: 1000 });
  });

  it("gives leftover minor units to the largest remainders (ties in type order)", () => {
    // 0.01 of three equal parts: earnings first.
    expect(allocateProRata({ earnings: 1, tip: 1, incentive: 1 }, 1)).toEqual({ earnings: 1 });
    // 2 of 3 + 1: shares 1.5 and 0.5 -> floors 1 and 0, one unit left to the tie-break (earnings).
    expect(allocateProRata({ earnings: 3, tip: 1 }, 2)).toEqual({ earnings: 2 });
  });

  it("refuses more than remains", () => {
    expect(() => allocateProRata({ earnings: 10 }, 11)).toThrow(RangeError);
  });

  it("adds up exactly, stays within each component and within one unit of its share (fast-check)", () => {
    fc.assert(
      fc.property(components, fc.double({ min: 0, max: 1, noNaN: true }), (remaining, share) => {
        const amount = Math.floor(sumOf(remaining) * share);
        const parts = allocateProRata(remaining, amount);
        expect(sumOf(parts)).toBe(amount);
        for (const t of COMPONENT_TYPES) {
          const part = BigInt(parts[t] ?? 0);
          const exact = BigInt(amount) * BigInt(remaining[t] ?? 0);
          const total = BigInt(sumOf(remaining));
          expect(part <= BigInt(remaining[t] ?? 0)).toBe(true);
          expect(part * total >= exact - total && part * total <= exact + total).toBe(true);
        }
      }),
    );
  });

  it("returns the payout's components exactly once everything is reversed, in any steps (fast-check)", () => {
    fc.assert(
      fc.property(
        components,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
        (payout, shares) => {
          let reversed: Components = {};
          for (const share of shares) {
            const left = minus(payout, reversed);
            reversed = plus(reversed, allocateProRata(left, Math.floor(sumOf(left) * share)));
          }
          reversed = plus(reversed, allocateProRata(minus(payout, reversed), sumOf(minus(payout, reversed))));
          expect(minus(payout, reversed)).toEqual({});
        },
      ),
    );
  });
});
