/**
 * The whole-report part of an agency report (what every JSON page carries besides its rows): row count,
 * checksum (SHA-256 of the canonical rows CSV, taken incrementally), totals, corrections section and
 * fair-pay count, computed in ONE streamed pass over the rows (src/agency-reports/report-rows.ts),
 * in flat memory: rows are added to the totals and their CSV to the hash as they pass, never kept.
 *
 * `ReportSummaries` keeps the latest summaries (LRU, `SUMMARY_CACHE_SIZE`) by what determines them:
 * jurisdiction, period, chain head, close and CSV format. A summary at a given chain head never changes
 * (the sealed prefix is fixed, closes are append-only), so pages of one report after the first, and
 * later pulls at the same head, cost only their rows. The cache lives in the process (Node) or isolate
 * (Workers); a miss recomputes, so it is an optimisation, never a source of truth.
 */
import type { ReportDeps } from "./report-deps.js";
import { Sha256Text } from "../security/digest.js";
import {
  correctionRows,
  correctionsSection,
  CSV_ROWS_PER_CHUNK,
  csvRecords,
  REPORT_COLUMNS,
  ReportTotalsAccumulator,
  type MonthlyReport,
  type ReportRow,
  type RowWithMinor,
} from "./monthly-report.js";
import { reportFairPay } from "./report-fair-pay.js";
import { loadCorrectionGroups, reportRows } from "./report-rows.js";
import type { ReportSource } from "./report-source.js";

/** The report's fields that depend on all its rows. */
export type ReportSummary = Pick<
  MonthlyReport,
  "row_count" | "checksum" | "totals" | "corrections" | "fair_pay"
>;

/** Summaries kept by `ReportSummaries`. */
export const SUMMARY_CACHE_SIZE = 32;

/**
 * The canonical rows CSV of `source` (header first) in chunks of `CSV_ROWS_PER_CHUNK` rows, read from the
 * database page by page, each row also handed to `onRow` (e.g. totals); the chunks concatenate to
 * exactly the checksummed text.
 */
export async function* rowsCsvChunks(
  source: ReportSource,
  onRow: (row: RowWithMinor) => void = () => undefined,
): AsyncGenerator<string> {
  let batch: ReportRow[] = [];
  let header = true;
  for await (const row of reportRows(source.rows)) {
    onRow(row);
    batch.push(row.row);
    if (batch.length === CSV_ROWS_PER_CHUNK) {
      yield csvRecords(batch, REPORT_COLUMNS, source.csvFormat, header);
      header = false;
      batch = [];
    }
  }
  if (batch.length > 0 || header) yield csvRecords(batch, REPORT_COLUMNS, source.csvFormat, header);
}

async function checksumAndTotals(source: ReportSource) {
  const totals = new ReportTotalsAccumulator();
  const hash = new Sha256Text();
  let rowCount = 0;
  const onRow = (row: RowWithMinor) => {
    totals.add(row);
    rowCount++;
  };
  for await (const chunk of rowsCsvChunks(source, onRow)) hash.update(chunk);
  return {
    row_count: rowCount,
    checksum: { algorithm: "SHA-256" as const, value: hash.hex() },
    totals: totals.totals(),
  };
}

/** The summary of `source` in one pass (module doc); the fair-pay count at its chain head unless frozen. */
export async function summariseReport(
  deps: Pick<ReportDeps, "database" | "fx">,
  source: ReportSource,
): Promise<ReportSummary> {
  const [rows, corrections, fairPay] = await Promise.all([
    checksumAndTotals(source),
    correctionsOf(deps, source),
    source.frozenFairPay ??
      reportFairPay(deps, source.jurisdiction, source.period, source.chainHead.eventSeq),
  ]);
  return { ...rows, corrections, fair_pay: fairPay };
}

async function correctionsOf(deps: Pick<ReportDeps, "database">, source: ReportSource) {
  const groups = source.corrections
    ? await loadCorrectionGroups(
        deps.database.db,
        source.jurisdiction,
        source.corrections.closedMonths,
        source.corrections.afterBound,
        source.rows.entryBound,
        source.versions,
      )
    : [];
  return correctionsSection(correctionRows(groups), source.csvFormat);
}

/** The latest report summaries of this process (module doc). */
export class ReportSummaries {
  private readonly kept = new Map<string, Promise<ReportSummary>>();

  constructor(private readonly deps: Pick<ReportDeps, "database" | "fx">) {}

  /** The summary of `source`, computed once per key; a failed computation is not kept. */
  get(source: ReportSource): Promise<ReportSummary> {
    const key = JSON.stringify([
      source.jurisdiction,
      source.period,
      source.chainHead.eventSeq,
      source.chainHead.hash,
      source.closedAt?.toISOString() ?? null,
      source.csvFormat,
    ]);
    const found = this.kept.get(key);
    if (found) {
      this.kept.delete(key);
      this.kept.set(key, found);
      return found;
    }
    const computed = summariseReport(this.deps, source);
    this.kept.set(key, computed);
    computed.catch(() => this.kept.delete(key));
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= SUMMARY_CACHE_SIZE) break;
      this.kept.delete(oldest);
    }
    return computed;
  }
}
