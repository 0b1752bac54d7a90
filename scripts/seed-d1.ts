/**
 * `npm run seed:d1 -- --local|--remote`
 *
 * Loads the seeded jurisdictions, rule versions and minimum wages and the ECB reference rates into the
 * D1 database bound as DB in wrangler.toml (scripts/lib/d1-seed.ts). Apply the migrations first
 * (`wrangler d1 migrations apply DB --local|--remote`). `--local` needs no network and seeds the
 * database `wrangler dev` uses; `--remote` needs `wrangler login` (or CLOUDFLARE_API_TOKEN) and the
 * real database_id in wrangler.toml. Safe to repeat.
 *
 * Exit status: 0 when seeded, 1 when wrangler failed, 2 on bad arguments.
 */
import { parseArgs } from "node:util";
import { seedD1, type D1Target } from "./lib/d1-seed.js";

function target(): D1Target {
  try {
    const { values } = parseArgs({ options: { local: { type: "boolean" }, remote: { type: "boolean" } } });
    if (values.local === values.remote) throw new Error("give exactly one of --local and --remote");
    return values.local ? "--local" : "--remote";
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run seed:d1 -- --local|--remote`);
    process.exit(2);
  }
}

const where = target();
const started = performance.now();
try {
  const done = await seedD1(where);
  const rates = done.quotesLoaded
    ? `loaded the ${done.quotes} ECB quotes`
    : `the ${done.quotes} ECB quotes were already there`;
  console.log(
    `seed:d1 ${where}: jurisdictions, rule versions and minimum wages up to date; ${rates} (${Math.round(performance.now() - started)} ms)`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
