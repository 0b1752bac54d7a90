/**
 * Which report a request reads, and everything its rows are read over: `reportSource` resolves
 * (jurisdiction, period, optional pin of a cursor) to the report's basis (chain head, close, times,
 * CSV format) and the scopes of its rows and corrections (entry bounds, rule versions, platform slugs).
 *
 * - Closed period: the frozen report (chain head, close time, fair-pay count and CSV format recorded at
 *   close); a pin is ignored, so a month closed between two pages serves its closed report (its
 *   `status` says so).
 * - Open period, no pin: seals everything written so far (Sealer.flush) and reports over the sealed
 *   prefix, `provisional`, generated now.
 * - Open period, pinned (`{eventSeq, generatedAt}` from a page cursor, src/agency-reports/report-pages.ts):
 *   the provisional report at that sealed chain head with that `generated_at`, so every page of one
 *   report is of the same report however many payouts arrive meanwhile. A pin above the sealed head or
 *   on a sequence without a seal is not a cursor this service made: 422.
 *
 * Corrections scope: when the previous month is closed, entries after its close head (entry bound) and
 * up to this report's, of the jurisdiction's closed months before this one.
 */
import { and, asc, eq, lt } from "drizzle-orm";
import { loadRules, toRuleVersion } from "../db/rules-repo.js";
import { ledgerSeals, periodCloses, platforms } from "../db/schema.js";
import type { ReportDeps } from "./report-deps.js";
import type { RuleVersion } from "../domain/contributions.js";
import { InvalidError } from "../domain/errors.js";
import { GENESIS_HASH, type ChainHead } from "../ledger/seal.js";
import { CURRENT_CSV_FORMAT, type CsvFormat } from "../domain/csv-cells.js";
import type { UnderMinimumCount } from "../worker-record/effective-pay.js";
import { findClose } from "./monthly-report.js";
import { previousMonth } from "../domain/months.js";
import { entryBound, type RowScope } from "./report-rows.js";

/** What a page cursor pins of a provisional report. */
export interface ReportPin {
  eventSeq: number;
  /** RFC 3339 instant, the report's `generated_at`. */
  generatedAt: string;
}

export interface ReportSource {
  jurisdiction: string;
  period: string;
  chainHead: ChainHead;
  generatedAt: Date;
  closedAt: Date | null;
  csvFormat: CsvFormat;
  /** The fair-pay count frozen at close; null when it is computed at `chainHead` (open period). */
  frozenFairPay: UnderMinimumCount | null;
  rows: RowScope;
  /** Late entries listed as corrections: entry ids in (afterBound, rows.entryBound] of `closedMonths`; null when the previous month is open. */
  corrections: { afterBound: number; closedMonths: string[] } | null;
  versions: ReadonlyMap<number, RuleVersion>;
}

/** The seal of ledger sequence `eventSeq` as a pinned chain head; 422 (field `cursor`) when it is not a sealed head. */
async function pinnedHead(deps: Pick<ReportDeps, "database" | "sealer">, pin: ReportPin): Promise<ChainHead> {
  const [seal] = await deps.database.db
    .select()
    .from(ledgerSeals)
    .where(eq(ledgerSeals.eventSeq, pin.eventSeq));
  if (!seal && pin.eventSeq === 0) return { eventSeq: 0, hash: GENESIS_HASH };
  if (!seal)
    throw new InvalidError("the request failed validation", [
      { path: "cursor", message: "must be a next_cursor of a previous page" },
    ]);
  return { eventSeq: seal.eventSeq, hash: seal.hash };
}

/** The report of `period` in `jurisdiction` a request reads (module doc). */
export async function reportSource(
  deps: Pick<ReportDeps, "database" | "sealer" | "now">,
  jurisdiction: string,
  period: string,
  pin?: ReportPin,
): Promise<ReportSource> {
  const { db } = deps.database;
  const close = await findClose(db, jurisdiction, period);
  let basis: Pick<ReportSource, "chainHead" | "generatedAt" | "closedAt" | "csvFormat" | "frozenFairPay">;
  if (close) {
    const closedAt = new Date(close.closedAt);
    basis = {
      chainHead: { eventSeq: close.chainHeadSeq, hash: close.chainHeadHash },
      generatedAt: closedAt,
      closedAt,
      csvFormat: close.csvFormat === 1 ? 1 : 2,
      frozenFairPay: JSON.parse(close.fairPay) as UnderMinimumCount,
    };
  } else {
    const chainHead = pin ? await pinnedHead(deps, pin) : await deps.sealer.flush();
    basis = {
      chainHead,
      generatedAt: pin ? new Date(pin.generatedAt) : deps.now(),
      closedAt: null,
      csvFormat: CURRENT_CSV_FORMAT,
      frozenFairPay: null,
    };
  }
  return { jurisdiction, period, ...basis, ...(await scopes(deps, jurisdiction, period, basis.chainHead)) };
}

/** A closed report's source at its close, before the close row exists (src/agency-reports/period-close.ts). */
export async function closingSource(
  deps: Pick<ReportDeps, "database">,
  jurisdiction: string,
  period: string,
  chainHead: ChainHead,
  closedAt: Date,
  fairPay: UnderMinimumCount,
): Promise<ReportSource> {
  return {
    jurisdiction,
    period,
    chainHead,
    generatedAt: closedAt,
    closedAt,
    csvFormat: CURRENT_CSV_FORMAT,
    frozenFairPay: fairPay,
    ...(await scopes(deps, jurisdiction, period, chainHead)),
  };
}

async function scopes(
  deps: Pick<ReportDeps, "database">,
  jurisdiction: string,
  period: string,
  chainHead: ChainHead,
): Promise<Pick<ReportSource, "rows" | "corrections" | "versions">> {
  const { db } = deps.database;
  const [bound, rules, slugRows, previous, closedRows] = await Promise.all([
    entryBound(db, chainHead.eventSeq),
    loadRules(db, [jurisdiction]),
    db.select({ id: platforms.id, slug: platforms.slug }).from(platforms),
    findClose(db, jurisdiction, previousMonth(period)),
    db
      .select({ period: periodCloses.period })
      .from(periodCloses)
      .where(and(eq(periodCloses.jurisdiction, jurisdiction), lt(periodCloses.period, period)))
      .orderBy(asc(periodCloses.period)),
  ]);
  const versions = new Map(rules.map((r) => [r.id, toRuleVersion(r)]));
  const rows: RowScope = {
    db,
    jurisdiction,
    period,
    entryBound: bound,
    versions,
    slugs: new Map(slugRows.map((p) => [p.id, p.slug])),
  };
  const corrections = previous
    ? {
        afterBound: await entryBound(db, previous.chainHeadSeq),
        closedMonths: closedRows.map((r) => r.period),
      }
    : null;
  return { rows, corrections, versions };
}
