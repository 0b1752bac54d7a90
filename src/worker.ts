/**
 * Cloudflare Worker entry (wrangler.toml `main`): the same Hono app as src/server.ts, built from the
 * Worker's bindings and its environment (src/worker-runtime.ts), validated with zod.
 *
 * This module exports its default handler `{ fetch, scheduled }` and nothing else: workerd takes every
 * named export of the entry as an entrypoint and refuses to start on one that is not a handler, class
 * or WorkerEntrypoint (tests/worker-startup.test.ts boots it as `wrangler dev` does). Put helpers,
 * schemas and constants in src/worker-runtime.ts.
 *
 * A missing or malformed environment value answers every request with a 500 problem that names the
 * fields (never their values) and logs the same.
 *
 * The app is built per request: the runtime forbids one request from awaiting I/O started by another,
 * and it ends a request's pending work once the response is sent unless handed to `ctx.waitUntil`.
 * So the FX cache, the rule book, the sealer, the platform cache and the group committer are per request
 * (each request reads the rule book and its platform once; its delivery is a group of one, started at
 * once, and D1 serialises the writes). Building costs no I/O: WebCrypto key imports (the receipt signer is kept per isolate) and a hash. Background sealing runs from
 * the Cron Trigger (`scheduled`, every minute: every ledger shard in turn), and every report and
 * verification seals first. Ledger shards are the LEDGER_<CC> D1 bindings (src/worker-runtime.ts).
 *
 * The Worker never migrates or seeds: D1 takes `wrangler d1 migrations apply` and `npm run seed:d1`
 * (scripts/seed-d1.ts); a remote libSQL server is migrated and seeded by the Node entry run once
 * against it (README.md, "Deploy to Cloudflare").
 */
import { createApp } from "./app.js";
import type { Database } from "./db/database.js";
import type { ShardDatabase } from "./db/shards.js";
import { buildDeps } from "./deps.js";
import { problemOf } from "./http/problem.js";
import { asRateLimitBinding } from "./http/rate-limit.js";
import { DEFAULT_GROUP_COMMIT } from "./ledger/group-commit.js";
import { sealLedger } from "./ledger/seal.js";
import { closeDuePeriods } from "./agency-reports/period-close.js";
import {
  CLOSE_PERIODS_CRON,
  openWorkerDatabase,
  RequestSealer,
  shardBindings,
  workerEnvSchema,
  type WorkerBindings,
} from "./worker-runtime.js";
import { workerHost } from "./worker-host.js";

function misconfigured(detail: string): Response {
  console.error(`contribution-ledger worker: ${detail}`);
  return new Response(JSON.stringify(problemOf("internal-error", 500, detail)), {
    status: 500,
    headers: { "content-type": "application/problem+json" },
  });
}

async function fetchHandler(request: Request, bindings: WorkerBindings): Promise<Response> {
  const env = workerEnvSchema.safeParse(bindings);
  if (!env.success)
    return misconfigured(
      `the Worker is misconfigured: ${env.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  let database: Database;
  let shards: ShardDatabase[];
  try {
    database = openWorkerDatabase(env.data, bindings);
    shards = shardBindings(bindings);
  } catch (error) {
    return misconfigured((error as Error).message);
  }
  const deps = await buildDeps(
    database,
    env.data,
    undefined,
    asRateLimitBinding(bindings.PLATFORM_RATE_LIMITER),
    { ...DEFAULT_GROUP_COMMIT, gather: false },
    { shards, sealerOf: (db) => new RequestSealer(db) },
  );
  const app = createApp(deps, workerHost(bindings));
  return app.fetch(request);
}

/**
 * Cron Triggers (wrangler.toml [triggers]): SEAL_CRON (every minute) seals every event written since
 * the last run; CLOSE_PERIODS_CRON (daily at 02:00 UTC) closes the periods whose grace day has passed
 * at `scheduledTime` (agency-reports/period-close.ts). Throws what sealing or closing throws.
 */
async function scheduledHandler(
  controller: { cron: string; scheduledTime: number },
  bindings: WorkerBindings,
): Promise<void> {
  const env = workerEnvSchema.safeParse(bindings);
  if (!env.success) {
    console.error(
      `contribution-ledger worker: the Worker is misconfigured, nothing done: ${env.error.issues.map((i) => i.path.join(".")).join(", ")}`,
    );
    return;
  }
  const database = openWorkerDatabase(env.data, bindings);
  const shards = shardBindings(bindings);
  if (controller.cron === CLOSE_PERIODS_CRON) {
    const deps = await buildDeps(database, env.data, undefined, undefined, undefined, { shards });
    await closeDuePeriods(deps, new Date(controller.scheduledTime));
    return;
  }
  for (const { db } of [database, ...shards.map((s) => s.database)]) await sealLedger(db);
}

export default { fetch: fetchHandler, scheduled: scheduledHandler };
