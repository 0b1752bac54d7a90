/**
 * Wire formats shared by request schemas: decimal strings (never JSON numbers for money or rates),
 * ISO codes and calendar dates, each parsed with zod at the edge.
 */
import { z, type core } from "zod";
import { isCountry } from "../domain/countries.js";
import { isCurrency } from "../domain/currencies.js";

/**
 * zod issues as the field errors problem+json lists: [{path: "worker.country", message}]. A union whose
 * input matches the type of one branch only (a rule object for "rule | [rules]") reports that branch's
 * issues, so the client learns the failing field instead of "Invalid input".
 */
export function fieldErrors(error: core.$ZodError): { path: string; message: string }[] {
  return flatten(error.issues, []);
}

function flatten(
  issues: readonly core.$ZodIssue[],
  prefix: readonly PropertyKey[],
): { path: string; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union") {
      const typed = issue.errors.filter(
        (branch) =>
          !(branch.length === 1 && branch[0]?.code === "invalid_type" && branch[0].path.length === 0),
      );
      const [only] = typed;
      if (typed.length === 1 && only) return flatten(only, path);
    }
    return [{ path: path.map(String).join("."), message: issue.message }];
  });
}

/** Non-negative decimal string without exponent or sign: "0", "12.5", "0.0875" (at most 15 integer and 12 fraction digits). */
export const decimalString = z
  .string()
  .regex(
    /^(0|[1-9][0-9]{0,14})(\.[0-9]{1,12})?$/,
    'must be a decimal string such as "12.50" (no sign, exponent or thousands separator)',
  );

/** A strictly positive decimal string. */
export const positiveDecimalString = decimalString.refine(
  (s) => /[1-9]/.test(s),
  "must be greater than zero",
);

export const countryCode = z
  .string()
  .refine(isCountry, 'must be an ISO 3166-1 alpha-2 country code such as "DE"');
export const currencyCode = z
  .string()
  .refine(isCurrency, 'must be an active ISO 4217 currency code such as "EUR"');

/** True when "YYYY-MM-DD" names a real calendar day (rejects 2026-02-30). */
export function isCalendarDate(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, date); // unlike Date.UTC, keeps years 0-99 as they are
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === date;
}

export const calendarDate = z.string().refine(isCalendarDate, "must be a calendar date YYYY-MM-DD");

/** RFC 3339 instant with an explicit offset ("2026-03-10T10:00:00Z", "2026-03-10T11:00:00+01:00") on a real calendar day. */
export const rfc3339Instant = z.iso
  .datetime({
    offset: true,
    message: "must be an RFC 3339 date-time with an offset, such as 2026-03-10T10:00:00Z",
  })
  .refine((s) => isCalendarDate(s.slice(0, 10)), "must be a real calendar date");

/** The name of a task attribute: lowercase letters, digits, `_` and `-`, starting with a letter ("vehicle", "service"). */
export const attributeName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, "must be lowercase letters, digits, _ and -, starting with a letter");
