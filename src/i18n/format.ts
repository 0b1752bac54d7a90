/**
 * Locale formatting for the worker page, all through Intl (no hand-made number or date formats):
 * - `money(amount, currency)`: a decimal string (never a float: Intl.NumberFormat formats the string
 *   exactly) as currency, with the currency's own minor digits ("12.34", "USD" -> "$12.34" / "12,34 $US");
 * - `percent(fraction)`: "0.124" -> "12.4%" / "12,4 %" (up to 4 decimals);
 * - `month("2025-01")` long ("January 2025"), `monthShort` ("Jan"), `day("2025-01-31")` and
 *   `dateTime(instant)`: calendar values shown in UTC, so a local date stays the same day;
 * - `duration(seconds)`: minutes under an hour, else hours to one decimal ("45 minutes", "2.5 hours");
 * - `country("DE")`: the region's name in the locale (Intl.DisplayNames), the code if unknown.
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
const utcDay = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

export function formatters(locale: Locale): Formatters {
  const money = new Map<string, Intl.NumberFormat>();
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 4 });
  const month = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const monthShort = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  const hours = new Intl.NumberFormat(locale, { style: "unit", unit: "hour", unitDisplay: "long", maximumFractionDigits: 1 });
  const minutes = new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "long", maximumFractionDigits: 0 });
  const regions = new Intl.DisplayNames(locale, { type: "region", fallback: "code" });
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  return {
    money(amount, currency) {
      let format = money.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: "currency", currency });
        money.set(currency, format);
      }
      return format.format(asNumeric(amount));
    },
    percent: (fraction) => percent.format(asNumeric(fraction)),
    month: (yearMonth) => month.format(utcDay(`${yearMonth}-01`)),
    monthShort: (yearMonth) => monthShort.format(utcDay(`${yearMonth}-01`)),
    day: (isoDate) => day.format(utcDay(isoDate)),
    dateTime: (instant) => dateTime.format(instant),
    duration: (seconds) => (seconds < 3600 ? minutes.format(Math.max(1, Math.round(seconds / 60))) : hours.format(seconds / 3600)),
    country: (code) => regions.of(code) ?? code,
    list: (items) => list.format(items),
  };
}
