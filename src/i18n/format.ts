/**
 * Locale formatting for the worker page, all through Intl (no hand-made number or date formats):
 * - `money(amount, currency)`: a decimal string (never a float: Intl.NumberFormat formats the string
 *   exactly) as currency, with the currency's own minor digits ("12.34", "USD" -> "$12.34" / "12,34 $US");
 * - `percent(fraction)`: "0.124" -> "12.4%" / "12,4 %" (up to 4 decimals);
 * - `month("2025-01")` long ("January 2025"), `monthShort` ("Jan"), `day("2025-01-31")` and
 *   `dateTime(instant)`: calendar values shown in UTC, so a local date stays the same day;
 * - `duration(seconds)`: minutes under an hour, else hours to one decimal ("45 minutes", "2.5 hours");
 * - `country("DE")`: the region's name in the locale (Intl.DisplayNames), the code if unknown.
 * None of them throws: a value Intl refuses (a malformed date, month or currency code, which a row stored
 * before the ledger bounded `occurred_at` may hold) is shown as it is stored, so no stored row can make
 * the page fail.
 */
import type { Locale } from "./locales.js";

export interface Formatters {
  money(amount: string, currency: string): string;
  percent(fraction: string): string;
  month(yearMonth: string): string;
  monthShort(yearMonth: string): string;
  day(isoDate: string): string;
  dateTime(instant: Date): string;
  duration(seconds: number): string;
  country(code: string): string;
  list(items: readonly string[]): string;
}

const asNumeric = (decimal: string) => decimal as Intl.StringNumericLiteral;

/** `format`, falling back to `raw` when Intl throws (RangeError for an invalid date or currency). */
function orRaw<A extends unknown[]>(
  format: (...args: A) => string,
  raw: (...args: A) => string,
): (...args: A) => string {
  return (...args) => {
    try {
      return format(...args);
    } catch {
      return raw(...args);
    }
  };
}
const utcDay = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

export function formatters(locale: Locale): Formatters {
  const money = new Map<string, Intl.NumberFormat>();
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 4 });
  const month = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const monthShort = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const hours = new Intl.NumberFormat(locale, {
    style: "unit",
    unit: "hour",
    unitDisplay: "long",
    maximumFractionDigits: 1,
  });
  const minutes = new Intl.NumberFormat(locale, {
    style: "unit",
    unit: "minute",
    unitDisplay: "long",
    maximumFractionDigits: 0,
  });
  const regions = new Intl.DisplayNames(locale, { type: "region", fallback: "code" });
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  return {
    money: orRaw(
      (amount: string, currency: string) => {
        let format = money.get(currency);
        if (!format) {
          format = new Intl.NumberFormat(locale, { style: "currency", currency });
          money.set(currency, format);
        }
        return format.format(asNumeric(amount));
      },
      (amount, currency) => `${amount} ${currency}`,
    ),
    percent: orRaw(
      (fraction: string) => percent.format(asNumeric(fraction)),
      (fraction) => fraction,
    ),
    month: orRaw(
      (yearMonth: string) => month.format(utcDay(`${yearMonth}-01`)),
      (yearMonth) => yearMonth,
    ),
    monthShort: orRaw(
      (yearMonth: string) => monthShort.format(utcDay(`${yearMonth}-01`)),
      (yearMonth) => yearMonth,
    ),
    day: orRaw(
      (isoDate: string) => day.format(utcDay(isoDate)),
      (isoDate) => isoDate,
    ),
    dateTime: orRaw(
      (instant: Date) => dateTime.format(instant),
      (instant) => String(instant),
    ),
    duration: (seconds) =>
      seconds < 3600 ? minutes.format(Math.max(1, Math.round(seconds / 60))) : hours.format(seconds / 3600),
    country: orRaw(
      (code: string) => regions.of(code) ?? code,
      (code) => code,
    ),
    list: (items) => list.format(items),
  };
}
