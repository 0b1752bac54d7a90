/**
 * Month arithmetic on report periods "YYYY-MM" and the close (grace) date of a period. Pure.
 *
 * Grace rule (README "Reports for agencies"): a period may be closed from the start of day `graceDay`
 * (default 5) of the following month, local time of the jurisdiction: 2026-03 closes on 2026-04-05
 * local date. The ledger chooses this default after the DSN calendar (France: monthly declaration due
 * on the 5th or the 15th of the following month); it is a ledger close date, not a statutory due date.
 */

/** Default day of the following month from which a period may be closed. */
export const DEFAULT_GRACE_DAY = 5;

function monthIndex(period: string): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

function fromIndex(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The month after `period` ("2026-12" -> "2027-01"). */
export function nextMonth(period: string): string {
  return fromIndex(monthIndex(period) + 1);
}

/** The month before `period` ("2026-01" -> "2025-12"). */
export function previousMonth(period: string): string {
  return fromIndex(monthIndex(period) - 1);
}

/** Local date "YYYY-MM-DD" from which `period` may be closed: day `graceDay` (1..28) of the next month. */
export function closeDate(period: string, graceDay: number = DEFAULT_GRACE_DAY): string {
  return `${nextMonth(period)}-${String(graceDay).padStart(2, "0")}`;
}
