/**
 * Reference data into the D1 database bound as DB in wrangler.toml: the seeded jurisdictions, rule
 * versions and minimum wages (src/db/seed/) and the ECB rates of data/ecb-eurofxref-hist.csv.
 *
 * The statements are those of the Node seed as SQL text (src/db/seed-sql.ts: idempotent multi-row
 * INSERTs of at most 100 kB each). The rules part is sent every time (a few statements; existing rows
 * are kept); the rates only when fx_rates holds fewer rows than the file has quotes, so a
 * repeated run costs one count query.
 * - local: through the D1 binding of wrangler's `getPlatformProxy` on wrangler's local state
 *   (.wrangler/state, the database `wrangler dev` uses, or the directory given as `persistTo`, as
 *   `wrangler --persist-to` takes it), 10 statements a batch: about 2 s for the 217,555 quotes,
 *   offline. (`wrangler d1 execute --local --file` spends ~12 s splitting the 7 MB file.)
 * - remote: written to .wrangler/seed/*.sql (git-ignored) and run with
 *   `wrangler d1 execute DB --remote --file`, which uploads the file to D1's import API.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { D1Database } from "@cloudflare/workers-types";
import { getPlatformProxy } from "wrangler";
import { z } from "zod";
import { parseEcbCsv } from "../../src/db/fx-repo.js";
import { fxSeedSql, rulesSeedSql } from "../../src/db/seed-sql.js";
import { ROOT, runWrangler, useOfflineWranglerEnv } from "./wrangler.js";

export type D1Target = "--local" | "--remote";

const ECB_CSV = join(ROOT, "data/ecb-eurofxref-hist.csv");
const SEED_DIR = join(ROOT, ".wrangler/seed");
const BINDING = "DB";
const STATEMENTS_PER_BATCH = 10;

/**
 * `wrangler d1 migrations apply DB <target>`: applies the drizzle/ migrations not yet in d1_migrations.
 * `persistTo` (local only): the state directory instead of .wrangler/state. Throws with wrangler's output.
 */
export function migrateD1(target: D1Target, persistTo?: string): void {
  runWrangler([
    "d1",
    "migrations",
    "apply",
    BINDING,
    target,
    ...(persistTo === undefined ? [] : ["--persist-to", persistTo]),
  ]);
}

/** A local D1 database opened from Node; `dispose()` releases it (and its workerd process). */
export interface LocalD1 {
  db: D1Database;
  dispose(): Promise<void>;
}

/**
 * The local D1 database bound as DB, through wrangler's `getPlatformProxy` (offline): the one
 * `wrangler dev` uses (.wrangler/state), or the one under `persistTo` (a `--persist-to` directory,
 * whose databases live in `<persistTo>/v3`). Open it while no other workerd process uses that state.
 */
export async function openLocalD1(persistTo?: string): Promise<LocalD1> {
  useOfflineWranglerEnv();
  const persist = persistTo === undefined ? true : { path: join(persistTo, "v3") };
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: join(ROOT, "wrangler.toml"),
    persist,
    remoteBindings: false,
  });
  return { db: proxy.env.DB, dispose: () => proxy.dispose() };
}

interface SqlRunner {
  countQuotes(): Promise<number>;
  run(name: string, statements: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

async function localRunner(persistTo: string | undefined): Promise<SqlRunner> {
  const { db, dispose } = await openLocalD1(persistTo);
  return {
    async countQuotes() {
      return (await db.prepare("SELECT count(*) AS n FROM fx_rates").first<number>("n")) ?? 0;
    },
    async run(_name, statements) {
      for (let start = 0; start < statements.length; start += STATEMENTS_PER_BATCH) {
        await db.batch(statements.slice(start, start + STATEMENTS_PER_BATCH).map((sql) => db.prepare(sql)));
      }
    },
    close: dispose,
  };
}

const countAnswer = z.array(z.object({ results: z.array(z.object({ n: z.number() })) })).min(1);

function remoteRunner(): SqlRunner {
  return {
    async countQuotes() {
      const out = runWrangler([
        "d1",
        "execute",
        BINDING,
        "--remote",
        "--yes",
        "--json",
        "--command",
        "SELECT count(*) AS n FROM fx_rates",
      ]);
      return countAnswer.parse(JSON.parse(out))[0]!.results[0]?.n ?? 0;
    },
    async run(name, statements) {
      mkdirSync(SEED_DIR, { recursive: true });
      const file = join(SEED_DIR, name);
      writeFileSync(file, statements.map((s) => `${s};\n`).join(""));
      runWrangler(["d1", "execute", BINDING, "--remote", "--yes", "--file", file]);
    },
    close: async () => undefined,
  };
}

export interface SeedD1Result {
  /** Quotes in the ECB file. */
  quotes: number;
  /** Whether the rates were sent (false: fx_rates already held them all). */
  quotesLoaded: boolean;
}

export interface SeedD1Options {
  /** Local only: the state directory instead of .wrangler/state (as for `migrateD1`). */
  persistTo?: string;
  /** Load the ECB rates (default true); a ledger of payouts in the rules' own currency needs none. */
  fxRates?: boolean;
}

/**
 * Seeds the target database (migrated before); throws with wrangler's output when a step fails.
 * With `fxRates: false` the rates are neither counted nor sent (`quotes` 0, `quotesLoaded` false).
 */
export async function seedD1(
  target: D1Target,
  { persistTo, fxRates = true }: SeedD1Options = {},
): Promise<SeedD1Result> {
  const runner = target === "--local" ? await localRunner(persistTo) : remoteRunner();
  try {
    await runner.run("rules.sql", await rulesSeedSql());
    if (!fxRates) return { quotes: 0, quotesLoaded: false };
    const csv = readFileSync(ECB_CSV, "utf8");
    const quotes = parseEcbCsv(csv).length;
    const quotesLoaded = (await runner.countQuotes()) < quotes;
    if (quotesLoaded) await runner.run("fx-rates.sql", await fxSeedSql(csv));
    return { quotes, quotesLoaded };
  } finally {
    await runner.close();
  }
}
