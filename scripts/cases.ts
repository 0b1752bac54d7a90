/**
 * `npm run cases -- [dir] [--sharded]`: runs every handed case (*.json in `dir`, sorted by file name; default
 * ../shared/cases resolved from the current directory, i.e. the repo root under npm) through the real
 * HTTP path with scripts/lib/run-case.ts, each on a fresh local instance.
 *
 * Prints one line per case, `PASS name (n deliveries, ms)` or `FAIL name: first difference`, then
 * `N passed, M failed`. `--sharded` (or LEDGER_SHARDED=1) gives every jurisdiction of a case a ledger
 * shard of its own (src/db/shards.ts), each a temporary libSQL file beside the control database. Exit code 1 when a case fails or the folder holds no case, else 0.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { caseFiles, runCase } from "./lib/run-case.js";

const args = process.argv.slice(2);
const sharded = args.includes("--sharded") || process.env.LEDGER_SHARDED === "1";
const dir = resolve(process.cwd(), args.find((a) => !a.startsWith("--")) ?? "../shared/cases");
const files = caseFiles(dir);
if (files.length === 0) {
  console.error(`no *.json case files in ${dir}`);
  process.exit(1);
}

let passed = 0;
let failedCount = 0;
for (const file of files) {
  const started = performance.now();
  const result = await runCase(readFileSync(file, "utf8"), { sharded });
  const ms = Math.round(performance.now() - started);
  if (result.ok) {
    passed += 1;
    console.log(`PASS ${result.name} (${result.deliveries} deliveries, ${ms} ms)`);
  } else {
    failedCount += 1;
    console.log(`FAIL ${result.name}: ${result.firstDifference}`);
  }
}
console.log(`${passed} passed, ${failedCount} failed`);
process.exit(failedCount > 0 ? 1 : 0);
