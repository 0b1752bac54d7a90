/**
 * `npm run bench [-- ingest replay latency reports worker-page]`: prints the machine, then runs each
 * benchmark (all by default, in that order) in its own process, one after the other, so that none
 * measures another's leftovers. Each prints Markdown (tables and whether its target was met); progress
 * goes to stderr. Exit status 1 when a benchmark failed (an error or a broken invariant), not when a
 * target was missed: benchmarks print figures, they do not assert timings.
 *
 * With `--json`, the Markdown goes to stderr and stdout carries one JSON object: the ratios every chosen
 * benchmark reported through `bench/lib/result-keys.ts`, plus `machine`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ALL = ["ingest", "replay", "latency", "reports", "worker-page"] as const;
const json = process.argv.includes("--json");
const chosen = process.argv.slice(2).filter((arg) => arg !== "--json");
const unknown = chosen.filter((name) => !(ALL as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(", ")}; choose among ${ALL.join(", ")}`);
  process.exit(2);
}

const cpuModel =
  /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ??
  cpus()[0]?.model ??
  "unknown";
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const resultDir = mkdtempSync(join(tmpdir(), "bench-result-"));
const resultFile = join(resultDir, "keys.json");
const say = json ? console.error : console.log;
say(`## Benchmarks, ${new Date().toISOString()}\n`);
const machine = `${cpus().length} CPUs (${cpuModel}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
say(
  `Machine: ${cpus().length} CPUs (${cpuModel}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, load average before the run ${loadAverage()} (other processes share the machine: each benchmark prints its baseline from the same run).\n`,
);

let failed = 0;
for (const name of chosen.length > 0 ? chosen : ALL) {
  const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", script], {
    stdio: ["inherit", json ? 2 : "inherit", "inherit"],
    env: { ...process.env, ...(json ? { BENCH_RESULT_FILE: resultFile } : {}) },
  });
  const outcome = run.status === 0 ? "" : `, FAILED with exit ${run.status ?? run.signal}`;
  say(
    `\n(${name}: ${((performance.now() - started) / 1000).toFixed(0)} s, load average after it ${loadAverage()}${outcome})\n`,
  );
  if (run.status !== 0) failed++;
}
if (json) {
  let keys: Record<string, unknown> = {};
  try {
    keys = JSON.parse(readFileSync(resultFile, "utf8")) as Record<string, unknown>;
  } catch {
    // no benchmark reported a key
  }
  console.log(JSON.stringify({ machine, ...keys }, null, 2));
}
rmSync(resultDir, { recursive: true, force: true });
if (failed > 0) process.exitCode = 1;
