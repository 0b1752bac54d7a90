/**
 * npm run verify [-- --db file:data/ledger.db]: seals what is not sealed yet, recomputes the whole hash
 * chain of the ledger and names the first broken link, then checks the ledger invariants
 * (scripts/lib/invariants.ts: running totals, sequences, entries and their events). Exit 0 when the chain
 * is intact and every invariant holds, 1 otherwise.
 */
import { parseArgs } from "node:util";
import { openLibsql } from "../src/db/client.js";
import { checkLedger, formatLedgerCheck } from "./lib/invariants.js";

const { values } = parseArgs({
  options: { db: { type: "string", default: process.env.DATABASE_URL ?? "file:data/ledger.db" } },
});
const database = await openLibsql(values.db!, process.env.DATABASE_AUTH_TOKEN);
const result = await checkLedger(database.db);
database.close();
const report = result.chain;
if (report.ok) {
  console.log(
    `chain intact: ${report.events_checked} events, head ${report.head.event_seq}:${report.head.hash}`,
  );
} else {
  console.log(
    `chain BROKEN at event ${report.first_broken!.event_seq}: ${report.first_broken!.reason} (${report.events_checked} events verified before it)`,
  );
}
console.log(formatLedgerCheck(result));
if (!result.ok) process.exitCode = 1;
