/**
 * npm run soak: the robustness tests (tests/robustness/) at full size, one file at a time: SOAK=1 makes
 * the concurrency test send 10,000 deliveries to 100 workers, the crash test replay the full
 * ../shared/data/crowdflower-payouts.csv with three kill -9, and the fuzz test generate ten times as
 * many requests. npm test runs the same files at CI size. Exit status: vitest's.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const VITEST = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const run = spawnSync(
  process.execPath,
  [VITEST, "run", "tests/robustness", "--no-file-parallelism", ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env: { ...process.env, SOAK: "1" },
  },
);
process.exitCode = run.status ?? 1;
