/**
 * The database handle every driver returns and the data-access code uses. One drizzle schema serves the
 * embedded libSQL file (Node, src/db/client.ts), a remote libSQL server (src/db/libsql-remote.ts) and
 * Cloudflare D1 (src/db/d1.ts). This module imports no driver.
 *
 * `Db` is what drizzle's libSQL and D1 databases have in common: the async SQLite query builder over
 * the schema, plus `batch`, which both run as ONE atomic transaction (libSQL: a write transaction; D1:
 * an implicit transaction, rolled back as a whole when any statement fails). Neither offers
 * interactive transactions to this code, so every multi-row write is a single batch.
 *
 * Multi-row writes carry their rows as ONE JSON parameter (src/db/json-rows.ts), so no statement meets
 * the engines' bound-parameter limits (SQLite/libSQL: 32,766; D1: 100); a statement built with one
 * parameter per value must stay under 100 to run on D1.
 */
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema.js";

export type Schema = typeof schema;

/**
 * Any drizzle SQLite database over the schema with an atomic `batch`. The run-result type (second
 * parameter) differs by driver (libSQL `ResultSet`, D1 `D1Result`); the code never reads it.
 */
// biome-ignore lint/suspicious/noExplicitAny: the run-result type differs by driver and is never read (above)
export type Db = BaseSQLiteDatabase<"async", any, Schema> & {
  batch<U extends BatchItem<"sqlite">, T extends Readonly<[U, ...U[]]>>(batch: T): Promise<BatchResponse<T>>;
};

export interface Database<D extends Db = Db> {
  db: D;
  close(): void;
}

/** Bound-parameter limit of SQLite and libSQL (SQLITE_MAX_VARIABLE_NUMBER, default since SQLite 3.32). */
export const SQLITE_MAX_PARAMS = 32_766;
