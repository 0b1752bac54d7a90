/**
 * `npm run reset`: a fresh development ledger. Deletes the default database data/ledger.db with its
 * WAL, shared-memory and journal files (data/ledger.db*) and the development keys data/dev-keys.json,
 * so the next `npm start` migrates and seeds a new database and creates new keys, the platform
 * `crowdflower` and the demo agency again. Touches nothing else (not a DATABASE_URL elsewhere, not the
 * Worker's .wrangler/). Prints what it deleted.
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEV_KEYS_FILE } from "../src/config.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const dataDir = join(root, "data");
const targets = [
  ...readdirSync(dataDir)
    .filter((name) => /^ledger\.db(-wal|-shm|-journal)?$/.test(name))
    .map((name) => join(dataDir, name)),
  join(root, DEV_KEYS_FILE),
];
let deleted = 0;
for (const path of targets) {
  try {
    rmSync(path);
    console.log(`deleted ${path}`);
    deleted++;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
console.log(
  deleted === 0
    ? "nothing to delete: the next npm start begins with a fresh ledger"
    : "the next npm start begins with a fresh ledger and new development keys",
);
