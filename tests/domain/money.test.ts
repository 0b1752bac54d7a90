/**
 * src/domain/money.ts: rounding of exact amounts to minor units, formatting and parsing of decimal strings.
 * Every expected value is worked out by hand in the test name or beside it (ISO 4217 exponents: JPY 0,
 * EUR 2, KWD 3).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Dec,
  formatMinor,
  fromMinor,
  parseMinor,
  roundToMinor,
  type RoundingMode,
} from "../../src/domain/money.js";

/** [exact major amount, currency, mode, expected minor units], each worked by hand. */
const ROUNDING_CASES: [string, string, RoundingMode, number][] = [
  // half_up: a tie goes away from zero.
  ["0.125", "EUR", "half_up", 13],
  ["-0.125", "EUR", "half_up", -13],
  ["0.1249999", "EUR", "half_up", 12],
  ["-0.1249999", "EUR", "half_up", -12],
  ["7.8780", "EUR", "half_up", 788],
  ["2.5", "JPY", "half_up", 3],
  ["-2.5", "JPY", "half_up", -3],
  ["1.2345", "KWD", "half_up", 1235],
  ["-1.2345", "KWD", "half_up", -1235],
  // half_even: a tie goes to the even neighbour; a non-tie rounds to the nearest.
  ["0.125", "EUR", "half_even", 12],
  ["0.135", "EUR", "half_even", 14],
  ["-0.125", "EUR", "half_even", -12],
  ["-0.135", "EUR", "half_even", -14],
  ["0.1251", "EUR", "half_even", 13],
  ["2.5", "JPY", "half_even", 2],
  ["3.5", "JPY", "half_even", 4],
  ["-2.5", "JPY", "half_even", -2],
  ["1.2345", "KWD", "half_even", 1234],
  ["1.2355", "KWD", "half_even", 1236],
  ["-1.2355", "KWD", "half_even", -1236],
  // down: towards zero.
  ["0.129", "EUR", "down", 12],
  ["-0.129", "EUR", "down", -12],
  ["2.999", "JPY", "down", 2],
  ["-2.999", "JPY", "down", -2],
  ["1.2349", "KWD", "down", 1234],
  ["-1.2349", "KWD", "down", -1234],
  // up: away from zero.
  ["0.121", "EUR", "up", 13],
  ["-0.121", "EUR", "up", -13],
  ["2.001", "JPY", "up", 3],
  ["-2.001", "JPY", "up", -3],
  ["1.2341", "KWD", "up", 1235],
  ["-1.2341", "KWD", "up", -1235],
  // already on the minor unit: every mode leaves it alone.
  ["0.12", "EUR", "up", 12],
  ["0.12", "EUR", "down", 12],
  ["-7", "JPY", "up", -7],
  ["1.234", "KWD", "half_even", 1234],
  ["0", "EUR", "up", 0],
];

describe("roundToMinor", () => {
  it.each(ROUNDING_CASES)("%s %s %s -> %i minor units", (exact, currency, mode, expected) => {
    expect(roundToMinor(new Dec(exact), currency, mode)).toBe(expected);
  });

  it("rounds only the final exact value, however many digits it carries", () => {
    // 100 USD / 1.1805 USD per EUR × 0.093 = 7.878017789072426937738246505717916137... EUR -> 788 cents half_up.
    expect(roundToMinor(new Dec(100).div(new Dec("1.1805")).times(new Dec("0.093")), "EUR", "half_up")).toBe(
      788,
    );
    // One unit of the 40th significant digit below a tie rounds down under half_up; the tie itself rounds up.
    expect(roundToMinor(new Dec("0.004999999999999999999999999999999999999999"), "EUR", "half_up")).toBe(0);
    expect(roundToMinor(new Dec("0.005"), "EUR", "half_up")).toBe(1);
  });

  it("throws on an unknown currency and beyond the safe integer range", () => {
    expect(() => roundToMinor(new Dec("1"), "XYZ", "half_up")).toThrow(/unknown ISO 4217/);
    // 2^53 cents = 90071992547409.92 EUR: one past Number.MAX_SAFE_INTEGER minor units.
    expect(() => roundToMinor(new Dec("90071992547409.92"), "EUR", "half_up")).toThrow(RangeError);
    expect(roundToMinor(new Dec("90071992547409.91"), "EUR", "half_up")).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe("formatMinor", () => {
  it.each([
    [-372, "EUR", "-3.72"],
    [5, "EUR", "0.05"],
    [-5, "EUR", "-0.05"],
    [50, "EUR", "0.50"],
    [0, "EUR", "0.00"],
    [123456, "EUR", "1234.56"],
    [1234, "JPY", "1234"],
    [-7, "JPY", "-7"],
    [0, "JPY", "0"],
    [5, "KWD", "0.005"],
    [-12345, "KWD", "-12.345"],
    [1000, "KWD", "1.000"],
    [Number.MAX_SAFE_INTEGER, "EUR", "90071992547409.91"],
  ] as const)("%i %s -> %s", (minor, currency, expected) => {
    expect(formatMinor(minor, currency)).toBe(expected);
  });

  it("refuses a non-integer or unsafe amount", () => {
    expect(() => formatMinor(1.5, "EUR")).toThrow(RangeError);
    expect(() => formatMinor(Number.MAX_SAFE_INTEGER + 1, "EUR")).toThrow(RangeError);
    expect(() => formatMinor(1, "XYZ")).toThrow(/unknown ISO 4217/);
  });
});

describe("parseMinor", () => {
  it.each([
    ["12.34", "EUR", 1234],
    ["12.3", "EUR", 1230],
    ["12", "EUR", 1200],
    ["0.01", "EUR", 1],
    ["100", "JPY", 100],
    ["1.234", "KWD", 1234],
    ["0.5", "KWD", 500],
  ] as const)("%s %s -> %i", (amount, currency, expected) => {
    expect(parseMinor(amount, currency)).toBe(expected);
  });

  it.each([
    ["0.001", "EUR"],
    ["12.340", "EUR"],
    ["100.5", "JPY"],
    ["1.2345", "KWD"],
    ["1.00", "XYZ"],
  ] as const)("%s %s -> undefined (too many decimals or unknown currency)", (amount, currency) => {
    expect(parseMinor(amount, currency)).toBeUndefined();
  });

  it("round-trips with formatMinor and agrees with fromMinor for any safe amount (fast-check)", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom("JPY", "EUR", "KWD", "CLF"), (minor, currency) => {
        const text = formatMinor(minor, currency);
        expect(parseMinor(text, currency)).toBe(minor);
        expect(fromMinor(minor, currency).eq(new Dec(text))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
