/**
 * The Worker of src/worker.ts as the workerd tests use it: every request is handed to its fetch handler
 * (the module's default export, which wrangler deploys) with the bindings of wrangler.toml and
 * vitest.workers.config.ts, on the D1 database of the current test file.
 * The handler is called directly rather than through the self service binding
 * (`exports.default.fetch`): under @cloudflare/vitest-pool-workers each request through that binding
 * costs more than the one before (cloudflare/workers-sdk#15446: ~20 ms at first, ~160 ms after 1,000
 * requests, measured here), and handed case 01 alone makes 10,000 deliveries.
 *
 * - `seedReferenceData`: the seed of src/db/seed-sql.ts (the Node seed's statements) into D1: the
 *   seeded jurisdictions and rules, and the ECB rates of data/ecb-eurofxref-hist.csv (all 217,555
 *   quotes, about 2 s).
 * - `workerInstance()`: the same shape as scripts/lib/local-instance.ts's LocalInstance where the
 *   handed-cases runner needs it (admin, createPlatform, createAgency, database, close).
 * - `startWorkerInstance()`: a fresh ledger for the next handed case: empties every table but the ECB
 *   rates (and D1's migration log) in one batch, which leaves what a new database seeded with the rates
 *   only would hold, then returns `workerInstance()`.
 */
import { env } from "cloudflare:workers";
import ecbCsv from "../../data/ecb-eurofxref-hist.csv?raw";
import { webhookSender } from "../../scripts/lib/deliver.js";
import type { LocalInstance, PlatformAccount } from "../../scripts/lib/local-instance.js";
import { openD1 } from "../../src/db/d1.js";
import {
  agencies,
  auditLog,
  contributionRules,
  jurisdictions,
  ledgerEntries,
  ledgerEvents,
  ledgerSeals,
  minimumWages,
  platforms,
} from "../../src/db/schema.js";
import { fxSeedSql, rulesSeedSql } from "../../src/db/seed-sql.js";
import worker from "../../src/worker.js";
import type { WorkerBindings } from "../../src/worker-runtime.js";

/** Origin of the requests (the Worker answers any host). */
export const BASE_URL = "https://ledger.test";

/** `fetch` that reaches the Worker's fetch handler instead of the network. */
export const workerFetch: typeof fetch = (input, init) =>
  worker.fetch(new Request(input, init), env as unknown as WorkerBindings);

/** The test file's D1 database, as the Worker sees it. */
export const database = openD1(env.DB);

const STATEMENTS_PER_BATCH = 10;

async function execute(statements: readonly string[]): Promise<void> {
  for (let start = 0; start < statements.length; start += STATEMENTS_PER_BATCH) {
    await env.DB.batch(
      statements.slice(start, start + STATEMENTS_PER_BATCH).map((sql) => env.DB.prepare(sql)),
    );
  }
}

/** Loads the seeded jurisdictions and rules (`rules`) and the ECB rates (`fx`); both by default. */
export async function seedReferenceData({ rules = true, fx = true } = {}): Promise<void> {
  if (rules) await execute(await rulesSeedSql());
  if (fx) await execute(await fxSeedSql(ecbCsv));
}

/** A request with the admin key (JSON body when given). */
export function admin(method: string, path: string, body?: unknown): Promise<Response> {
  return workerFetch(BASE_URL + path, {
    method,
    headers: {
      authorization: `Bearer ${env.ADMIN_API_KEY}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Registers a platform through the admin API; its sender signs deliveries with the returned secret. */
export async function createPlatform(slug: string): Promise<PlatformAccount> {
  const res = await admin("POST", "/v1/admin/platforms", { slug, name: slug });
  if (res.status !== 201) throw new Error(`platform ${slug}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: number; webhook_secret: string; api_key: string };
  return {
    id: body.id,
    slug,
    webhookSecret: body.webhook_secret,
    apiKey: body.api_key,
    sender: await webhookSender(BASE_URL, slug, body.webhook_secret, workerFetch),
  };
}

/** Registers an agency for `jurisdictions`; returns its API key. */
export async function createAgency(codes: string[]): Promise<string> {
  const res = await admin("POST", "/v1/admin/agencies", {
    name: `agency ${codes.join(",")}`,
    jurisdictions: codes,
  });
  if (res.status !== 201) throw new Error(`agency: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { api_key: string }).api_key;
}

export type WorkerInstance = Pick<
  LocalInstance,
  "admin" | "createPlatform" | "createAgency" | "database" | "close"
>;

export function workerInstance(): WorkerInstance {
  return { admin, createPlatform, createAgency, database, close: async () => undefined };
}

/** Empties the ledger, accounts, rules, minimum wages and jurisdictions (children before parents); keeps the ECB rates. */
export async function startWorkerInstance(): Promise<WorkerInstance> {
  const { db } = database;
  await db.batch([
    db.delete(ledgerSeals),
    db.delete(ledgerEntries),
    db.delete(ledgerEvents),
    db.delete(auditLog),
    db.delete(agencies),
    db.delete(platforms),
    db.delete(contributionRules),
    db.delete(minimumWages),
    db.delete(jurisdictions),
  ]);
  return workerInstance();
}
