/**
 * Monthly report speed and memory, and growth (issue "Measured speed"):
 *
 * For each ledger size (10k, 100k and 1M entries; $GROWTH_ENTRIES, comma-separated, overrides), a fresh
 * database for the real server in its own process, one platform, and a synthetic March 2026 generated in
 * SQL (bench/lib/synthetic-ledger.ts: entries / 20 US workers with 10 payouts each, 2 entries a payout;
 * 1M entries = 50,000 workers), sealed with the ledger's own sealer, checked (scripts/lib/invariants.ts).
 * Then, through the real app (GET /v1/reports/monthly?jurisdiction=US&period=2026-03, admin key):
 * - time to first byte (response headers) and total (body read to the end), JSON and CSV, median of 3;
 * - the server's peak resident memory during the request above its resident memory before it
 *   (/proc/<pid>/status VmRSS sampled every 5 ms), and its size;
 * - then ingestion into that ledger: 10,000 more payouts to the same workers and month, signed, batches of
 *   100, 4 in flight (events/s should stay flat as the ledger grows; report time should grow with its rows).
 * - the same JSON report as one keyset page of 100 rows (the page after a first page of 100: a cursor that
 *   pins the chain head), median of 3;
 * - one bare `SELECT subject_key, rule_code, period_key, sum(amount_minor) … GROUP BY` over the same entries
 *   with @libsql/client in this process (every result row read), median of 3: the floor a report is
 *   compared with.
 * Keys (bench/lib/result-keys.ts), at the largest size: `report_vs_bare_aggregate` (JSON report total ÷ the
 * bare aggregate; target ≤ 1.0), `report_rss_growth_mb` (server peak RSS growth during the JSON report;
 * ≤ 64), `report_page_vs_full` (the 100-row page ÷ the full JSON report; ≤ 0.05).
 * BENCH_SCALE (default 1) scales the sizes (0.1: 1k, 10k and 100k entries, well under 3 minutes).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLibsql } from "../src/db/client.js";
import { sealLedger } from "../src/ledger/seal.js";
import { checkLedger, formatLedgerCheck } from "../scripts/lib/invariants.js";
import { deliverAll, usPayout } from "./lib/load.js";
import { startServerProcess, type ServerProcess } from "./lib/server-process.js";
import { openRawClient } from "./lib/raw-client.js";
import { generateSyntheticMonth } from "./lib/synthetic-ledger.js";
import { reportKeys } from "./lib/result-keys.js";
import { fmt1, fmt2, fmtInt, median, perSecond, table, timed } from "./lib/stats.js";

const SCALE = Number(process.env.BENCH_SCALE ?? "1");
const SIZES = (process.env.GROWTH_ENTRIES ?? "10000,100000,1000000")
  .split(",")
  .map((n) => Math.max(20, Math.round(Number(n) * SCALE)));
const LARGEST = Math.max(...SIZES);
const PAGE_ROWS = 100;
const EVENTS_PER_WORKER = 10;
const INGEST_EVENTS = 10_000;
const RUNS = 3;
const TARGET_MS = 1_000;
const MB = 1024 * 1024;

interface ReportRun {
  ttfbMs: number;
  totalMs: number;
  bytes: number;
  peakRssDeltaKb: number;
}

/** One GET of the report, reading the body as it streams, with the server's RSS sampled meanwhile. */
async function fetchReport(server: ServerProcess, format: "json" | "csv"): Promise<ReportRun> {
  const before = server.memoryKb()!.rssKb;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, server.memoryKb()?.rssKb ?? peak);
  }, 5);
  try {
    const started = performance.now();
    const res = await server.admin(
      "GET",
      `/v1/reports/monthly?jurisdiction=US&period=2026-03&format=${format}`,
    );
    const ttfbMs = performance.now() - started;
    if (res.status !== 200)
      throw new Error(`report ${format}: ${res.status} ${await res.text()}\n${server.log().slice(-3000)}`);
    let bytes = 0;
    for await (const chunk of res.body!) bytes += (chunk as Uint8Array).byteLength;
    const totalMs = performance.now() - started;
    peak = Math.max(peak, server.memoryKb()?.rssKb ?? peak);
    return { ttfbMs, totalMs, bytes, peakRssDeltaKb: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

const REPORT_PATH = "/v1/reports/monthly?jurisdiction=US&period=2026-03";

/** One keyset page of PAGE_ROWS rows: the page after the first one (its cursor pins the chain head). */
async function fetchPage(server: ServerProcess): Promise<number> {
  const first = (await (await server.admin("GET", `${REPORT_PATH}&limit=${PAGE_ROWS}`)).json()) as {
    next_cursor: string | null;
  };
  const started = performance.now();
  const res = await server.admin(
    "GET",
    `${REPORT_PATH}&limit=${PAGE_ROWS}${first.next_cursor ? `&cursor=${first.next_cursor}` : ""}`,
  );
  const page = (await res.json()) as { rows: unknown[] };
  if (res.status !== 200 || page.rows.length === 0) throw new Error(`page: ${res.status}`);
  return performance.now() - started;
}

/** The bare aggregate the report is compared with, every row read (module doc). */
async function bareAggregateMs(client: Awaited<ReturnType<typeof openRawClient>>): Promise<number> {
  const started = performance.now();
  const result = await client.execute(
    "SELECT subject_key, rule_code, period_key, sum(amount_minor) AS contribution_minor FROM ledger_entries WHERE jurisdiction = 'US' AND month = '2026-03' GROUP BY subject_key, rule_code, period_key",
  );
  if (result.rows.length === 0) throw new Error("bare aggregate: no rows");
  return performance.now() - started;
}

const keys: Record<string, number | null> = {
  report_vs_bare_aggregate: null,
  report_rss_growth_mb: null,
  report_page_vs_full: null,
};
const comparisonRows: string[][] = [];
const reportRows: string[][] = [];
const growthRows: string[][] = [];
const checks: string[] = [];
for (const entries of SIZES) {
  const workers = Math.max(1, Math.round(entries / (2 * EVENTS_PER_WORKER)));
  const dir = mkdtempSync(join(tmpdir(), "bench-reports-"));
  const dbPath = join(dir, "ledger.db");
  const server = await startServerProcess({ dbPath });
  const writer = await openLibsql(`file:${dbPath}`);
  const sqlClient = await openRawClient(dbPath);
  try {
    const platform = await server.createPlatform("synthetic");
    const platformId = Number(
      (await sqlClient.execute("SELECT id FROM platforms WHERE slug = 'synthetic'")).rows[0]!.id,
    );
    const generated = await timed(() =>
      generateSyntheticMonth(sqlClient, {
        platformId,
        workers,
        eventsPerWorker: EVENTS_PER_WORKER,
        idPrefix: "syn",
      }),
    );
    const sealed = await timed(() => sealLedger(writer.db));
    const checked = await timed(() => checkLedger(writer.db));
    checks.push(
      `${fmtInt(entries)} entries (check ${fmt1(checked.ms / 1000)} s):\n${formatLedgerCheck(checked.result)}`,
    );
    if (!checked.result.ok) process.exitCode = 1;
    console.error(
      `${fmtInt(entries)} entries: generated in ${fmt1(generated.ms / 1000)} s, sealed in ${fmt1(sealed.ms / 1000)} s, checked in ${fmt1(checked.ms / 1000)} s`,
    );

    const byFormat = new Map<string, ReportRun[]>();
    for (let run = 0; run < RUNS; run++) {
      for (const format of ["json", "csv"] as const)
        byFormat.set(format, [...(byFormat.get(format) ?? []), await fetchReport(server, format)]);
    }
    const reportRowCount = workers * 2;
    const pageMs = median([await fetchPage(server), await fetchPage(server), await fetchPage(server)]);
    const bareMs = median([
      await bareAggregateMs(sqlClient),
      await bareAggregateMs(sqlClient),
      await bareAggregateMs(sqlClient),
    ]);
    const fullJsonMs = median(byFormat.get("json")!.map((r) => r.totalMs));
    const rssMb = Math.max(...byFormat.get("json")!.map((r) => r.peakRssDeltaKb)) / 1024;
    comparisonRows.push([
      fmtInt(entries),
      fmtInt(fullJsonMs),
      fmtInt(bareMs),
      fmt2(fullJsonMs / bareMs),
      fmt1(pageMs),
      fmt2(pageMs / fullJsonMs),
      fmt1(rssMb),
    ]);
    if (entries === LARGEST)
      Object.assign(keys, {
        report_vs_bare_aggregate: fullJsonMs / bareMs,
        report_rss_growth_mb: rssMb,
        report_page_vs_full: pageMs / fullJsonMs,
      });
    for (const [format, runs] of byFormat) {
      const total = median(runs.map((r) => r.totalMs));
      reportRows.push([
        fmtInt(entries),
        fmtInt(reportRowCount),
        format,
        fmtInt(median(runs.map((r) => r.ttfbMs))),
        fmtInt(total),
        fmt1(runs[0]!.bytes / MB),
        fmtInt(Math.max(...runs.map((r) => r.peakRssDeltaKb)) / 1024),
        entries === LARGEST ? (total <= TARGET_MS ? "met" : "missed") : "",
      ]);
    }
    const ingest = await deliverAll(
      platform.sender,
      INGEST_EVENTS / 100,
      (k) => ({ events: Array.from({ length: 100 }, (_, j) => usPayout(k * 100 + j, workers, "grow")) }),
      4,
    );
    if (ingest.recorded !== INGEST_EVENTS)
      throw new Error(
        `growth ingestion: ${ingest.recorded} of ${INGEST_EVENTS} recorded; ${ingest.failures.join("; ")}`,
      );
    const jsonMs = median(byFormat.get("json")!.map((r) => r.totalMs));
    growthRows.push([
      fmtInt(entries),
      fmtInt(workers),
      fmtInt(reportRowCount),
      fmt1(generated.ms / 1000),
      fmt1(sealed.ms / 1000),
      fmtInt(perSecond(generated.result.events, sealed.ms)),
      fmtInt(perSecond(INGEST_EVENTS, ingest.ms)),
      fmtInt(jsonMs),
      fmt2((jsonMs * 1000) / reportRowCount),
    ]);
  } finally {
    sqlClient.close();
    writer.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

reportKeys(keys);
console.log(
  `### Report against the bare aggregate of the same entries, and one ${PAGE_ROWS}-row page (median of ${RUNS})\n`,
);
console.log(
  table(
    [
      "entries",
      "report JSON ms",
      "bare GROUP BY ms",
      "report ÷ bare (≤ 1.0)",
      "page ms",
      "page ÷ full (≤ 0.05)",
      "server peak RSS Δ MB (≤ 64)",
    ],
    comparisonRows,
  ),
);
console.log(
  `\n### Monthly report (US, 2026-03) over a synthetic month, through GET /v1/reports/monthly (median of ${RUNS})\n`,
);
console.log(
  table(
    [
      "entries",
      "report rows",
      "format",
      "TTFB ms",
      "total ms",
      "size MB",
      "server peak RSS Δ MB",
      `target ≤ ${TARGET_MS} ms`,
    ],
    reportRows,
  ),
);
console.log(
  `\n### Growth: ingestion (10,000 payouts to the same workers and month, batches of 100) and report time by ledger size\n`,
);
console.log(
  table(
    [
      "entries",
      "workers",
      "report rows",
      "generate s",
      "seal s",
      "seal ev/s",
      "ingest ev/s",
      "report JSON ms",
      "µs per report row",
    ],
    growthRows,
  ),
);
console.log(`\nInvariants of the synthetic ledgers:\n\n\`\`\`\n${checks.join("\n")}\n\`\`\``);
