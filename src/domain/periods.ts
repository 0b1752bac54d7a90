/**
 * Contribution periods, computed in the jurisdiction's IANA time zone, never in UTC.
 *
 * A payout's local date (YYYY-MM-DD) in the jurisdiction's zone decides which rule version is
 * in force and which period accumulates it. Period keys:
 * - `month`: "2026-03"; `year`: "2026";
 * - `tax_year` with start "MM-DD": "2026/27" for the year that starts on that day of 2026
 *   (UK: 6 April, Income Tax (Earnings and Pensions) Act 2003 s.4 / ITA 2007 s.4);
 * - `transaction`: no accumulation; the key is the local month, and each payout accrues alone.
 */
export type PeriodKind = "transaction" | "month" | "year" | "tax_year";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Local calendar date "YYYY-MM-DD" of an instant in an IANA zone (2025-12-31T23:30Z, Europe/Berlin -> 2026-01-01). */
export function localDate(instant: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Period key of a local date under a period kind (see module doc). `taxYearStart` is "MM-DD". */
export function periodKey(localDay: string, kind: PeriodKind, taxYearStart: string | null): string {
  const year = Number(localDay.slice(0, 4));
  switch (kind) {
    case "month":
    case "transaction":
      return localDay.slice(0, 7);
    case "year":
      return localDay.slice(0, 4);
    case "tax_year": {
      const start = taxYearStart ?? "01-01";
      const first = localDay.slice(5) >= start ? year : year - 1;
      return `${first}/${String((first + 1) % 100).padStart(2, "0")}`;
    }
  }
}
