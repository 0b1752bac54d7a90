/**
 * `npm run dev:worker`: the Worker (src/worker.ts) under `wrangler dev` on this machine, offline, on
 * http://127.0.0.1:8787 (wrangler.toml [dev]), over a local D1 database (.wrangler/state) that is
 * migrated and seeded first (scripts/lib/d1-seed.ts).
 *
 * Keys: `wrangler dev` reads the Worker's secrets from .dev.vars (git-ignored); when that file is
 * absent it is written once with fresh random keys (mode 0600), and a key it lacks is appended. Accounts: once the Worker answers, a
 * platform "crowdflower" and a demo agency for every seeded jurisdiction are registered through the
 * admin API, once, and kept in .wrangler/dev-accounts.json next to the database that knows them; the
 * keys and a replay command are printed. Delete .wrangler/ to start over with an empty ledger.
 *
 * Network: wrangler runs with OFFLINE_WRANGLER_ENV (no metrics, no update check, no cf.json fetch);
 * wrangler and workerd then open only loopback sockets. The Cron Triggers do not fire under
 * `wrangler dev`; `curl "http://127.0.0.1:8787/cdn-cgi/handler/scheduled?cron=<cron>"` runs one through
 * the runtime's scheduled event (the printed commands; reports and verification seal first anyway).
 * Ctrl-C stops wrangler.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { generateKeys } from "../src/config.js";
import { seedJurisdictions } from "../src/db/seed/rule-files.js";
import { migrateD1, seedD1 } from "./lib/d1-seed.js";
import { CLOSE_PERIODS_CRON, SEAL_CRON } from "../src/worker-runtime.js";
import { ROOT, spawnWrangler } from "./lib/wrangler.js";

const DEV_VARS = join(ROOT, ".dev.vars");
const ACCOUNTS_FILE = join(ROOT, ".wrangler/dev-accounts.json");
const BASE_URL = "http://127.0.0.1:8787";
const READY_TIMEOUT_MS = 60_000;

const accountsSchema = z.object({
  platform: z.object({ slug: z.string(), webhook_secret: z.string(), api_key: z.string() }),
  agency: z.object({ api_key: z.string(), jurisdictions: z.array(z.string()) }),
});
type Accounts = z.infer<typeof accountsSchema>;

/**
 * The Worker's keys from .dev.vars, written with fresh random keys (src/config.ts) when absent; a key
 * the file lacks (one added since it was written, e.g. RECEIPT_SIGNING_KEY) is generated and appended.
 */
function devVars(): Record<string, string> {
  if (!existsSync(DEV_VARS))
    writeFileSync(
      DEV_VARS,
      "# Development secrets of `wrangler dev`, written by `npm run dev:worker`. Never commit this file.\n",
      { mode: 0o600 },
    );
  const vars: Record<string, string> = {};
  for (const line of readFileSync(DEV_VARS, "utf8").split("\n")) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) vars[match[1]!] = match[2]!.replace(/^"(.*)"$/, "$1");
  }
  const missing = Object.entries(generateKeys("dev")).filter(([name]) => vars[name] === undefined);
  if (missing.length > 0)
    appendFileSync(DEV_VARS, missing.map(([name, value]) => `${name}=${value}\n`).join(""));
  return { ...Object.fromEntries(missing), ...vars };
}

async function waitUntilReady(started: number): Promise<number> {
  while (performance.now() - started < READY_TIMEOUT_MS) {
    try {
      if ((await fetch(`${BASE_URL}/health`)).ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`wrangler dev did not answer on ${BASE_URL} within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Registers the development platform and agency through the admin API, once. */
async function ensureAccounts(adminKey: string): Promise<Accounts> {
  if (existsSync(ACCOUNTS_FILE)) return accountsSchema.parse(JSON.parse(readFileSync(ACCOUNTS_FILE, "utf8")));
  const post = async (path: string, body: unknown) => {
    const res = await fetch(BASE_URL + path, {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status !== 201)
      throw new Error(`POST ${path}: ${res.status} ${await res.text()} (delete .wrangler/ to start over)`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const platform = await post("/v1/admin/platforms", {
    slug: "crowdflower",
    name: "CrowdFlower (replayed CrowdTruth data)",
  });
  const jurisdictions = seedJurisdictions.map((j) => j.code);
  const agency = await post("/v1/admin/agencies", { name: "Demo agency", jurisdictions });
  const accounts = accountsSchema.parse({
    platform: { slug: platform.slug, webhook_secret: platform.webhook_secret, api_key: platform.api_key },
    agency: { api_key: agency.api_key, jurisdictions },
  });
  writeFileSync(ACCOUNTS_FILE, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  return accounts;
}

async function main() {
  const vars = devVars();
  const adminKey = vars.ADMIN_API_KEY;
  if (!adminKey) throw new Error(`${DEV_VARS} has no ADMIN_API_KEY; delete it to have a new one written`);
  migrateD1("--local");
  const seeded = await seedD1("--local");
  console.log(
    `local D1 migrated and seeded (${seeded.quotes} ECB quotes${seeded.quotesLoaded ? " loaded" : ""})`,
  );

  if (
    await fetch(`${BASE_URL}/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`something already listens on ${BASE_URL} (npm start?): stop it first`);
  const started = performance.now();
  // --test-scheduled: wrangler warns at start-up without it (crons do not fire locally); it also serves /__scheduled.
  const wrangler = spawnWrangler(["dev", "--show-interactive-dev-session=false", "--test-scheduled"]);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => wrangler.kill(signal));
  wrangler.on("exit", (code) => process.exit(code ?? 0));

  const readyMs = await waitUntilReady(started);
  const accounts = await ensureAccounts(adminKey);
  console.log(
    `contribution-ledger Worker listening on ${BASE_URL} (wrangler dev, local D1; answered after ${Math.round(readyMs)} ms)`,
  );
  console.log("development keys (.dev.vars and .wrangler/dev-accounts.json):");
  console.log(`  admin API key:              ${adminKey}`);
  console.log(
    `  platform "crowdflower":     webhook secret ${accounts.platform.webhook_secret}  API key ${accounts.platform.api_key}`,
  );
  console.log(`  demo agency (all seeded):   API key ${accounts.agency.api_key}`);
  console.log(
    `replay: npm run replay -- data/crowdflower-sample.csv --url ${BASE_URL} --secret ${accounts.platform.webhook_secret}`,
  );
  const cron = (expression: string) =>
    `curl "${BASE_URL}/cdn-cgi/handler/scheduled?${new URLSearchParams({ cron: expression })}"`;
  console.log(`seal now (Cron Trigger "${SEAL_CRON}"):            ${cron(SEAL_CRON)}`);
  console.log(`close due periods (Cron Trigger "${CLOSE_PERIODS_CRON}"): ${cron(CLOSE_PERIODS_CRON)}`);
}

await main();
