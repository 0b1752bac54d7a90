/**
 * Cloudflare D1 through a Worker binding (`[[d1_databases]]` in wrangler.toml), for src/worker.ts.
 *
 * D1 limits that shape the data-access code (https://developers.cloudflare.com/d1/platform/limits/):
 * 100 bound parameters per statement (multi-row writes send one JSON parameter) and no interactive transactions: `batch` runs its
 * statements as one implicit transaction, and a failing statement (e.g. a UNIQUE violation, reported as
 * "D1_ERROR: UNIQUE constraint failed: …: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)")
 * rolls the whole batch back, which is the ledger's optimistic-concurrency guard. D1 enforces foreign
 * keys on every connection. The binding needs no closing.
 *
 * drizzle-orm 0.45's D1 `batch` binds each item's prepared statement (`stmt`), which raw-SQL items
 * (`db.run(sql`…`)`, `db.all(…)`, as src/db/json-rows.ts writes) do not have when they carry parameters:
 * the batch throws "Cannot read properties of undefined (reading 'bind')" (drizzle-orm issue #2277,
 * open). `openD1` prepares those items from their own SQL before handing the batch to drizzle, so raw
 * statements batch atomically like the query builders' ones.
 */
import type { D1Database } from "@cloudflare/workers-types";
import { is } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import { SQLiteRaw } from "drizzle-orm/sqlite-core/query-builders/raw";
import type { Database, Schema } from "./database.js";
import * as schema from "./schema.js";

/** Gives every raw-SQL batch item the prepared statement drizzle's D1 batch binds (see the module docstring). */
function prepareRawItems(binding: D1Database, items: readonly BatchItem<"sqlite">[]): void {
  for (const item of items) {
    if (is(item, SQLiteRaw) && !("stmt" in item))
      Object.assign(item, { stmt: binding.prepare(item.getQuery().sql) });
  }
}

/** Wraps a D1 binding as a Database; no I/O. */
export function openD1(binding: D1Database): Database<DrizzleD1Database<Schema>> {
  const db = drizzle(binding, { schema });
  const batch = db.batch.bind(db);
  db.batch = (items) => {
    prepareRawItems(binding, items);
    return batch(items);
  };
  return { db, close: () => undefined };
}
