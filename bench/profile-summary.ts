/**
 * `tsx bench/profile-summary.ts <file.cpuprofile | directory> [top=25] [--from-ms N] [--to-ms N]`: the
 * hottest functions of a V8 CPU profile (written by `node --cpu-prof`, e.g. with BENCH_CPU_PROF=<dir>,
 * see bench/lib/server-process.ts), as self time and inclusive time per function (name, file:line) and
 * self time per module (package or src/ folder). Given a directory, it reads the largest profile in it
 * (a server's main thread; smaller ones are tsx's loader thread). --from-ms/--to-ms keep only the samples
 * in that window of the profile (ms from its start), e.g. to leave start-up out.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { "from-ms": { type: "string" }, "to-ms": { type: "string" } },
});
const [target, topText] = positionals;
if (!target) {
  console.error(
    "usage: tsx bench/profile-summary.ts <file.cpuprofile | directory> [top] [--from-ms N] [--to-ms N]",
  );
  process.exit(2);
}
const file = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => join(target, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]
  : target;
if (!file) throw new Error(`no .cpuprofile in ${target}`);
const top = Number(topText ?? "25");
const [fromUs, toUs] = [
  Number(values["from-ms"] ?? "0") * 1000,
  values["to-ms"] ? Number(values["to-ms"]) * 1000 : Number.POSITIVE_INFINITY,
];

const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);

/** Sampled time per profile node within the window, µs. */
const timeOf = new Map<number, number>();
let elapsedUs = 0;
let totalUs = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  elapsedUs += delta;
  if (elapsedUs < fromUs || elapsedUs > toUs) return;
  timeOf.set(id, (timeOf.get(id) ?? 0) + delta);
  totalUs += delta;
});

const shortUrl = (url: string) =>
  url.replace(/^.*\/(node_modules\/(?:@[^/]+\/)?[^/]+|src|scripts|bench)\//, "$1/");
const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || "(anonymous)"}  ${shortUrl(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ""}`;
const moduleOf = (n: ProfileNode) => {
  const url = n.callFrame.url;
  if (!url) return n.callFrame.functionName;
  const match = /\/(node_modules\/(?:@[^/]+\/)?[^/]+|src\/[^/]+)\//.exec(url);
  return match ? match[1]! : url.startsWith("node:") ? url : shortUrl(url);
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const modules = new Map<string, number>();
for (const [id, us] of timeOf) {
  const node = byId.get(id)!;
  self.set(label(node), (self.get(label(node)) ?? 0) + us);
  modules.set(moduleOf(node), (modules.get(moduleOf(node)) ?? 0) + us);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
    const name = label(byId.get(cur)!);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((100 * us) / Math.max(totalUs, 1)).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
  }
};
console.log(
  `${file}: ${(totalUs / 1000).toFixed(0)} ms sampled${fromUs > 0 || toUs < Number.POSITIVE_INFINITY ? ` (window ${fromUs / 1000}–${toUs === Number.POSITIVE_INFINITY ? "end" : toUs / 1000} ms)` : ""}`,
);
print("self time by function", self);
print("self time by module", modules);
print("inclusive time by function", inclusive);
