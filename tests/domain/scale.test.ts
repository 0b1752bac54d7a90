/**
 * src/domain/scale.ts: marginal-rate scales over a period-to-date base, worked by hand:
 * - flat 12.4 % (US OASDI rate, no cap);
 * - flat 9.3 % with a monthly ceiling of 8,450 EUR (DE pension 2026, worker half);
 * - UK Class 4 NIC band: 0 % to 12,570 GBP, 6 % to 50,270 GBP, 2 % above (2025/26, GOV.UK);
 * - base fraction 0.9235 of US self-employment tax before the 184,500 USD cap (2026).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baseFractionFor } from "../../src/domain/contributions.js";
import { Dec, roundToMinor } from "../../src/domain/money.js";
import { applyScale, type Bracket } from "../../src/domain/scale.js";

const scale = (...pairs: [string, string][]): Bracket[] =>
  pairs.map(([threshold, rate]) => ({ threshold: new Dec(threshold), rate: new Dec(rate) }));
const FLAT = scale(["0", "0.124"]);
const DE_PENSION = scale(["0", "0.093"], ["8450", "0"]);
const UK_CLASS4 = scale(["0", "0"], ["12570", "0.06"], ["50270", "0.02"]);
const US_OASDI_2026 = scale(["0", "0.124"], ["184500", "0"]);

/** Asserts an exact decimal equality and shows both values on failure. */
function expectDec(actual: Dec, expected: string): void {
  expect(actual.toString(), `expected ${expected}`).toBe(new Dec(expected).toString());
}

describe("applyScale", () => {
  it.each([
    ["0", "0"],
    ["0.01", "0.00124"],
    ["100", "12.4"],
    ["1234567.89", "153086.41836"], // 1,234,567.89 × 0.124
  ])("flat 12.4 %% of %s = %s", (base, expected) => {
    expectDec(applyScale(FLAT, new Dec(base)), expected);
  });

  it.each([
    ["8000", "744"], // 8,000 × 0.093
    ["8449.99", "785.84907"], // 8,449.99 × 0.093
    ["8450", "785.85"], // the ceiling: 8,450 × 0.093
    ["8450.01", "785.85"], // above it nothing more
    ["100000", "785.85"],
  ])("9.3 %% with a ceiling of 8,450 on %s = %s", (base, expected) => {
    expectDec(applyScale(DE_PENSION, new Dec(base)), expected);
  });

  it.each([
    ["0", "0"],
    ["12000", "0"], // below the lower profits limit
    ["12570", "0"], // at it
    ["12570.01", "0.0006"], // 0.01 × 6 %
    ["30000", "1045.8"], // (30,000 − 12,570) × 6 % = 17,430 × 0.06
    ["50270", "2262"], // (50,270 − 12,570) × 6 % = 37,700 × 0.06
    ["60000", "2456.6"], // 2,262 + (60,000 − 50,270) × 2 % = 2,262 + 194.60
    ["150000", "4256.6"], // 2,262 + 99,730 × 0.02 = 2,262 + 1,994.60
  ])("UK Class 4 band on %s GBP = %s", (profits, expected) => {
    expectDec(applyScale(UK_CLASS4, new Dec(profits)), expected);
  });

  it("applies the base fraction before the scale and the cap to the fraction", () => {
    const chosen = baseFractionFor({ baseFraction: { by: null, value: new Dec("0.9235") } }, {});
    if (!("fraction" in chosen)) throw new Error("a single fraction needs no attribute");
    const contributionBase = (_: unknown, amount: Dec) => amount.times(chosen.fraction);
    // 1,000 USD -> base 923.50 -> 12.4 % = 114.514
    const base = contributionBase(null, new Dec("1000"));
    expectDec(base, "923.5");
    expectDec(applyScale(US_OASDI_2026, base), "114.514");
    // 200,000 USD -> base 184,700 > cap 184,500 -> 184,500 × 0.124 = 22,878
    const high = contributionBase(null, new Dec("200000"));
    expectDec(high, "184700");
    expectDec(applyScale(US_OASDI_2026, high), "22878");
  });

  it("equals rate × min(base, ceiling) for any base (fast-check)", () => {
    const rate = new Dec("0.093");
    const ceiling = new Dec("8450");
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10_000_000n }), (cents) => {
        const base = new Dec(cents.toString()).div(100);
        expectDec(applyScale(DE_PENSION, base), rate.times(Dec.min(base, ceiling)).toString());
      }),
      { numRuns: 300 },
    );
  });
});

describe("applyScale with bracket amounts (rules v2)", () => {
  const withAmounts = (...rows: [string, string, string?][]): Bracket[] =>
    rows.map(([threshold, rate, amount]) => ({
      threshold: new Dec(threshold),
      rate: new Dec(rate),
      ...(amount ? { amount: new Dec(amount) } : {}),
    }));
  // Singapore CPF operator share 2026, 35 and below (case 10): nothing to S$50, then 7% of the whole.
  const SG_OPERATOR = withAmounts(["0", "0"], ["50", "0.07", "3.50"], ["8000", "0"]);
  // A flat monthly due (case 12): 75.90 once the month's base exceeds 0.
  const FLAT_DUE = withAmounts(["0", "0", "75.90"]);

  it.each([
    ["0", "0"],
    ["50", "0"], // due once the base EXCEEDS the threshold
    ["50.01", "3.5007"],
    ["120", "8.4"],
    ["8000", "560"],
    ["9000", "560"], // the ceiling holds
  ])("Singapore operator share on %s -> %s", (base, expected) => {
    expectDec(applyScale(SG_OPERATOR, new Dec(base)), expected);
  });

  it("charges a flat due once, for any base above 0", () => {
    expectDec(applyScale(FLAT_DUE, new Dec("0")), "0");
    expectDec(applyScale(FLAT_DUE, new Dec("0.01")), "75.9");
    expectDec(applyScale(FLAT_DUE, new Dec("100000")), "75.9");
  });

  it("rounds an amount's step only through the carried total (half up to the minor unit)", () => {
    // 50.01 × 0.07 + 3.50 = 3.5007 -> 3.50; 50.08 -> 3.5056 -> 3.51.
    expect(roundToMinor(applyScale(SG_OPERATOR, new Dec("50.01")), "SGD", "half_up")).toBe(350);
    expect(roundToMinor(applyScale(SG_OPERATOR, new Dec("50.08")), "SGD", "half_up")).toBe(351);
  });
});
