/**
 * A remote libSQL server (Turso, or a self-hosted sqld) over HTTP(S) or WebSockets with
 * `@libsql/client/web`, which needs only `fetch`/`WebSocket`: usable in the Worker and on Node.
 *
 * URL: `libsql://<db>-<org>.turso.io` (Turso), `https://…`, `http://127.0.0.1:8080` (local sqld),
 * `wss://…`/`ws://…`; never `file:` (the web client has no embedded engine; Node uses
 * src/db/client.ts `openLibsql` for files). `authToken` is the database token (Turso: `turso db tokens
 * create <db>`), sent as a bearer token; a server without authentication takes none.
 *
 * Each `batch` is sent as one request that the server runs in one write transaction, so the
 * atomic-batch guarantee of src/db/client.ts holds; the bound-parameter limit is SQLite's.
 * Opening does no I/O: a wrong URL or token shows on the first query.
 */
import { createClient } from "@libsql/client/web";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { drizzle } from "drizzle-orm/libsql/web";
import type { Database, Schema } from "./database.js";
import * as schema from "./schema.js";

/** URL schemes the web client accepts. */
export const REMOTE_LIBSQL_URL = /^(libsql|https?|wss?):\/\//;

/** Opens a remote libSQL database; throws on a URL the web client cannot use (e.g. `file:`). */
export function openLibsqlRemote(url: string, authToken?: string): Database<LibSQLDatabase<Schema>> {
  if (!REMOTE_LIBSQL_URL.test(url))
    throw new Error(`not a remote libSQL URL (libsql:, https:, http:, wss: or ws:): ${url.split("?")[0]}`);
  const client = createClient(authToken ? { url, authToken } : { url });
  return { db: drizzle(client, { schema }), close: () => client.close() };
}
