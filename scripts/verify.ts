/**
 * npm run verify [-- --db file:data/ledger.db]: seals what is not sealed yet, then recomputes the whole
 * hash chain of the ledger and names the first broken link. Exit 0 when intact, 1 when broken.
 */
import { parseArgs } from "node:util";
import { openLibsql } from "../src/db/client.js";
import { sealLedger, verifyChain } from "../src/ledger/seal.js";

const { values } = parseArgs({ options: { db: { type: "string", default: process.env.DATABASE_URL ?? "file:data/ledger.db" } } });
const database = await openLibsql(values.db!, process.env.DATABASE_AUTH_TOKEN);
await sealLedger(database.db);
const report = await verifyChain(database.db);
database.close();
if (report.ok) {
  console.log(`chain intact: ${report.events_checked} events, head ${report.head.eventSeq}:${report.head.hash}`);
} else {
  console.log(`chain BROKEN at event ${report.first_broken!.event_seq}: ${report.first_broken!.reason} (${report.events_checked} events verified before it)`);
  process.exitCode = 1;
}
