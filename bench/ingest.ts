/**
 * Ingestion throughput through the real HTTP path beside the raw libSQL write rate of the same rows
 * (issue "Measured speed", docs/design.md §8), in one run:
 *
 * - HTTP: the real server in its own process (bench/lib/server-process.ts: src/server.ts on an embedded
 *   libSQL file), signed Standard Webhooks deliveries of 1, 10, 100 and 1,000 US payouts (two rules each:
 *   one event row and two entries per event), to 1,000 workers in one month: single events from
 *   SINGLE_CONNECTIONS (64) concurrent connections, batches BATCH_CONCURRENCY (4) in flight. "+ seal"
 *   adds the seal tail, the time the background sealer still needed after the last answer (a report on
 *   an empty month flushes it), since the hash chain is part of recording.
 * - raw: the same rows, read back from the server's database, written with @libsql/client into a copy of
 *   that database taken before the load (bench/lib/raw-writer.ts), in batches of the same size.
 * - ledger only: the same events given to recordPayouts (src/ledger/record-payouts.ts) in this process on
 *   an in-process instance (scripts/lib/local-instance.ts), in batches of the same size, one at a time:
 *   validation, drafting, reads and the write, without HTTP, signature checks or sealing. It tells how
 *   much of the gap to raw is the ledger's own work and how much the HTTP path's.
 *
 * Prints a Markdown table: events/s of both, the ratio, the seal tail, and the CPU the server and this
 * load generator used (share of one core over the HTTP phase). BENCH_SCALE (default 1) scales the event
 * counts. Reports (bench/lib/result-keys.ts) `single_event_vs_raw_commit` (batch 1, HTTP + seal ÷ raw one
 * commit per event; target ≥ 1.0), `batch100_vs_raw` and `batch1000_vs_raw` (HTTP + seal ÷ raw; ≥ 0.6),
 * and `seal_tail_ms_max`. Finally checks every ledger invariant (scripts/lib/invariants.ts) on the
 * server's database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openLibsql } from "../src/db/client.js";
import { recordPayouts } from "../src/ledger/record-payouts.js";
import { payoutCommandSchema } from "../src/schemas/payout-event.js";
import { checkLedger, formatLedgerCheck } from "../scripts/lib/invariants.js";
import { startLocalInstance } from "../scripts/lib/local-instance.js";
import { deliverAll, usPayout } from "./lib/load.js";
import { reportKeys } from "./lib/result-keys.js";
import { openRawClient } from "./lib/raw-client.js";
import { readLedgerRows, writeRaw } from "./lib/raw-writer.js";
import { startServerProcess } from "./lib/server-process.js";
import { fmt2, fmtInt, fmtPct, perSecond, table, timed } from "./lib/stats.js";

const SCALE = Number(process.env.BENCH_SCALE ?? "1");
const PLAN = [
  { batch: 1, events: 4_000 },
  { batch: 10, events: 20_000 },
  { batch: 100, events: 50_000 },
  { batch: 1_000, events: 100_000 },
].map((p) => ({ ...p, events: Math.max(p.batch, Math.round((p.events * SCALE) / p.batch) * p.batch) }));
const WORKERS = 1_000;
const SINGLE_CONNECTIONS = 64;
const BATCH_CONCURRENCY = 4;
const concurrencyOf = (batch: number) => (batch === 1 ? SINGLE_CONNECTIONS : BATCH_CONCURRENCY);

const dir = mkdtempSync(join(tmpdir(), "bench-ingest-"));
const server = await startServerProcess({ dbPath: join(dir, "ledger.db") });
const reader = await openRawClient(join(dir, "ledger.db"));
const inProcess = await startLocalInstance();
try {
  await inProcess.createPlatform("bench");
  const ledgerDeps = {
    ...inProcess.deps.database,
    fx: inProcess.deps.fx,
    ruleBook: inProcess.deps.ruleBook,
    nationalIdKey: inProcess.deps.nationalIdKey,
    now: inProcess.deps.now,
  };
  const [{ id: inProcessPlatformId }] = (await inProcess.database.db.all<{ id: number }>(
    sql`SELECT id FROM platforms WHERE slug = 'bench'`,
  )) as [{ id: number }];
  const platform = await server.createPlatform("bench");
  const rawPath = join(dir, "raw.db");
  await reader.execute({ sql: "VACUUM INTO ?", args: [rawPath] });
  const raw = await openRawClient(rawPath);
  const maxEventId = async () =>
    Number((await reader.execute("SELECT coalesce(max(id), 0) AS n FROM ledger_events")).rows[0]!.n);

  const rows: string[][] = [];
  const sealedRatio = new Map<number, number>();
  let sealTailMax = 0;
  for (const { batch, events } of PLAN) {
    const before = await maxEventId();
    const [serverCpu0, clientCpu0] = [server.cpuMs()!, process.cpuUsage()];
    const prefix = `b${batch}`;
    const bodyOf = (k: number) =>
      batch === 1
        ? usPayout(k, WORKERS, prefix)
        : { events: Array.from({ length: batch }, (_, j) => usPayout(k * batch + j, WORKERS, prefix)) };
    const http = await deliverAll(platform.sender, events / batch, bodyOf, concurrencyOf(batch));
    const serverCpuMs = server.cpuMs()! - serverCpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    if (http.recorded !== events)
      throw new Error(`batch ${batch}: ${http.recorded} of ${events} recorded; ${http.failures.join("; ")}`);
    const seal = await timed(() =>
      server.admin("GET", "/v1/reports/monthly?jurisdiction=US&period=1999-01").then((r) => r.arrayBuffer()),
    );
    const after = await maxEventId();
    const ledgerRows = await readLedgerRows(reader, before, after);
    const rawRun = await writeRaw(raw, ledgerRows, batch);
    const ledgerOnly = await timed(async () => {
      for (let k = 0; k < events / batch; k++) {
        const outcomes = await recordPayouts(
          ledgerDeps,
          inProcessPlatformId,
          Array.from({ length: batch }, (_, j) =>
            payoutCommandSchema.parse(usPayout(k * batch + j, WORKERS, prefix)),
          ),
        );
        if (outcomes.some((o) => o.status !== "recorded"))
          throw new Error(
            `ledger only, batch ${batch}: ${JSON.stringify(outcomes.find((o) => o.status !== "recorded"))}`,
          );
      }
    });
    const httpRate = perSecond(events, http.ms);
    const rawRate = perSecond(events, rawRun.ms);
    sealedRatio.set(batch, perSecond(events, http.ms + seal.ms) / rawRate);
    sealTailMax = Math.max(sealTailMax, seal.ms);
    rows.push([
      fmtInt(batch),
      fmtInt(concurrencyOf(batch)),
      fmtInt(events),
      fmtInt(httpRate),
      fmtInt(perSecond(events, http.ms + seal.ms)),
      fmtInt(rawRate),
      fmtInt(perSecond(events, ledgerOnly.ms)),
      fmtPct(httpRate / rawRate),
      fmtPct(perSecond(events, http.ms + seal.ms) / rawRate),
      fmtInt(seal.ms),
      fmtPct(serverCpuMs / http.ms),
      fmtPct((clientCpu.user + clientCpu.system) / 1000 / http.ms),
      fmtInt(rawRun.statements / Math.ceil(events / batch)),
    ]);
    console.error(
      `batch ${batch}: HTTP ${fmtInt(httpRate)}/s, raw ${fmtInt(rawRate)}/s, ledger only ${fmtInt(perSecond(events, ledgerOnly.ms))}/s`,
    );
  }
  raw.close();

  console.log(
    `### Ingestion: HTTP path vs raw libSQL writes of the same rows (${fmtInt(WORKERS)} US workers, 2 rules each)\n`,
  );
  console.log(
    table(
      [
        "batch",
        "in flight",
        "events",
        "HTTP ev/s",
        "HTTP+seal ev/s",
        "raw ev/s",
        "ledger-only ev/s",
        "HTTP/raw",
        "HTTP+seal/raw",
        "seal tail ms",
        "server CPU",
        "load CPU",
        "raw stmts/batch",
      ],
      rows,
    ),
  );
  const keys = {
    single_event_vs_raw_commit: sealedRatio.get(1) ?? null,
    batch100_vs_raw: sealedRatio.get(100) ?? null,
    batch1000_vs_raw: sealedRatio.get(1_000) ?? null,
    seal_tail_ms_max: Math.round(sealTailMax),
  };
  reportKeys(keys);
  console.log(
    `\nTargets: single_event_vs_raw_commit ${fmt2(keys.single_event_vs_raw_commit ?? Number.NaN)} (≥ 1.0), batch100_vs_raw ${fmt2(keys.batch100_vs_raw ?? Number.NaN)}, batch1000_vs_raw ${fmt2(keys.batch1000_vs_raw ?? Number.NaN)} (≥ 0.6); longest seal tail ${fmtInt(sealTailMax)} ms.`,
  );
  const checked = await openLibsql(`file:${join(dir, "ledger.db")}`);
  const check = await checkLedger(checked.db);
  checked.close();
  console.log(`\nInvariants after the run:\n\n\`\`\`\n${formatLedgerCheck(check)}\n\`\`\``);
  if (!check.ok) process.exitCode = 1;
} finally {
  reader.close();
  await inProcess.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
