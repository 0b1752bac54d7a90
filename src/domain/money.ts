/**
 * Money arithmetic: decimal.js only, never a JavaScript float.
 *
 * - Amounts at rest are integer minor units (`amount_minor`, e.g. 1234 = 12.34 EUR) beside an
 *   ISO 4217 `currency`; unrounded intermediate values (converted bases, exact contributions)
 *   are decimal strings.
 * - `Dec` is a decimal.js constructor with 40 significant digits, so an exchange-rate
 *   division (the only non-terminating operation) is carried to 40 digits and never rounded
 *   to a currency's minor unit before the final rounding of a period total.
 */
import Decimal from "decimal.js";
import { minorUnitOf } from "./currencies.js";

export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;

/** How a rule rounds a period total to the currency's minor unit (names follow decimal.js modes). */
export type RoundingMode = "half_up" | "half_even" | "down" | "up";

const DECIMAL_MODES: Record<RoundingMode, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP, // .5 away from zero: 0.125 -> 0.13, -0.125 -> -0.13
  half_even: Decimal.ROUND_HALF_EVEN, // banker's rounding: 0.125 -> 0.12, 0.135 -> 0.14
  down: Decimal.ROUND_DOWN, // towards zero: 0.129 -> 0.12
  up: Decimal.ROUND_UP, // away from zero: 0.121 -> 0.13
};

/** 10^0 … 10^4, the scale factors of every ISO 4217 minor unit, built once (this is the hot path of accrual). */
const POWERS_OF_TEN = [0, 1, 2, 3, 4].map((e) => new Dec(10).pow(e));

/** 10^exponent as a Dec (exact). */
export function powerOfTen(exponent: number): Dec {
  return POWERS_OF_TEN[exponent] ?? new Dec(10).pow(exponent);
}

/** Minor-unit exponent of an ISO 4217 currency; throws on an unknown code (callers validate first). */
export function exponentOf(currency: string): number {
  const exponent = minorUnitOf(currency);
  if (exponent === undefined) throw new Error(`unknown ISO 4217 currency ${currency}`);
  return exponent;
}

/**
 * Rounds an exact amount (major units, any precision) to an integer number of minor units.
 * Example: roundToMinor(Dec("7.8780"), "EUR", "half_up") === 788.
 */
export function roundToMinor(exact: Dec, currency: string, mode: RoundingMode): number {
  const minor = toMinorUnits(exact, currency, mode);
  if (!minor.abs().lte(Number.MAX_SAFE_INTEGER))
    throw new RangeError("amount exceeds the safe integer range");
  return minor.toNumber();
}

/** Integer minor units -> major units as an exact decimal (1234, "EUR" -> 12.34). */
export function fromMinor(amountMinor: number, currency: string): Dec {
  return new Dec(amountMinor).div(powerOfTen(exponentOf(currency)));
}

/**
 * Integer minor units -> decimal string with exactly the currency's digits (-372, "EUR" -> "-3.72"),
 * exact at any size for a Dec (sums past 2^53 keep every digit). Throws on a non-integer or an unsafe number.
 */
export function formatMinor(amountMinor: number | Dec, currency: string): string {
  if (typeof amountMinor === "number" && !Number.isSafeInteger(amountMinor))
    throw new RangeError("amount_minor must be a safe integer");
  const minor = new Dec(amountMinor);
  if (!minor.isInteger()) throw new RangeError("amount_minor must be an integer");
  const exponent = exponentOf(currency);
  const digits = minor
    .abs()
    .toString()
    .padStart(exponent + 1, "0");
  const sign = minor.isNegative() && !minor.isZero() ? "-" : "";
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** An exact amount (major units) rounded to whole minor units, as a Dec of any size (Dec("7.878"), "EUR" -> 788). */
export function toMinorUnits(exact: Dec, currency: string, mode: RoundingMode = "half_up"): Dec {
  return exact.times(powerOfTen(exponentOf(currency))).toDecimalPlaces(0, DECIMAL_MODES[mode]);
}

/** An exact amount (major units) rounded to the currency's minor unit, as formatMinor writes it (Dec("7.878"), "EUR" -> "7.88"). */
export function formatAmount(exact: Dec, currency: string, mode: RoundingMode = "half_up"): string {
  return formatMinor(toMinorUnits(exact, currency, mode), currency);
}

/** The number of digits after the point of a decimal string ("12.50" -> 2, "7" -> 0). */
export function decimalsOf(amount: string): number {
  const point = amount.indexOf(".");
  return point < 0 ? 0 : amount.length - point - 1;
}

/**
 * Parses a decimal amount string that has already passed the wire-format check into integer minor units.
 * Returns undefined when it has more decimals than the currency allows ("100.5" JPY, "0.001" EUR).
 */
export function parseMinor(amount: string, currency: string): number | undefined {
  const exponent = minorUnitOf(currency);
  if (exponent === undefined) return undefined;
  if (decimalsOf(amount) > exponent) return undefined;
  const minor = new Dec(amount).times(powerOfTen(exponent));
  return minor.abs().lte(Number.MAX_SAFE_INTEGER) ? minor.toNumber() : undefined;
}
