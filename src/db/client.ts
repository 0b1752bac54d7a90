/**
 * Node driver: an embedded libSQL file or a remote libSQL server through `@libsql/client` (its native
 * build on Node). The handle types live in src/db/database.ts and are re-exported here for the modules
 * that import them from this path; the Worker imports only those types from here, never this driver.
 */
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import type { Database, Schema } from "./database.js";
import * as schema from "./schema.js";

export type { Database, Db, Schema } from "./database.js";

/**
 * Opens a libSQL database by URL: `file:data/ledger.db` (embedded), `libsql://…`/`https://…` (remote,
 * with `authToken`). An embedded file runs in WAL mode with synchronous=NORMAL (docs/design.md §8) and waits
 * up to 5 s for a lock held by another process. The client keeps ONE connection (`concurrency: 1`):
 * every call of this code borrows it only for a synchronous step, and per-connection PRAGMAs set here
 * then hold for every statement (a pool would open connections without them).
 */
export async function openLibsql(url: string, authToken?: string): Promise<Database<LibSQLDatabase<Schema>>> {
  const client: Client = createClient({
    url,
    timeout: 5_000,
    ...(url.startsWith("file:") ? { concurrency: 1 } : {}),
    ...(authToken ? { authToken } : {}),
  });
  if (url.startsWith("file:")) {
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
    await client.execute("PRAGMA busy_timeout = 5000");
  }
  await client.execute("PRAGMA foreign_keys = ON");
  return { db: drizzle(client, { schema }), close: () => client.close() };
}
