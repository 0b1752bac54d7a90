/**
 * Cloudflare Worker entry (wrangler.toml `main`): the same Hono app as src/server.ts, built from the
 * Worker's bindings and its environment, validated with zod.
 *
 * Environment (secrets set with `wrangler secret put`, `.dev.vars` under `wrangler dev`):
 * - ADMIN_API_KEY, SECRETS_KEY, NATIONAL_ID_KEY, LINK_SIGNING_KEY, PUBLIC_URL: as on Node (src/config.ts).
 * - LIBSQL_URL (+ LIBSQL_AUTH_TOKEN): when set, the ledger lives on that remote libSQL server (Turso or
 *   sqld, src/db/libsql-remote.ts) and the D1 binding is not used; a token without a URL is refused.
 * - DB: the D1 binding (`[[d1_databases]]`), the default store (src/db/d1.ts).
 * - PLATFORM_RATE_LIMITER: the Rate Limiting binding (`[[ratelimits]]`) that budgets each platform's
 *   webhooks and reads (src/http/rate-limit.ts); without it, the per-request token buckets limit nothing.
 * A missing or malformed value answers every request with a 500 problem that names the fields (never
 * their values) and logs the same.
 *
 * The app is built per request: the runtime forbids one request from awaiting I/O started by another,
 * and it ends a request's pending work once the response is sent unless handed to `ctx.waitUntil`.
 * So the FX cache, the rule book and the sealer are per request (each request reads the rule book
 * once). Building costs no I/O: four WebCrypto key imports and a hash. Background sealing runs from
 * the Cron Trigger (`scheduled`, every minute), and every report and verification seals first.
 *
 * The Worker never migrates or seeds: D1 takes `wrangler d1 migrations apply` and `npm run seed:d1`
 * (scripts/seed-d1.ts); a remote libSQL server is migrated and seeded by the Node entry run once
 * against it (README.md, "Deploy to Cloudflare").
 */
import type { D1Database } from "@cloudflare/workers-types";
import { z } from "zod";
import { createApp } from "./app.js";
import { keysSchema } from "./config.js";
import { openD1 } from "./db/d1.js";
import type { Database } from "./db/database.js";
import { openLibsqlRemote, REMOTE_LIBSQL_URL } from "./db/libsql-remote.js";
import { buildDeps } from "./deps.js";
import { asRateLimitBinding } from "./http/rate-limit.js";
import { problemOf } from "./http/problem.js";
import { sealLedger, Sealer } from "./ledger/seal.js";
import { closeDuePeriods } from "./reports/period-close.js";

/** Worker environment: the keys of src/config.ts plus the optional remote libSQL database. */
export const workerEnvSchema = keysSchema
  .extend({
    LIBSQL_URL: z.string().regex(REMOTE_LIBSQL_URL, "must be a libsql://, https://, http://, wss:// or ws:// URL").optional(),
    LIBSQL_AUTH_TOKEN: z.string().min(1).optional(),
  })
  .refine((env) => env.LIBSQL_AUTH_TOKEN === undefined || env.LIBSQL_URL !== undefined, { path: ["LIBSQL_URL"], message: "LIBSQL_AUTH_TOKEN is set without LIBSQL_URL" });

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

/** What the runtime passes as `env`: bindings and variables (values are checked by workerEnvSchema). */
export interface WorkerBindings {
  DB?: D1Database;
  [name: string]: unknown;
}

/** The store a request uses: the remote libSQL server when LIBSQL_URL is set, else the D1 binding. */
export function openWorkerDatabase(env: WorkerEnv, bindings: WorkerBindings): Database {
  if (env.LIBSQL_URL !== undefined) return openLibsqlRemote(env.LIBSQL_URL, env.LIBSQL_AUTH_TOKEN);
  if (!bindings.DB) throw new Error("no database: bind a D1 database as DB in wrangler.toml or set LIBSQL_URL");
  return openD1(bindings.DB);
}

/**
 * The sealer of a request: reports and verification seal first (`flush`), as on Node; the background
 * seal after a write is left to the Cron Trigger (`scheduled` below), not done per request. The Node
 * sealer's debounce gathers the writes of one process, but here every request has its own sealer, so
 * per-request sealing would add three D1 round trips to every delivery on D1's single writer, and a
 * debounce timer does not fire while its request is busy with I/O.
 */
class RequestSealer extends Sealer {
  override schedule(): Promise<void> {
    return Promise.resolve();
  }
}

function misconfigured(detail: string): Response {
  console.error(`contribution-ledger worker: ${detail}`);
  return new Response(JSON.stringify(problemOf("internal-error", 500, detail)), { status: 500, headers: { "content-type": "application/problem+json" } });
}

async function fetchHandler(request: Request, bindings: WorkerBindings): Promise<Response> {
  const env = workerEnvSchema.safeParse(bindings);
  if (!env.success) return misconfigured(`the Worker is misconfigured: ${env.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  let database: Database;
  try {
    database = openWorkerDatabase(env.data, bindings);
  } catch (error) {
    return misconfigured((error as Error).message);
  }
  const deps = await buildDeps(database, env.data, undefined, asRateLimitBinding(bindings.PLATFORM_RATE_LIMITER));
  const app = createApp({ ...deps, sealer: new RequestSealer(database.db) });
  return app.fetch(request);
}

/** The daily Cron Trigger that closes due periods (wrangler.toml [triggers]); every other run seals. */
export const CLOSE_PERIODS_CRON = "0 2 * * *";

/**
 * Cron Triggers (wrangler.toml [triggers]): every minute, seals every event written since the last run;
 * daily at 02:00 UTC, closes the periods whose grace day has passed (reports/period-close.ts).
 * Throws what sealing or closing throws.
 */
async function scheduledHandler(controller: { cron: string; scheduledTime: number }, bindings: WorkerBindings): Promise<void> {
  const env = workerEnvSchema.safeParse(bindings);
  if (!env.success) {
    console.error(`contribution-ledger worker: the Worker is misconfigured, nothing done: ${env.error.issues.map((i) => i.path.join(".")).join(", ")}`);
    return;
  }
  const database = openWorkerDatabase(env.data, bindings);
  if (controller.cron === CLOSE_PERIODS_CRON) {
    await closeDuePeriods(await buildDeps(database, env.data), new Date(controller.scheduledTime));
    return;
  }
  await sealLedger(database.db);
}

export default { fetch: fetchHandler, scheduled: scheduledHandler };
