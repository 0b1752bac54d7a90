/**
 * Database handles. One drizzle schema serves the embedded libSQL file (Node), a remote libSQL server
 * and Cloudflare D1; the data-access code only sees `Db`.
 *
 * `maxParams` bounds the bound parameters of one statement (SQLite/libSQL: 32,766; D1: 100), so
 * multi-row inserts are chunked to fit whichever engine runs them.
 */
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema.js";

export type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema>;

export interface Database {
  db: Db;
  maxParams: number;
  close(): void;
}

/**
 * Opens a libSQL database by URL: `file:data/ledger.db` (embedded), `libsql://…`/`https://…` (remote,
 * with `authToken`). An embedded file runs in WAL mode with synchronous=NORMAL (DESIGN.md 8) and waits
 * up to 5 s for a lock held by another connection.
 */
export async function openLibsql(url: string, authToken?: string): Promise<Database> {
  const client: Client = createClient(authToken ? { url, authToken } : { url });
  if (url.startsWith("file:")) {
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
    await client.execute("PRAGMA busy_timeout = 5000");
  }
  await client.execute("PRAGMA foreign_keys = ON");
  return { db: drizzle(client, { schema }), maxParams: 32_766, close: () => client.close() };
}
