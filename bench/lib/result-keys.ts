/**
 * The machine-readable side of a benchmark: `npm run bench -- <name> --json` prints one JSON object whose
 * keys are the ratios each benchmark reports (issue 13's table: `single_event_vs_raw_commit`,
 * `batch100_vs_raw`, `report_vs_bare_aggregate`, …). `bench/run.ts` sets `BENCH_RESULT_FILE` to a
 * temporary JSON file; each benchmark process merges its keys into it with {@link reportKeys}. Without
 * that variable (a benchmark run on its own) the call does nothing.
 *
 * Values are plain numbers (ratios, megabytes) or `null` when a figure could not be measured.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** Merges `keys` into the run's result file, when the run asked for JSON. */
export function reportKeys(keys: Record<string, number | null>): void {
  const file = process.env.BENCH_RESULT_FILE;
  if (!file) return;
  const previous = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8") || "{}") as Record<string, unknown>)
    : {};
  writeFileSync(file, JSON.stringify({ ...previous, ...keys }));
}
