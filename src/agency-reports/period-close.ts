/**
 * Month close per jurisdiction (README "Reports for agencies"): closing period P ("YYYY-MM") of
 * jurisdiction J seals the ledger, computes P's report summary over the sealed prefix (src/agency-reports/)
 * and appends one `period_closes` row (chain head, close time, checksum and row count of the report's
 * rows, the fair-pay count) with its audit row, in one batch. From then on P's report is that frozen
 * report, and later events for P are corrections listed in a later report.
 *
 * Rules (each refusal a typed error of src/domain/errors.ts, no HTTP: NotFoundError, InvalidError,
 * ConflictError, which the app answers 404, 422, 409; the Cron job and the script read the same errors):
 * - J must be a known jurisdiction (404); P must have ended in J's zone (422).
 * - Periods close in order: once J has a closed period, only the month right after the latest closed one
 *   may be closed (409 otherwise, also 409 when P is closed already). This keeps every closed report and
 *   its corrections section fixed (monthly-report.ts module doc).
 * - A forced close needs a non-blank reason (422).
 * - Not before the grace date (months.ts `closeDate`: day `graceDay` of the next month, J's local date)
 *   unless `force` with a reason, which is recorded (409 when not due and not forced).
 *
 * `closeDuePeriods(deps, now)` is the scheduled job (Cron Trigger on the Worker, `npm run close-periods`
 * on Node): for each jurisdiction, closes every due period in order, starting after the latest closed
 * period or, when none is closed, at the earliest month with entries.
 */
import { asc, desc, eq, min } from "drizzle-orm";
import { jurisdictions, ledgerEntries, periodCloses } from "../db/schema.js";
import type { ReportDeps } from "./report-deps.js";
import { localDate } from "../domain/periods.js";
import type { ShardReaders } from "../ledger/shard-router.js";
import { ConflictError, InvalidError, NotFoundError } from "../domain/errors.js";
import { auditRow } from "../accounts/audit.js";
import type { Principal } from "../accounts/principal.js";
import type { PeriodClose } from "../schemas/period-close.js";
import { CURRENT_CSV_FORMAT } from "../domain/csv-cells.js";
import { closingSource } from "./report-source.js";
import { summariseReport } from "./report-summary.js";
import { findClose } from "./monthly-report.js";
import { closeDate, DEFAULT_GRACE_DAY, nextMonth } from "../domain/months.js";
import { reportFairPay } from "./report-fair-pay.js";

/** What closing needs: the database, the sealer, the FX cache (fair-pay count) and the clock. */
export type CloseDeps = Pick<ReportDeps, "database" | "sealer" | "now" | "fx">;

export interface CloseRequest {
  jurisdiction: string;
  period: string;
  /** Close before the grace date; needs `reason`. */
  force?: boolean;
  reason?: string;
  /** Day of the next month from which the period is due (default 5). */
  graceDay?: number;
}

/** The principal the scheduled close acts as (audit actor "cron"). */
export const CRON_PRINCIPAL: Principal = { role: "admin", actor: "cron" };

function published(row: typeof periodCloses.$inferSelect): PeriodClose {
  return {
    jurisdiction: row.jurisdiction,
    period: row.period,
    closed_at: row.closedAt,
    chain_head: { event_seq: row.chainHeadSeq, hash: row.chainHeadHash },
    row_count: row.rowCount,
    checksum: { algorithm: "SHA-256", value: row.checksum },
    forced_reason: row.forcedReason,
    closed_by: row.closedBy,
  };
}

async function timezoneOf(deps: CloseDeps, jurisdiction: string): Promise<string> {
  const [row] = await deps.database.db
    .select({ timezone: jurisdictions.timezone })
    .from(jurisdictions)
    .where(eq(jurisdictions.code, jurisdiction));
  if (!row) throw new NotFoundError(`unknown jurisdiction ${jurisdiction}`);
  return row.timezone;
}

/** The latest closed period of `jurisdiction`, if any. */
async function latestClosed(deps: CloseDeps, jurisdiction: string): Promise<string | undefined> {
  const [row] = await deps.database.db
    .select({ period: periodCloses.period })
    .from(periodCloses)
    .where(eq(periodCloses.jurisdiction, jurisdiction))
    .orderBy(desc(periodCloses.period))
    .limit(1);
  return row?.period;
}

/** Closes one period as `principal` at `at` (see module doc for the refusals); returns the close. */
export async function closePeriod(
  deps: CloseDeps,
  request: CloseRequest,
  principal: Principal,
  at: Date = deps.now(),
): Promise<PeriodClose> {
  const { jurisdiction, period } = request;
  const { db } = deps.database;
  if (request.force && !request.reason?.trim()) throw new InvalidError("a forced close needs a reason");
  const today = localDate(at, await timezoneOf(deps, jurisdiction));
  if (today < `${nextMonth(period)}-01`)
    throw new InvalidError(`${period} has not ended in ${jurisdiction} (local date ${today})`);
  const latest = await latestClosed(deps, jurisdiction);
  if (latest !== undefined && period <= latest)
    throw new ConflictError(`${jurisdiction} ${period} is closed already (latest closed period ${latest})`);
  if (latest !== undefined && period !== nextMonth(latest))
    throw new ConflictError(`periods close in order: close ${jurisdiction} ${nextMonth(latest)} first`);
  const due = closeDate(period, request.graceDay ?? DEFAULT_GRACE_DAY);
  if (today < due && !request.force)
    throw new ConflictError(
      `${jurisdiction} ${period} may be closed from ${due} (local date); an admin may force it with a reason`,
    );

  const chainHead = await deps.sealer.flush();
  const fairPay = await reportFairPay(deps, jurisdiction, period, chainHead.eventSeq);
  const summary = await summariseReport(
    deps,
    await closingSource(deps, jurisdiction, period, chainHead, at, fairPay),
  );
  const forcedReason = today < due ? (request.reason ?? null) : null;
  let inserted: (typeof periodCloses.$inferSelect)[];
  try {
    [inserted] = await db.batch([
      db
        .insert(periodCloses)
        .values({
          jurisdiction,
          period,
          closedAt: at.toISOString(),
          chainHeadSeq: chainHead.eventSeq,
          chainHeadHash: chainHead.hash,
          checksum: summary.checksum.value,
          rowCount: summary.row_count,
          fairPay: JSON.stringify(fairPay),
          closedBy: principal.actor,
          forcedReason,
          csvFormat: CURRENT_CSV_FORMAT,
        })
        .returning(),
      // auditRow reads only `database` and `now` of the deps.
      auditRow(
        deps,
        principal,
        "period.close",
        `${jurisdiction} ${period} head ${chainHead.eventSeq}${forcedReason ? ` forced: ${forcedReason}` : ""}`,
      ),
    ]);
  } catch (error) {
    if (await findClose(db, jurisdiction, period))
      throw new ConflictError(`${jurisdiction} ${period} was closed concurrently`);
    throw error;
  }
  const [row] = inserted;
  if (!row) throw new Error(`the close of ${jurisdiction} ${period} returned no row`);
  return published(row);
}

/**
 * Closes every due period of every jurisdiction, in order, as the cron principal at `now`; returns the
 * closes made (empty when nothing was due). `graceDay` as in `CloseRequest`. Each ledger shard closes
 * the jurisdictions it holds (src/db/shards.ts), over its own chain.
 */
export async function closeDuePeriods(
  deps: CloseDeps & { ledger: ShardReaders },
  now: Date,
  graceDay: number = DEFAULT_GRACE_DAY,
): Promise<PeriodClose[]> {
  const made: PeriodClose[] = [];
  for (const writer of deps.ledger.all()) {
    await writer.mirror?.ensure([]);
    const local = { ...deps, database: writer.shard.database, sealer: writer.sealer };
    const held = (code: string) => deps.ledger.forJurisdiction(code) === writer;
    made.push(...(await closeDueOnShard(local, now, graceDay, held)));
  }
  return made;
}

/** closeDuePeriods on one shard, for the jurisdictions `held` says it holds. */
async function closeDueOnShard(
  deps: CloseDeps,
  now: Date,
  graceDay: number,
  held: (code: string) => boolean,
): Promise<PeriodClose[]> {
  const { db } = deps.database;
  const made: PeriodClose[] = [];
  const all = await db
    .select({ code: jurisdictions.code, timezone: jurisdictions.timezone })
    .from(jurisdictions)
    .orderBy(asc(jurisdictions.code));
  for (const { code, timezone } of all.filter((j) => held(j.code))) {
    const latest = await latestClosed(deps, code);
    let period =
      latest === undefined
        ? (
            await db
              .select({ first: min(ledgerEntries.month) })
              .from(ledgerEntries)
              .where(eq(ledgerEntries.jurisdiction, code))
          )[0]?.first
        : nextMonth(latest);
    const today = localDate(now, timezone);
    while (period && today >= closeDate(period, graceDay)) {
      made.push(await closePeriod(deps, { jurisdiction: code, period, graceDay }, CRON_PRINCIPAL, now));
      period = nextMonth(period);
    }
  }
  return made;
}

/** Every close of `jurisdiction`, oldest first. */
export async function listCloses(
  deps: Pick<ReportDeps, "database">,
  jurisdiction: string,
): Promise<PeriodClose[]> {
  const rows = await deps.database.db
    .select()
    .from(periodCloses)
    .where(eq(periodCloses.jurisdiction, jurisdiction))
    .orderBy(asc(periodCloses.period));
  return rows.map(published);
}
