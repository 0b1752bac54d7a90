/**
 * A second ledger writer in its own process, for tests/concurrency.test.ts: opens the instance's libSQL
 * file with its own connection and records payouts through ledger/record-payouts.ts while the instance's
 * server records others. (In one Node process the embedded libSQL client runs each statement
 * synchronously, so two requests never interleave between their reads and their write; two processes
 * on one file do, as two isolates on D1 or two servers on Turso would.)
 *
 * Usage: tsx tests/support/second-writer.ts <db path> <platform id>
 * Prints "ready" once connected, then reads a JSON array of events from stdin; when stdin ends it records
 * them one delivery at a time and prints {"statuses": [...]}: per event its outcome status, "busy" when the
 * ledger gave up on concurrent writers (BusyError, a 503 over HTTP) or "error: ..." otherwise.
 */
import { openLibsql } from "../../src/db/client.js";
import { FxRates } from "../../src/db/fx-repo.js";
import { RuleBook } from "../../src/db/rule-book.js";
import { BusyError } from "../../src/domain/errors.js";
import { recordPayouts } from "../../src/ledger/record-payouts.js";
import { payoutCommandSchema } from "../../src/schemas/payout-event.js";
import { importHmacKey, randomBytes } from "../../src/security/digest.js";

const [dbPath, platformIdText] = process.argv.slice(2);
const database = await openLibsql(`file:${dbPath}`);
const deps = {
  ...database,
  fx: new FxRates(database.db),
  ruleBook: new RuleBook(database.db),
  nationalIdKey: await importHmacKey(randomBytes(32)),
  now: () => new Date(),
};
process.stdout.write("ready\n");

let input = "";
for await (const chunk of process.stdin) input += String(chunk);
const events = JSON.parse(input) as unknown[];
const statuses: string[] = [];
for (const event of events) {
  try {
    const [outcome] = await recordPayouts(deps, Number(platformIdText), [payoutCommandSchema.parse(event)]);
    statuses.push(outcome!.status);
  } catch (error) {
    // What the HTTP route would answer with 503; any other error is reported by name.
    statuses.push(error instanceof BusyError ? "busy" : `error: ${String(error)}`.slice(0, 300));
  }
}
process.stdout.write(`${JSON.stringify({ statuses })}\n`);
database.close();
