/**
 * The worker's page over a worker with 10,000 payouts (issue "Measured speed"): the real server in its
 * own process, 10,000 US payouts of one worker spread over 2025 and 2026 (24 months, two rules each,
 * 20,000 entries) sent through the signed webhook in batches of 1,000, an access link from the platform's
 * API key, then sequential GETs of the page (/w/{token}), its JSON and its CSV export: 5 warm-up requests
 * each, then 40 timed ones (full body read). Prints p50, p95 and max in ms, and the size. The same for a
 * second worker of the same ledger with 10 payouts, and the key `worker_page_10k_vs_10` (p95 of the
 * heavy worker's page ÷ p95 of the light one's; target ≤ 3; bench/lib/result-keys.ts).
 * BENCH_SCALE (default 1) scales the heavy worker's payouts (0.1: 1,000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatMinor } from "../src/domain/money.js";
import { deliverAll } from "./lib/load.js";
import { startServerProcess } from "./lib/server-process.js";
import { reportKeys } from "./lib/result-keys.js";
import { fmt1, fmtInt, percentile, table } from "./lib/stats.js";

const PAYOUTS = Math.max(100, Math.round(10_000 * Number(process.env.BENCH_SCALE ?? "1")));
const LIGHT_PAYOUTS = 10;
const BATCH = 1_000;
const WARMUP = 5;
const RUNS = 40;
const DAY_MS = 86_400_000;
const FIRST_DAY_MS = Date.parse("2025-01-01T12:00:00Z");
/** 24 months from 2025-01-01, or up to yesterday when that is sooner (occurred_at may not lie ahead). */
const DAYS = Math.min(730, Math.floor((Date.now() - FIRST_DAY_MS) / DAY_MS) - 1);

const payout = (i: number, worker = "w-heavy", count = PAYOUTS) => ({
  id: `${worker}-${i}`,
  type: "payout" as const,
  occurred_at: new Date(FIRST_DAY_MS + Math.floor((i * DAYS) / count) * DAY_MS).toISOString(),
  worker: { id: worker, country: "US" },
  amount: formatMinor(100 + (i % 900), "USD"),
  currency: "USD",
  task: { type: "bench", duration_s: 60 },
});

const dir = mkdtempSync(join(tmpdir(), "bench-worker-page-"));
const server = await startServerProcess({ dbPath: join(dir, "ledger.db") });
try {
  const platform = await server.createPlatform("bench");
  // One delivery at a time: every payout continues the same two accruals.
  const ingest = await deliverAll(
    platform.sender,
    PAYOUTS / BATCH,
    (k) => ({ events: Array.from({ length: BATCH }, (_, j) => payout(k * BATCH + j)) }),
    1,
  );
  if (ingest.recorded !== PAYOUTS)
    throw new Error(`${ingest.recorded} of ${PAYOUTS} recorded: ${ingest.failures.join("; ")}`);
  const light = await deliverAll(
    platform.sender,
    1,
    () => ({ events: Array.from({ length: LIGHT_PAYOUTS }, (_, j) => payout(j, "w-light", LIGHT_PAYOUTS)) }),
    1,
  );
  if (light.recorded !== LIGHT_PAYOUTS)
    throw new Error(`${light.recorded} of ${LIGHT_PAYOUTS} recorded: ${light.failures.join("; ")}`);
  const pagePathOf = async (worker: string) => {
    const link = await fetch(`${server.baseUrl}/v1/workers/${worker}/access-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${platform.apiKey}` },
    });
    if (link.status !== 201) throw new Error(`access link: ${link.status} ${await link.text()}`);
    return new URL(((await link.json()) as { url: string }).url).pathname;
  };

  const rows: string[][] = [];
  const pageP95 = new Map<string, number>();
  for (const [worker, payouts] of [
    ["w-heavy", PAYOUTS],
    ["w-light", LIGHT_PAYOUTS],
  ] as const) {
    const pagePath = await pagePathOf(worker);
    for (const [label, path] of [
      ["page (HTML)", pagePath],
      ["record.json", `${pagePath}/record.json`],
      ["record.csv", `${pagePath}/record.csv`],
    ] as const) {
      const times: number[] = [];
      let bytes = 0;
      for (let run = 0; run < WARMUP + RUNS; run++) {
        const started = performance.now();
        const res = await fetch(server.baseUrl + path);
        const body = await res.arrayBuffer();
        if (res.status !== 200)
          throw new Error(
            `${label}: ${res.status} ${new TextDecoder().decode(body).slice(0, 300)}\n${server.log().slice(-2000)}`,
          );
        if (run >= WARMUP) times.push(performance.now() - started);
        bytes = body.byteLength;
      }
      if (label === "page (HTML)") pageP95.set(worker, percentile(times, 95));
      rows.push([
        fmtInt(payouts),
        label,
        fmtInt(percentile(times, 50)),
        fmtInt(percentile(times, 95)),
        fmtInt(Math.max(...times)),
        fmt1(bytes / 1024),
      ]);
    }
  }
  const ratio = pageP95.get("w-heavy")! / pageP95.get("w-light")!;
  reportKeys({ worker_page_10k_vs_10: ratio });
  console.log(
    `### Worker page: one worker with ${fmtInt(PAYOUTS)} payouts (24 months, ${fmtInt(2 * PAYOUTS)} entries) and one with ${LIGHT_PAYOUTS} in the same ledger (${RUNS} sequential requests after ${WARMUP} warm-up)\n`,
  );
  console.log(table(["payouts", "resource", "p50 ms", "p95 ms", "max ms", "size KiB"], rows));
  console.log(`\nPage p95, ${fmtInt(PAYOUTS)} payouts ÷ ${LIGHT_PAYOUTS}: ${ratio.toFixed(2)} (target ≤ 3)`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
