/**
 * `npm run migrate:d1 -- --local|--remote`
 *
 * Applies the drizzle/ migrations to every D1 database of wrangler.toml: DB (the control plane and
 * default shard) and each ledger shard LEDGER_<CC> (src/db/shards.ts), one `wrangler d1 migrations
 * apply <binding>` each, in the order wrangler.toml lists them. Every database gets the same schema; a
 * shard's reference rows are mirrored from DB by the Worker when first needed, so only DB is seeded
 * (`npm run seed:d1`). `--local` needs no network; `--remote` needs `wrangler login` (or
 * CLOUDFLARE_API_TOKEN) and the real database ids. Safe to repeat (applied migrations are skipped).
 *
 * Exit status: 0 when every database is migrated, 1 when wrangler failed, 2 on bad arguments.
 */
import { parseArgs } from "node:util";
import { unstable_readConfig } from "wrangler";
import { ROOT, runWrangler, useOfflineWranglerEnv } from "./lib/wrangler.js";

function target(): "--local" | "--remote" {
  try {
    const { values } = parseArgs({ options: { local: { type: "boolean" }, remote: { type: "boolean" } } });
    if (values.local === values.remote) throw new Error("give exactly one of --local and --remote");
    return values.local ? "--local" : "--remote";
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run migrate:d1 -- --local|--remote`);
    process.exit(2);
  }
}

const where = target();
useOfflineWranglerEnv();
const bindings = unstable_readConfig({ config: `${ROOT}/wrangler.toml` })
  .d1_databases.map((d: { binding: string }) => d.binding)
  .filter((b: string) => b === "DB" || /^LEDGER_[A-Z]{2}$/.test(b));
try {
  for (const binding of bindings) {
    runWrangler(["d1", "migrations", "apply", binding, where]);
    console.log(`migrated ${binding} (${where.slice(2)})`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
