/**
 * What the Cloudflare Worker entry (src/worker.ts) is built from: its environment schema, the store it
 * opens, its per-request sealer and the names of its Cron Triggers. This module exists because workerd
 * treats every named export of the entry module as an entrypoint and refuses to start when one is not
 * a handler (a string, a zod schema, a helper function): the entry exports only its default handler,
 * and everything else the entry, the tests and the scripts share lives here.
 *
 * Environment (secrets set with `wrangler secret put`, `.dev.vars` under `wrangler dev`):
 * - ADMIN_API_KEY, SECRETS_KEY, NATIONAL_ID_KEY, LINK_SIGNING_KEY, RECEIPT_SIGNING_KEY (+ RECEIPT_SIGNING_KEY_ID,
 *   RECEIPT_PREVIOUS_KEYS), PUBLIC_URL: as on Node (src/config.ts).
 * - LIBSQL_URL (+ LIBSQL_AUTH_TOKEN): when set, the ledger lives on that remote libSQL server (Turso or
 *   sqld, src/db/libsql-remote.ts) and the D1 binding is not used; a token without a URL is refused.
 * - DB: the D1 binding (`[[d1_databases]]`), the default store (src/db/d1.ts).
 * - LEDGER_<CC> (e.g. LEDGER_DE): a D1 binding per ledger shard, holding the ledger of jurisdiction CC
 *   (src/db/shards.ts); DB stays the control plane and the default shard. Found by name (`shardBindings`).
 * - PLATFORM_RATE_LIMITER: the Rate Limiting binding (`[[ratelimits]]`) that budgets each platform's
 *   webhooks and reads (src/http/rate-limit.ts); without it, the per-request token buckets limit nothing.
 */
import type { D1Database } from "@cloudflare/workers-types";
import { z } from "zod";
import { keysSchema } from "./config.js";
import { openD1 } from "./db/d1.js";
import type { Database } from "./db/database.js";
import type { ShardDatabase } from "./db/shards.js";
import { isCountry } from "./domain/countries.js";
import { openLibsqlRemote, REMOTE_LIBSQL_URL } from "./db/libsql-remote.js";
import { Sealer } from "./ledger/seal.js";

/** Worker environment: the keys of src/config.ts plus the optional remote libSQL database. */
export const workerEnvSchema = keysSchema
  .extend({
    LIBSQL_URL: z
      .string()
      .regex(REMOTE_LIBSQL_URL, "must be a libsql://, https://, http://, wss:// or ws:// URL")
      .optional(),
    LIBSQL_AUTH_TOKEN: z.string().min(1).optional(),
  })
  .refine((env) => env.LIBSQL_AUTH_TOKEN === undefined || env.LIBSQL_URL !== undefined, {
    path: ["LIBSQL_URL"],
    message: "LIBSQL_AUTH_TOKEN is set without LIBSQL_URL",
  });

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

/** What the runtime passes as `env`: bindings and variables (values are checked by workerEnvSchema). */
export interface WorkerBindings {
  DB?: D1Database;
  [name: string]: unknown;
}

/**
 * The store a request uses: the remote libSQL server when LIBSQL_URL is set, else the D1 binding.
 * Throws when neither is available (no DB binding and no LIBSQL_URL).
 */
export function openWorkerDatabase(env: WorkerEnv, bindings: WorkerBindings): Database {
  if (env.LIBSQL_URL !== undefined) return openLibsqlRemote(env.LIBSQL_URL, env.LIBSQL_AUTH_TOKEN);
  if (!bindings.DB)
    throw new Error("no database: bind a D1 database as DB in wrangler.toml or set LIBSQL_URL");
  return openD1(bindings.DB);
}

const SHARD_BINDING = /^LEDGER_([A-Z]{2})$/;
const d1Binding = z.custom<D1Database>(
  (value) => typeof (value as { prepare?: unknown } | null)?.prepare === "function",
  "must be a D1 database binding",
);

/**
 * The ledger shards of the Worker: every binding named LEDGER_<CC> (CC an ISO 3166-1 code), each a D1
 * database. Throws, naming the binding, when one is not a D1 binding or CC is no country code.
 */
export function shardBindings(bindings: WorkerBindings): ShardDatabase[] {
  return Object.entries(bindings).flatMap(([name, value]) => {
    const code = SHARD_BINDING.exec(name)?.[1];
    if (code === undefined) return [];
    if (!isCountry(code)) throw new Error(`${name}: ${code} is not an ISO 3166-1 country code`);
    const binding = d1Binding.safeParse(value);
    if (!binding.success) throw new Error(`${name}: must be a D1 database binding ([[d1_databases]])`);
    return [{ jurisdiction: code, database: openD1(binding.data) }];
  });
}

/**
 * The sealer of a request: reports and verification seal first (`flush`), as on Node; the background
 * seal after a write is left to the Cron Trigger (SEAL_CRON), not done per request. The Node sealer's
 * debounce gathers the writes of one process, but here every request has its own sealer, so
 * per-request sealing would add three D1 round trips to every delivery on D1's single writer, and a
 * debounce timer does not fire while its request is busy with I/O.
 */
export class RequestSealer extends Sealer {
  override schedule(): Promise<void> {
    return Promise.resolve();
  }
}

/** The Cron Trigger that seals every event written since its last run (wrangler.toml [triggers]). */
export const SEAL_CRON = "* * * * *";

/** The daily Cron Trigger (02:00 UTC) that closes due periods (wrangler.toml [triggers]); any other cron seals. */
export const CLOSE_PERIODS_CRON = "0 2 * * *";
