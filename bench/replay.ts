/**
 * The full real replay end to end (issue "Measured speed"; docs/design.md §6): the 111,139 CrowdFlower payouts
 * of ../shared/data/crowdflower-payouts.csv (or $REPLAY_CSV) sent by scripts/lib/replay.ts, signed, in
 * batches of 500 with 2 in flight (the defaults of `npm run replay`), dates shifted to start on 2025-01-01
 * so that the seeded rules apply, to the real server in its own process on a fresh database. "End to end"
 * stops when every batch is answered AND the hash chain covers every event (a report on an empty month
 * flushes the background sealer). Prints wall time, events/s, the tally, then checks every invariant.
 * Target: ≤ 15 s.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openLibsql } from "../src/db/client.js";
import { checkLedger, formatLedgerCheck } from "../scripts/lib/invariants.js";
import { replay } from "../scripts/lib/replay.js";
import { startServerProcess } from "./lib/server-process.js";
import { fmt1, fmtInt, perSecond, table, timed } from "./lib/stats.js";

const CSV =
  process.env.REPLAY_CSV ??
  fileURLToPath(new URL("../../shared/data/crowdflower-payouts.csv", import.meta.url));
const BATCH = Number(process.env.REPLAY_BATCH ?? "500");
const CONCURRENCY = Number(process.env.REPLAY_CONCURRENCY ?? "2");
const TARGET_S = 15;

if (!existsSync(CSV)) throw new Error(`no ${CSV}: set REPLAY_CSV to the payout CSV`);
const dir = mkdtempSync(join(tmpdir(), "bench-replay-"));
const dbPath = join(dir, "ledger.db");
const server = await startServerProcess({ dbPath });
try {
  const platform = await server.createPlatform("crowdflower");
  const cpu0 = server.cpuMs()!;
  const run = await timed(async () => {
    const summary = await replay({
      csvPath: CSV,
      baseUrl: server.baseUrl,
      platform: "crowdflower",
      secret: platform.webhookSecret,
      batchSize: BATCH,
      concurrency: CONCURRENCY,
      shiftTo: "2025-01-01",
    });
    const seal = await timed(() =>
      server.admin("GET", "/v1/reports/monthly?jurisdiction=US&period=1999-01").then((r) => r.arrayBuffer()),
    );
    return { summary, sealMs: seal.ms };
  });
  const serverCpuMs = server.cpuMs()! - cpu0;
  const { summary, sealMs } = run.result;
  const c = summary.counts;
  console.log(
    `### Full real replay (${fmtInt(summary.events)} events, batches of ${BATCH}, ${CONCURRENCY} in flight)\n`,
  );
  console.log(
    table(
      [
        "events",
        "recorded",
        "rejected",
        "failed",
        "replay s",
        "seal tail s",
        "end to end s",
        "events/s",
        "server CPU",
        `target ≤ ${TARGET_S} s`,
      ],
      [
        [
          fmtInt(summary.events),
          fmtInt(c.recorded),
          fmtInt(c.rejected),
          fmtInt(c.failed),
          fmt1(summary.wallMs / 1000),
          fmt1(sealMs / 1000),
          fmt1(run.ms / 1000),
          fmtInt(perSecond(summary.events, run.ms)),
          `${fmtInt((100 * serverCpuMs) / run.ms)}%`,
          run.ms <= TARGET_S * 1000 ? "met" : "missed",
        ],
      ],
    ),
  );
  for (const [reason, count] of summary.rejections) console.log(`\nRejected: ${fmtInt(count)} × ${reason}`);
  const database = await openLibsql(`file:${dbPath}`);
  const check = await checkLedger(database.db);
  database.close();
  console.log(`\nInvariants after the replay:\n\n\`\`\`\n${formatLedgerCheck(check)}\n\`\`\``);
  if (!check.ok || summary.failedBatches > 0) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
