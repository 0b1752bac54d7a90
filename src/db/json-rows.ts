/**
 * Multi-row statements with ONE bound parameter: the rows travel as a JSON array and SQLite's json_each
 * unpacks them (`INSERT … SELECT value->>0, value->>1, … FROM json_each(?)`). Compared with a VALUES list
 * of bound parameters this sidesteps the per-statement parameter limit (D1: 100) and the per-parameter
 * cost of building queries, and it runs the same on a libSQL file, a remote libSQL server and D1
 * (SQLite ≥ 3.38 for `->>`). `->>` yields SQL INTEGER for JSON integers, TEXT for strings, NULL for null.
 * Statements are split so no JSON parameter exceeds MAX_JSON_BYTES (D1 caps a value at 2,000,000 bytes).
 */
import { type Column, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./database.js";

export const MAX_JSON_BYTES = 1_000_000;

/** Splits row arrays into JSON texts of at most MAX_JSON_BYTES each (a single larger row stays alone). */
export function jsonChunks(rows: readonly unknown[][]): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let size = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (parts.length > 0 && size + text.length + 1 > MAX_JSON_BYTES) {
      chunks.push(`[${parts.join(",")}]`);
      parts = [];
      size = 2;
    }
    parts.push(text);
    size += text.length + 1;
  }
  if (parts.length > 0) chunks.push(`[${parts.join(",")}]`);
  return chunks;
}

/**
 * INSERT statements (batchable) writing `rows` into `table`, keyed by the table's property names. The
 * columns written are those any row sets (in the table's order); a row without one of them writes NULL
 * there (not the column's default). Returns [] for no rows.
 * `onConflictDoNothing` skips rows that violate a unique constraint instead of failing.
 */
export function insertJsonRows<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
  options: { onConflictDoNothing?: boolean } = {},
) {
  if (rows.length === 0) return [];
  const columns: Record<string, Column> = getTableColumns(table);
  const present = new Set(rows.flatMap((row) => Object.keys(row)));
  const named = Object.entries(columns).filter(([key]) => present.has(key));
  const keys = named.map(([key]) => key);
  const names = sql.join(
    named.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const picks = sql.raw(keys.map((_, i) => `value->>${i}`).join(", "));
  const arrays = rows.map((row) => keys.map((key) => (row as Record<string, unknown>)[key] ?? null));
  // "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
  const onConflict = options.onConflictDoNothing ? sql` WHERE true ON CONFLICT DO NOTHING` : sql``;
  return jsonChunks(arrays).map((json) =>
    db.run(sql`INSERT INTO ${table} (${names}) SELECT ${picks} FROM json_each(${json})${onConflict}`),
  );
}

/** `SELECT value FROM json_each(?)` over a list of scalars, for `column IN (…)` filters of any length. */
export function jsonList(values: readonly (string | number)[]): SQL {
  return sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
