/**
 * The one classifier of database driver errors (docs/design.md, "One error model"). libSQL, D1 and
 * drizzle's wrapper (`DrizzleQueryError`, the driver's error in `cause`) all carry SQLite's message text;
 * this reads it once, through the `cause` chain, so no caller matches error text of its own.
 *
 * - `unique`: a UNIQUE or PRIMARY KEY violation; `table` and `columns` as SQLite names them
 *   ("UNIQUE constraint failed: ledger_events.platform_id, ledger_events.event_id"). Which of them is a
 *   retryable race is the caller's business (`isUniqueViolationOn`).
 * - `busy`: the database is locked or busy (SQLITE_BUSY, "database is locked"): retryable.
 * - `constraint`: any other constraint (NOT NULL, CHECK, FOREIGN KEY): a programmer error, never retried.
 * - `other`: anything else, rethrown as it is.
 */

export type DriverError =
  | { kind: "unique"; table: string; columns: string[] }
  | { kind: "busy" }
  | { kind: "constraint"; text: string }
  | { kind: "other" };

const UNIQUE = /UNIQUE constraint failed: ([^\s:,]+(?:, [^\s:,]+)*)/;
const BUSY = /SQLITE_BUSY|database is locked/;
const CONSTRAINT = /(NOT NULL|CHECK|FOREIGN KEY) constraint failed[^\n]*/;

/** The texts of `error` and its causes (at most 6 deep), each `code message`. */
function texts(error: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    out.push(`${(e as { code?: unknown }).code ?? ""} ${(e as { message?: unknown }).message ?? String(e)}`);
  }
  return out;
}

/** What kind of driver error `error` is (module doc). */
export function classifyDriverError(error: unknown): DriverError {
  for (const text of texts(error)) {
    const unique = UNIQUE.exec(text);
    if (unique?.[1]) {
      const qualified = unique[1].split(", ");
      const table = qualified[0]?.split(".")[0] ?? "";
      return { kind: "unique", table, columns: qualified.map((c) => c.split(".").slice(1).join(".")) };
    }
    if (BUSY.test(text)) return { kind: "busy" };
    const constraint = CONSTRAINT.exec(text);
    if (constraint) return { kind: "constraint", text: constraint[0] };
  }
  return { kind: "other" };
}

/**
 * True when `error` is a unique violation on `table`, and, if `columns` is given, on exactly those
 * columns (in the index's order), e.g. `isUniqueViolationOn(e, "platforms", ["slug"])`.
 */
export function isUniqueViolationOn(error: unknown, table: string, columns?: readonly string[]): boolean {
  const found = classifyDriverError(error);
  if (found.kind !== "unique" || found.table !== table) return false;
  return columns === undefined || found.columns.join(",") === columns.join(",");
}
