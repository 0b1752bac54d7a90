/**
 * `npm run bench [-- ingest replay latency reports worker-page]`: prints the machine, then runs each
 * benchmark (all by default, in that order) in its own process, one after the other, so that none
 * measures another's leftovers. Each prints Markdown (tables and whether its target was met); progress
 * goes to stderr. Exit status 1 when a benchmark failed (an error or a broken invariant), not when a
 * target was missed: benchmarks print figures, they do not assert timings.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const ALL = ["ingest", "replay", "latency", "reports", "worker-page"] as const;
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(ALL as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(", ")}; choose among ${ALL.join(", ")}`);
  process.exit(2);
}

const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "unknown";
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`## Benchmarks, ${new Date().toISOString()}\n`);
console.log(`Machine: ${cpus().length} CPUs (${cpuModel}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, load average before the run ${loadAverage()} (other processes share the machine: each benchmark prints its baseline from the same run).\n`);

let failed = 0;
for (const name of chosen.length > 0 ? chosen : ALL) {
  const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", script], { stdio: "inherit", env: process.env });
  const outcome = run.status === 0 ? "" : `, FAILED with exit ${run.status ?? run.signal}`;
  console.log(`\n(${name}: ${((performance.now() - started) / 1000).toFixed(0)} s, load average after it ${loadAverage()}${outcome})\n`);
  if (run.status !== 0) failed++;
}
if (failed > 0) process.exitCode = 1;
