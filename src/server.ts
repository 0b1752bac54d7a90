/**
 * Node entry (`npm start`): embedded libSQL file (DATABASE_URL, default file:data/ledger.db), migrated
 * and seeded at start (rules, jurisdictions, ECB rates), then served with @hono/node-server. The ledger
 * shards of LEDGER_SHARDS (src/config.ts, src/db/shards.ts) are opened and migrated at start too; their
 * reference rows are mirrored from DATABASE_URL, the control plane, when first needed.
 *
 * Without keys in the environment it runs in development mode: it creates keys, a platform
 * "crowdflower" (the real data set's platform) and a demo agency for every seeded jurisdiction once,
 * keeps them in data/dev-keys.json (git-ignored) and prints them.
 */
import { serve } from "@hono/node-server";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createApp } from "./app.js";
import { DEV_KEYS_FILE, generateKeys, keysSchema, nodeEnvSchema, type KeysConfig } from "./config.js";
import { openLibsql } from "./db/client.js";
import { migrateLibsql } from "./db/migrate.js";
import { seedFxRates, seedRulesData } from "./db/seed.js";
import { seedJurisdictions } from "./db/seed/rule-files.js";
import { buildDeps } from "./deps.js";
import { DEFAULT_GROUP_COMMIT } from "./ledger/group-commit.js";
import { nodeHost } from "./node-host.js";

const ECB_CSV = new URL("../data/ecb-eurofxref-hist.csv", import.meta.url);

interface DevKeys extends KeysConfig {
  platform?: { slug: string; webhook_secret: string; api_key: string };
  agency?: { api_key: string; jurisdictions: string[] };
}

/** The development keys of DEV_KEYS_FILE; a key the file lacks (one added since it was written, e.g. RECEIPT_SIGNING_KEY) is generated and saved. */
function loadOrCreateDevKeys(): DevKeys {
  const saved = existsSync(DEV_KEYS_FILE)
    ? (JSON.parse(readFileSync(DEV_KEYS_FILE, "utf8")) as Partial<DevKeys>)
    : {};
  const keys: DevKeys = { ...generateKeys("dev"), ...saved };
  if (Object.keys(keys).length !== Object.keys(saved).length) {
    mkdirSync(dirname(DEV_KEYS_FILE), { recursive: true });
    writeFileSync(DEV_KEYS_FILE, JSON.stringify(keys, null, 2), { mode: 0o600 });
  }
  return keys;
}

async function main() {
  const env = nodeEnvSchema.parse(process.env);
  const fromEnv = keysSchema.safeParse(process.env);
  const keys: DevKeys = fromEnv.success ? fromEnv.data : keysSchema.parse(loadOrCreateDevKeys());
  const devMode = !fromEnv.success;
  if (env.DATABASE_URL.startsWith("file:"))
    mkdirSync(dirname(env.DATABASE_URL.slice(5)), { recursive: true });

  const started = performance.now();
  const database = await openLibsql(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  await migrateLibsql(database.db);
  await seedRulesData(database);
  const quotes = await seedFxRates(database, readFileSync(ECB_CSV, "utf8"));
  const shards = await Promise.all(
    env.LEDGER_SHARDS.map(async ({ jurisdiction, url }) => {
      if (url.startsWith("file:")) mkdirSync(dirname(url.slice(5)), { recursive: true });
      const shard = await openLibsql(url);
      await migrateLibsql(shard.db);
      return { jurisdiction, database: shard };
    }),
  );
  const deps = await buildDeps(
    database,
    keys,
    undefined,
    { capacity: env.RATE_LIMIT_BURST, refillPerS: env.RATE_LIMIT_PER_S },
    {
      ...DEFAULT_GROUP_COMMIT,
      maxQueuedEvents: env.GROUP_COMMIT_MAX_QUEUE,
      maxWaitMs: env.GROUP_COMMIT_MAX_WAIT_MS,
    },
    { shards },
  );
  const app = createApp(deps, nodeHost());

  if (devMode) await ensureDevAccounts(app, keys);
  serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const url = `http://${env.HOST}:${info.port}`;
    console.log(
      `contribution-ledger listening on ${url} (database ${env.DATABASE_URL}${shards.length > 0 ? `, ledger shards ${env.LEDGER_SHARDS.map((s) => s.jurisdiction).join(", ")}` : ""}, ${quotes} ECB quotes, ready in ${Math.round(performance.now() - started)} ms)`,
    );
    if (devMode) {
      const dev = JSON.parse(readFileSync(DEV_KEYS_FILE, "utf8")) as DevKeys;
      console.log(`development keys (also in ${DEV_KEYS_FILE}):`);
      console.log(`  admin API key:              ${dev.ADMIN_API_KEY}`);
      console.log(
        `  platform "crowdflower":     webhook secret ${dev.platform?.webhook_secret}  API key ${dev.platform?.api_key}`,
      );
      console.log(`  demo agency (all seeded):   API key ${dev.agency?.api_key}`);
    }
  });
}

/** Registers the development platform and agency through the admin API, once. */
async function ensureDevAccounts(app: ReturnType<typeof createApp>, keys: DevKeys): Promise<void> {
  const dev = JSON.parse(readFileSync(DEV_KEYS_FILE, "utf8")) as DevKeys;
  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.ADMIN_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  if (!dev.platform) {
    const res = await post("/v1/admin/platforms", {
      slug: "crowdflower",
      name: "CrowdFlower (replayed CrowdTruth data)",
    });
    if (res.status !== 201)
      throw new Error(
        `cannot create the development platform: ${await res.text()} (delete ${DEV_KEYS_FILE} and the database to start over)`,
      );
    const body = (await res.json()) as { slug: string; webhook_secret: string; api_key: string };
    dev.platform = { slug: body.slug, webhook_secret: body.webhook_secret, api_key: body.api_key };
  }
  if (!dev.agency) {
    const jurisdictions = seedJurisdictions.map((j) => j.code);
    const res = await post("/v1/admin/agencies", { name: "Demo agency", jurisdictions });
    const body = (await res.json()) as { api_key: string };
    dev.agency = { api_key: body.api_key, jurisdictions };
  }
  writeFileSync(DEV_KEYS_FILE, JSON.stringify(dev, null, 2), { mode: 0o600 });
}

await main();
