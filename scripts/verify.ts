/**
 * npm run verify [-- --db file:data/ledger.db]: seals what is not sealed yet, recomputes the whole hash
 * chain of the ledger and names the first broken link, then checks the ledger invariants
 * (scripts/lib/invariants.ts: running totals, sequences, entries and their events). With LEDGER_SHARDS
 * set (src/config.ts), every ledger shard is checked in turn, each its own chain; --db is the control
 * plane and default shard. Exit 0 when every chain is intact and every invariant holds, 1 otherwise.
 */
import { parseArgs } from "node:util";
import { checkLedger, formatLedgerCheck } from "./lib/invariants.js";
import { openNodeShards } from "./lib/node-shards.js";

const { values } = parseArgs({
  options: { db: { type: "string", default: process.env.DATABASE_URL ?? "file:data/ledger.db" } },
});
const ledger = await openNodeShards(
  values.db ?? "file:data/ledger.db",
  process.env.DATABASE_AUTH_TOKEN,
  process.env.LEDGER_SHARDS,
);
for (const { shard } of ledger.all()) {
  const result = await checkLedger(shard.database.db);
  const report = result.chain;
  const label = ledger.all().length > 1 ? `shard ${shard.name}: ` : "";
  if (report.ok) {
    console.log(
      `${label}chain intact: ${report.events_checked} events, head ${report.head.event_seq}:${report.head.hash}`,
    );
  } else {
    console.log(
      `${label}chain BROKEN at event ${report.first_broken?.event_seq}: ${report.first_broken?.reason} (${report.events_checked} events verified before it)`,
    );
  }
  console.log(formatLedgerCheck(result));
  if (!result.ok) process.exitCode = 1;
}
await ledger.close();
