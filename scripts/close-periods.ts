/**
 * `npx tsx scripts/close-periods.ts [--db file:data/ledger.db] [--grace-day 5]
 *  [--jurisdiction DE --period 2026-03 [--force --reason "..."]]`
 *
 * Month close on Node (src/agency-reports/period-close.ts). Without --jurisdiction: closes every due period of
 * every jurisdiction (what the Worker's Cron Trigger runs). With --jurisdiction and --period: closes that
 * one period (--force with --reason before the grace date). Audit actor "cron" (all due) or "admin" (one).
 * Prints one line per close (jurisdiction, period, chain head, rows, checksum). Exit 0 on success, 1 when
 * a close is refused (the reason is printed), 2 on bad arguments. With LEDGER_SHARDS set (src/config.ts),
 * each jurisdiction closes on its own ledger shard; --db is the control plane and default shard.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { DomainError } from "../src/domain/errors.js";
import { FxRates } from "../src/db/fx-repo.js";
import { shardDeps } from "../src/ledger/shard-router.js";
import { openNodeShards } from "./lib/node-shards.js";
import { closeDuePeriods, closePeriod } from "../src/agency-reports/period-close.js";
import type { PeriodClose } from "../src/schemas/period-close.js";
import { DEFAULT_GRACE_DAY } from "../src/domain/months.js";
import { reportMonth } from "../src/routes/reports.js";
import { countryCode } from "../src/schemas/common.js";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: process.env.DATABASE_URL ?? "file:data/ledger.db" },
    "grace-day": { type: "string", default: String(DEFAULT_GRACE_DAY) },
    jurisdiction: { type: "string" },
    period: { type: "string" },
    force: { type: "boolean", default: false },
    reason: { type: "string" },
  },
});
const args = z
  .object({
    graceDay: z.coerce.number().int().min(1).max(28),
    jurisdiction: countryCode.optional(),
    period: reportMonth.optional(),
  })
  .refine(
    (a) => (a.jurisdiction === undefined) === (a.period === undefined),
    "--jurisdiction and --period go together",
  )
  .safeParse({ graceDay: values["grace-day"], jurisdiction: values.jurisdiction, period: values.period });
if (!args.success) {
  console.error(z.prettifyError(args.error));
  process.exit(2);
}

const ledger = await openNodeShards(values.db!, process.env.DATABASE_AUTH_TOKEN, process.env.LEDGER_SHARDS);
const database = ledger.control;
const deps = {
  database,
  sealer: ledger.forJurisdiction(undefined).sealer,
  fx: new FxRates(database.db),
  now: () => new Date(),
  ledger,
};
const print = (c: PeriodClose) =>
  console.log(
    `closed ${c.jurisdiction} ${c.period} at ${c.closed_at}: head ${c.chain_head.event_seq}:${c.chain_head.hash}, ${c.row_count} rows, sha-256 ${c.checksum.value}`,
  );
try {
  const { graceDay, jurisdiction, period } = args.data;
  if (jurisdiction && period) {
    print(
      await closePeriod(
        await shardDeps(deps, jurisdiction),
        {
          jurisdiction,
          period,
          graceDay,
          force: values.force,
          ...(values.reason ? { reason: values.reason } : {}),
        },
        { role: "admin", actor: "admin" },
      ),
    );
  } else {
    const made = await closeDuePeriods(deps, deps.now(), graceDay);
    made.forEach(print);
    if (made.length === 0) console.log("no period due");
  }
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(`refused: ${error.message}`);
  process.exitCode = 1;
} finally {
  await ledger.close();
}
