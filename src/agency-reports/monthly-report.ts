/**
 * The agency monthly report (docs/design.md §1 and 5): per worker, platform, rule and contribution period, what
 * was accrued in one jurisdiction for payouts of one local month, with totals that equal the sum of the
 * rows, a checksum of the rows and the hash-chain head the report covers (docs/design.md §4.5).
 *
 * This module holds the report's shapes and its pure parts: a row from its fields and sums
 * (`reportRow`), totals fed row by row (`ReportTotalsAccumulator`), the corrections section, the
 * canonical CSV the checksum is taken over (`reportCsvChunks`, `csvRecords`) and `assembleReport`, the
 * whole report assembled in memory from groups of entries (the contract the streamed report is tested
 * against), deterministic for given groups: two pulls of an unchanged month give identical rows and
 * checksum; only `generated_at` differs. The report as served (rows read from carried totals in pages,
 * streamed, keyset-paged, with its summary computed in one pass) is src/agency-reports/.
 *
 * Money: `contribution` is the sum of the entries' `amount_minor` (integer minor units of `currency`);
 * `contribution_base` is the exact decimal sum of the entries' `base_delta` (Dec), rounded half-up to the
 * currency's minor unit for display only. Totals add the rows' integer minor units (as Dec, exact past
 * 2^53), so each total is exactly the sum of the rows it covers. Bases are totalled per scheme only: one payout forms the base of
 * every scheme, so a base summed across schemes would count it several times.
 *
 * Month close (src/agency-reports/period-close.ts): a closed period's report covers only events with ledger
 * sequence ≤ the chain head recorded at close, carries `generated_at` = the close time and the fair-pay
 * count frozen at close, so every later pull is byte-identical (JSON and CSV). An open period's report is
 * `provisional`. Events that arrive after a month was closed (sequence > its close head) stay in that
 * month's entries but are listed in the `corrections` section of the next report that was open when they
 * arrived, with the original month named (`original_period`) and a checksum of their own. Periods close in
 * order (period-close.ts), so that report is the one of the month after the last month closed before the
 * event: a report for P lists the late entries of closed months < P from events with sequence in
 * (close head of P−1, report head]; none when P−1 is not closed.
 *
 * `worker` is the ledger's pseudonymous subject key ("nid:<keyed hash>" or "p<platform id>:<worker ref>"),
 * never a national id; `national_id_hash` is the keyed hash of the national id when the worker is known by
 * one (the `<keyed hash>` of "nid:<keyed hash>", src/security/national-id.ts), else empty; `worker_ref` is
 * the platform's own worker id. `rates` names the marginal rates of the rule version(s) applied to the
 * row's entries (`ratesApplied`), read from contribution_rules through the entries' rule_id.
 *
 * Paging (src/agency-reports/report-pages.ts): a JSON page holds the rows after a cursor (the sort key of
 * `rowKey`); the CSV body is `csvRecords` of successive pages of rows, whose concatenation is exactly the
 * text the checksum is taken over.
 */
import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { periodCloses } from "../db/schema.js";
import type { RuleVersion } from "../domain/contributions.js";
import { SumsByKey, sumBy } from "../domain/grouping.js";
import { type Dec, formatMinor, toMinorUnits } from "../domain/money.js";
import { compareKeys } from "../domain/ordering.js";
import { whyInEnglish } from "../i18n/why.js";
import type { ChainHead } from "../ledger/seal.js";
import { sha256Hex } from "../security/digest.js";
import { csvCellOptions, CURRENT_CSV_FORMAT, type CsvFormat } from "../domain/csv-cells.js";
import type { UnderMinimumCount } from "../worker-record/effective-pay.js";
import {
  CORRECTION_COLUMNS,
  REPORT_COLUMNS,
  type correctionRowSchema,
  type correctionsSectionSchema,
  type correctionTotalSchema,
  type monthlyReportSchema,
  type payerTotalSchema,
  type platformSchemeTotalSchema,
  type reportRowSchema,
  type reportTotalsSchema,
} from "./monthly-report-schema.js";

/** One group of ledger entries, summed (the corrections loader's output, src/agency-reports/report-rows.ts; `assembleReport`'s input). */
export interface ReportGroup {
  worker: string;
  workerRef: string;
  platform: string;
  rule: string;
  scheme: string;
  payer: "worker" | "platform";
  /** Contribution period key: "2026-03", "2026", "2026/27". */
  period: string;
  /** Local month "YYYY-MM" of the payouts (the report month, or a correction's original month). */
  month: string;
  currency: string;
  /** Every entry's base_delta (decimal strings, rule currency, signed). */
  baseDeltas: string[];
  /** Sum of the entries' amount_minor (integer minor units of `currency`), exact at any size. */
  contributionMinor: Dec;
  /** Distinct payout events and distinct reversal events behind the entries. */
  payouts: number;
  reversals: number;
  /** Marginal rates of the rule versions behind the entries, as `ratesApplied` writes them ("0.093"). */
  rates: string;
  /** The entries' distinct bases (ledger_entries.basis JSON, src/domain/explanation.ts). */
  bases: string[];
}

/* The published shapes (JSON and CSV columns) are the zod schemas of ./monthly-report-schema.ts (v1). */
export { CORRECTION_COLUMNS, REPORT_COLUMNS };
/** One report row as published (JSON and CSV); money as decimal strings with the currency's digits. */
export type ReportRow = z.infer<typeof reportRowSchema>;
export type PlatformSchemeTotal = z.infer<typeof platformSchemeTotalSchema>;
export type PayerTotal = z.infer<typeof payerTotalSchema>;
/** A row of the corrections section: late entries of an earlier, closed month (`original_period`). */
export type CorrectionRow = z.infer<typeof correctionRowSchema>;
export type CorrectionTotal = z.infer<typeof correctionTotalSchema>;
/** Corrections to prior (closed) periods listed in this report, with their own checksum. */
export type CorrectionsSection = z.infer<typeof correctionsSectionSchema>;
export type ReportTotals = z.infer<typeof reportTotalsSchema>;
/** The report (chain head, checksum, rows, totals, corrections, fair pay); `next_cursor` only on paged reads. */
export type MonthlyReport = Omit<z.infer<typeof monthlyReportSchema>, "next_cursor">;

/** A report as assembled (its CSV bodies are `reportCsvChunks` of `report.rows` / `report.corrections.rows`). */
export interface AssembledReport {
  report: MonthlyReport;
  /** The CSV format its CSV must be written in (the one its checksum was taken over; not published in the JSON). */
  csvFormat: CsvFormat;
}

/** What a report is computed at: the chain head it covers and, when closed, the close. */
export interface ReportBasis {
  chainHead: ChainHead;
  /** The CSV format of the report's CSV and checksum (src/domain/csv-cells.ts): a closed report's own, else the current one. */
  csvFormat: CsvFormat;
  generatedAt: Date;
  closedAt: Date | null;
  fairPay: UnderMinimumCount;
}

/* ------------------------------------------------------------------ I/O */

/** The close of (`jurisdiction`, `period`), if the period is closed. */
export async function findClose(db: Db, jurisdiction: string, period: string) {
  const [close] = await db
    .select()
    .from(periodCloses)
    .where(and(eq(periodCloses.jurisdiction, jurisdiction), eq(periodCloses.period, period)));
  return close;
}

/* ------------------------------------------------------------------ pure */

/** A published row with its base and contribution in integer minor units (what totals add). */
export interface RowWithMinor<R extends ReportRow = ReportRow> {
  row: R;
  baseMinor: Dec;
  contributionMinor: Dec;
}

/**
 * The marginal rates of the rule versions applied to a row's entries, as published in `rates`: one part per
 * version, oldest `effectiveFrom` first (then id), joined by "|"; a part is the version's non-zero bracket
 * rates in bracket order (plain decimal strings, trailing zeros dropped, e.g. "0.093"), joined by "/", or "0"
 * when every bracket is zero. A ceiling bracket (rate 0 above the ceiling) is thus not listed: DE pension
 * 2026 [{0, 0.093}, {8450, 0}] reads "0.093"; health in a month under two versions "0.0855|0.0875". A bracket
 * with a fixed amount reads "rate+amount": Singapore's operator share [{0, 0}, {50, 0.07, 3.50}] "0.07+3.5", a
 * flat monthly due [{0, 0, 75.90}] "0+75.9".
 */
export function ratesApplied(
  versions: readonly Pick<RuleVersion, "id" | "effectiveFrom" | "brackets">[],
): string {
  return [...versions]
    .sort((a, b) => compareKeys([a.effectiveFrom], [b.effectiveFrom]) || a.id - b.id)
    .map(
      (v) =>
        v.brackets
          .filter((b) => !b.rate.isZero() || (b.amount && !b.amount.isZero()))
          .map((b) =>
            b.amount && !b.amount.isZero()
              ? `${b.rate.toString()}+${b.amount.toString()}`
              : b.rate.toString(),
          )
          .join("/") || "0",
    )
    .join("|");
}

/** The sort key of a report row (unique within a report: the month is fixed, and scheme and payer follow from the rule). */
export const rowKey = (r: ReportRow): string[] => [
  r.worker,
  r.platform,
  r.rule,
  r.period,
  r.worker_ref,
  r.currency,
];

/** Subject-key prefix of a worker known by a national id (src/security/national-id.ts). */
const NID_PREFIX = "nid:";

function toRow(g: ReportGroup): RowWithMinor {
  return reportRow(
    g,
    sumBy(g.baseDeltas, (delta) => delta),
    g.contributionMinor,
  );
}

/**
 * The published row of a group's fields, its exact base (`base`, Dec, rule currency) and contribution
 * (integer minor units): the one row shape of both the summed groups here and the carried totals of
 * src/agency-reports/report-rows.ts.
 */
export function reportRow(
  g: Omit<ReportGroup, "baseDeltas" | "contributionMinor">,
  base: Dec,
  contributionMinor: Dec,
): RowWithMinor {
  const baseMinor = toMinorUnits(base, g.currency);
  return {
    baseMinor,
    contributionMinor,
    row: {
      worker: g.worker,
      national_id_hash: g.worker.startsWith(NID_PREFIX) ? g.worker.slice(NID_PREFIX.length) : "",
      worker_ref: g.workerRef,
      platform: g.platform,
      rule: g.rule,
      scheme: g.scheme,
      payer: g.payer,
      period: g.period,
      contribution_base: formatMinor(baseMinor, g.currency),
      rates: g.rates,
      contribution: formatMinor(contributionMinor, g.currency),
      currency: g.currency,
      payouts: g.payouts,
      reversals: g.reversals,
      ...why(g.bases),
    },
  };
}

/** The `why` of a row's bases; the words of the last few distinct sets are kept (rows repeat them). */
const whyKept = new Map<string, string[]>();
function why(bases: readonly string[]): { why?: string[] } {
  const sorted = [...bases].sort();
  const id = JSON.stringify(sorted);
  let words = whyKept.get(id);
  if (!words) {
    words = whyInEnglish(sorted);
    if (whyKept.size >= 256) whyKept.clear();
    whyKept.set(id, words);
  }
  return words.length > 0 ? { why: [...words] } : {};
}

/** Sums of rows' minor units per key (the key's fields, in order), fed row by row; `sorted()` by key (code units). */
class SumsBy<R extends ReportRow, K extends keyof R> {
  private readonly sums = new SumsByKey<R, "baseMinor" | "contributionMinor">([
    "baseMinor",
    "contributionMinor",
  ]);
  constructor(private readonly fields: readonly K[]) {}

  add({ row, baseMinor, contributionMinor }: RowWithMinor<R>): void {
    this.sums.add(JSON.stringify(this.fields.map((f) => row[f])), row, { baseMinor, contributionMinor });
  }

  sorted(): { key: Pick<R, K>; baseMinor: Dec; contributionMinor: Dec }[] {
    const keyOf = (row: R) => this.fields.map((f) => String(row[f]));
    return this.sums
      .slots()
      .sort((a, b) => compareKeys(keyOf(a.item), keyOf(b.item)))
      .map(({ item, sums }) => ({
        key: Object.fromEntries(this.fields.map((f) => [f, item[f]])) as Pick<R, K>,
        baseMinor: sums.baseMinor,
        contributionMinor: sums.contributionMinor,
      }));
  }
}

/** Sums per `fields` × currency, with base and contribution as decimal strings. */
class TotalsWithBase<R extends ReportRow, K extends keyof R> extends SumsBy<R, K | "currency"> {
  constructor(fields: readonly K[]) {
    super([...fields, "currency"]);
  }

  published() {
    return this.sorted().map((t) => ({
      ...t.key,
      contribution_base: formatMinor(t.baseMinor, t.key.currency as string),
      contribution: formatMinor(t.contributionMinor, t.key.currency as string),
    }));
  }
}

/**
 * The report's totals, fed row by row (so a streamed report adds its rows as they pass): per platform ×
 * scheme × payer × currency, per scheme × payer × currency and per payer × currency.
 */
export class ReportTotalsAccumulator {
  private readonly byPlatformScheme = new TotalsWithBase<ReportRow, "platform" | "scheme" | "payer">([
    "platform",
    "scheme",
    "payer",
  ]);
  private readonly byScheme = new TotalsWithBase<ReportRow, "scheme" | "payer">(["scheme", "payer"]);
  private readonly byPayer = new SumsBy<ReportRow, "payer" | "currency">(["payer", "currency"]);

  add(row: RowWithMinor): void {
    this.byPlatformScheme.add(row);
    this.byScheme.add(row);
    this.byPayer.add(row);
  }

  totals(): ReportTotals {
    return {
      by_platform_scheme: this.byPlatformScheme.published(),
      by_scheme: this.byScheme.published(),
      by_payer: this.byPayer
        .sorted()
        .map((t) => ({ ...t.key, contribution: formatMinor(t.contributionMinor, t.key.currency) })),
    };
  }
}

function totalsOf(rows: readonly RowWithMinor[]): ReportTotals {
  const totals = new ReportTotalsAccumulator();
  for (const row of rows) totals.add(row);
  return totals.totals();
}

/** The corrections section of rows already sorted (checksum of their CSV in `format`), with its totals. */
export async function correctionsSection(
  corrections: readonly RowWithMinor<CorrectionRow>[],
  format: CsvFormat,
): Promise<CorrectionsSection> {
  const rows = corrections.map((r) => r.row);
  const totals = new TotalsWithBase<CorrectionRow, "original_period" | "scheme" | "payer">([
    "original_period",
    "scheme",
    "payer",
  ]);
  for (const row of corrections) totals.add(row);
  return {
    row_count: rows.length,
    checksum: { algorithm: "SHA-256", value: await sha256Hex(reportCsv(rows, CORRECTION_COLUMNS, format)) },
    rows,
    totals: totals.published(),
  };
}

/** Correction rows of `groups` (late entries of closed months), sorted by original month, then row key. */
export function correctionRows(groups: readonly ReportGroup[]): RowWithMinor<CorrectionRow>[] {
  return groups
    .map((g) => {
      const r = toRow(g);
      return { ...r, row: { original_period: g.month, ...r.row } as CorrectionRow };
    })
    .sort((a, b) =>
      compareKeys([a.row.original_period, ...rowKey(a.row)], [b.row.original_period, ...rowKey(b.row)]),
    );
}

/** Rows per chunk of `reportCsvChunks` (one write of the streamed CSV body). */
export const CSV_ROWS_PER_CHUNK = 500;

/**
 * The canonical CSV of report rows in chunks of at most `rowsPerChunk` rows (the first chunk starts with
 * the header row; an empty report yields the header alone), via csv-stringify: RFC 4180, CRLF after every
 * record, fields quoted only when they hold a comma, quote or line break; in `format` 2 text cells that
 * could start a formula are neutralised (src/domain/csv-cells.ts). Records do not depend on each
 * other, so the chunks concatenate to exactly `reportCsv`.
 */
export function* reportCsvChunks(
  rows: readonly ReportRow[],
  columns: readonly string[] = REPORT_COLUMNS,
  rowsPerChunk: number = CSV_ROWS_PER_CHUNK,
  format: CsvFormat = CURRENT_CSV_FORMAT,
): Generator<string> {
  if (rows.length === 0) yield csvRecords([], columns, format, true);
  for (let start = 0; start < rows.length; start += rowsPerChunk)
    yield csvRecords(rows.slice(start, start + rowsPerChunk), columns, format, start === 0);
}

/** CSV records of `rows` (canonical form, see `reportCsvChunks`), after the header row when `header`. */
export function csvRecords(
  rows: readonly ReportRow[],
  columns: readonly string[],
  format: CsvFormat,
  header: boolean,
): string {
  return stringify(rows as ReportRow[], {
    columns: [...columns],
    record_delimiter: "windows",
    ...csvCellOptions(format),
    header,
  });
}

/** The canonical CSV of report rows in `format` (the chunks of `reportCsvChunks`, joined). Its SHA-256 is the report checksum. */
export function reportCsv(
  rows: readonly ReportRow[],
  columns: readonly string[] = REPORT_COLUMNS,
  format: CsvFormat = CURRENT_CSV_FORMAT,
): string {
  return [...reportCsvChunks(rows, columns, CSV_ROWS_PER_CHUNK, format)].join("");
}

/** The report's fields before `row_count`: what it is of and what it covers. */
export function reportHead(
  meta: { jurisdiction: string; period: string } & Omit<ReportBasis, "fairPay" | "csvFormat">,
): Pick<MonthlyReport, "jurisdiction" | "period" | "status" | "closed_at" | "generated_at" | "chain_head"> {
  return {
    jurisdiction: meta.jurisdiction,
    period: meta.period,
    status: meta.closedAt ? "closed" : "provisional",
    closed_at: meta.closedAt ? meta.closedAt.toISOString() : null,
    generated_at: meta.generatedAt.toISOString(),
    chain_head: { event_seq: meta.chainHead.eventSeq, hash: meta.chainHead.hash },
  };
}

/**
 * The report of groups assembled in memory (the contract the streamed report of
 * src/agency-reports/ is tested against): rows (sorted by worker, platform, rule, period), totals from the rows, and the checksum of the rows' CSV;
 * the corrections section likewise (sorted by original month first), with its own CSV and checksum.
 */
export async function assembleReport(
  groups: readonly ReportGroup[],
  correctionGroups: readonly ReportGroup[],
  meta: { jurisdiction: string; period: string } & ReportBasis,
): Promise<AssembledReport> {
  const rows = groups.map(toRow).sort((a, b) => compareKeys(rowKey(a.row), rowKey(b.row)));
  const published = rows.map((r) => r.row);
  const csv = reportCsv(published, REPORT_COLUMNS, meta.csvFormat);
  return {
    csvFormat: meta.csvFormat,
    report: {
      ...reportHead(meta),
      row_count: published.length,
      checksum: { algorithm: "SHA-256", value: await sha256Hex(csv) },
      rows: published,
      totals: totalsOf(rows),
      corrections: await correctionsSection(correctionRows(correctionGroups), meta.csvFormat),
      fair_pay: meta.fairPay,
    },
  };
}
