/**
 * The agency monthly report (DESIGN.md 1 and 5): per worker, platform, rule and contribution period, what
 * was accrued in one jurisdiction for payouts of one local month, with totals that equal the sum of the
 * rows, a checksum of the rows and the hash-chain head the report covers (DESIGN.md 4.5).
 *
 * Two halves:
 * - I/O: `loadReportGroups` (one grouped SQL statement over ledger_entries ⋈ ledger_events ⋈ platforms)
 *   and `monthlyReport` (seals the ledger first, then reads only sealed events, so the chain head really
 *   covers every row even while payouts keep arriving).
 * - Pure: `assembleReport` (rows, totals, checksum) and `reportCsv` (the canonical CSV the checksum is
 *   taken over), deterministic for given groups: two pulls of an unchanged month give identical rows
 *   and checksum; only `generated_at` differs.
 *
 * Money: `contribution` is the sum of the entries' `amount_minor` (integer minor units of `currency`);
 * `contribution_base` is the exact decimal sum of the entries' `base_delta` (Dec), rounded half-up to the
 * currency's minor unit for display only. Totals add the rows' integer minor units (as Dec, exact past
 * 2^53), so each total is exactly the sum of the rows it covers. Bases are totalled per scheme only: one payout forms the base of
 * every scheme, so a base summed across schemes would count it several times.
 *
 * Month close (src/reports/period-close.ts): a closed period's report covers only events with ledger
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
 * Paging and streaming (src/reports/report-stream.ts) work over the rows as assembled here: a JSON page is
 * a slice of `rows` after a cursor (the sort key of `rowKey`), and the CSV body is `reportCsvChunks`, whose
 * concatenation is exactly the text the checksum is taken over.
 */
import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import { and, eq, gt, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { loadRules, toRuleVersion } from "../db/rules-repo.js";
import { ledgerEntries, ledgerEvents, periodCloses, platforms } from "../db/schema.js";
import type { AppDeps } from "../deps.js";
import type { RuleVersion } from "../domain/contributions.js";
import { Dec, formatMinor, toMinorUnits } from "../domain/money.js";
import { whyInEnglish } from "../i18n/why.js";
import type { ChainHead } from "../ledger/seal.js";
import { sha256Hex } from "../security/digest.js";
import { csvCellOptions, CURRENT_CSV_FORMAT, type CsvFormat } from "./csv-cells.js";
import type { UnderMinimumCount } from "./effective-pay.js";
import { previousMonth } from "./months.js";
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
import { reportFairPay } from "./report-fair-pay.js";

/** One group of ledger entries as the database returns it (the I/O half's output, the pure half's input). */
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
export type SchemeTotal = Omit<PlatformSchemeTotal, "platform">;
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
  /** The CSV format of the report's CSV and checksum (src/reports/csv-cells.ts): a closed report's own, else the current one. */
  csvFormat: CsvFormat;
  generatedAt: Date;
  closedAt: Date | null;
  fairPay: UnderMinimumCount;
}

/* ------------------------------------------------------------------ I/O */

/**
 * Entries of `jurisdiction` matching `where`, grouped (see `loadReportGroups`); also grouped by the payouts'
 * month. Each group's rule versions (distinct rule_id) are looked up in the jurisdiction's contribution_rules
 * for `rates`; an entry whose rule_id is not there (impossible under the foreign key) throws.
 */
async function loadGroups(db: Db, jurisdiction: string, where: SQL | undefined): Promise<ReportGroup[]> {
  const [rows, rules] = await Promise.all([
    db
      .select({
        worker: ledgerEntries.subjectKey,
        workerRef: ledgerEvents.workerRef,
        platform: platforms.slug,
        rule: ledgerEntries.ruleCode,
        scheme: ledgerEntries.scheme,
        payer: ledgerEntries.payer,
        period: ledgerEntries.periodKey,
        month: ledgerEntries.month,
        currency: ledgerEntries.currency,
        baseDeltas: sql<string>`group_concat(${ledgerEntries.baseDelta}, ',')`,
        contributionMinor: sql<string>`CAST(sum(${ledgerEntries.amountMinor}) AS TEXT)`,
        payouts: sql<number>`count(distinct case when ${ledgerEvents.type} = 'payout' then ${ledgerEvents.id} end)`,
        reversals: sql<number>`count(distinct case when ${ledgerEvents.type} = 'reversal' then ${ledgerEvents.id} end)`,
        ruleIds: sql<string>`group_concat(distinct ${ledgerEntries.ruleId})`,
        bases: sql<string>`json_group_array(distinct ${ledgerEntries.basis})`,
      })
      .from(ledgerEntries)
      .innerJoin(ledgerEvents, and(eq(ledgerEvents.platformId, ledgerEntries.platformId), eq(ledgerEvents.eventId, ledgerEntries.eventId)))
      .innerJoin(platforms, eq(platforms.id, ledgerEntries.platformId))
      .where(where)
      .groupBy(ledgerEntries.subjectKey, ledgerEvents.workerRef, platforms.slug, ledgerEntries.ruleCode, ledgerEntries.scheme, ledgerEntries.payer, ledgerEntries.periodKey, ledgerEntries.month, ledgerEntries.currency),
    loadRules(db, [jurisdiction]),
  ]);
  const versions = new Map(rules.map((r) => [r.id, toRuleVersion(r)]));
  const versionOf = (id: string) => {
    const version = versions.get(Number(id));
    if (!version) throw new Error(`ledger entry refers to rule version ${id}, which is not a ${jurisdiction} rule`);
    return version;
  };
  return rows.map(({ ruleIds, bases, ...r }) => ({
    ...r,
    bases: (JSON.parse(bases) as (string | null)[]).filter((b): b is string => b !== null),
    baseDeltas: r.baseDeltas.split(","),
    contributionMinor: new Dec(r.contributionMinor),
    payouts: Number(r.payouts),
    reversals: Number(r.reversals),
    rates: ratesApplied(ruleIds.split(",").map(versionOf)),
  }));
}

/**
 * Entries of jurisdiction `jurisdiction` whose payout's local month is `period` ("YYYY-MM"; a reversal's
 * entries carry its payout's month), from events with ledger sequence ≤ `upToSeq`, grouped by worker,
 * worker ref, platform, rule, scheme, payer, contribution period and currency (scheme, payer and currency
 * are fixed by the rule code; the worker ref by the worker and platform, unless a platform sent one
 * national id under two worker ids, which then gives two rows). One statement; uses ledger_entries_report.
 */
export function loadReportGroups(db: Db, jurisdiction: string, period: string, upToSeq: number): Promise<ReportGroup[]> {
  return loadGroups(db, jurisdiction, and(eq(ledgerEntries.jurisdiction, jurisdiction), eq(ledgerEntries.month, period), lte(ledgerEvents.id, upToSeq)));
}

/**
 * The late entries the report of `period` lists as corrections (module doc): entries of `jurisdiction`
 * for closed months before `period`, from events with sequence in (`afterSeq`, `upToSeq`] and above
 * their own month's close head, grouped like `loadReportGroups` and by original month.
 */
export function loadCorrectionGroups(db: Db, jurisdiction: string, period: string, afterSeq: number, upToSeq: number): Promise<ReportGroup[]> {
  const closeHead = db.select({ seq: periodCloses.chainHeadSeq }).from(periodCloses).where(and(eq(periodCloses.jurisdiction, ledgerEntries.jurisdiction), eq(periodCloses.period, ledgerEntries.month)));
  return loadGroups(
    db,
    jurisdiction,
    and(eq(ledgerEntries.jurisdiction, jurisdiction), lt(ledgerEntries.month, period), gt(ledgerEvents.id, afterSeq), lte(ledgerEvents.id, upToSeq), sql`${ledgerEvents.id} > (${closeHead})`),
  );
}

/** The close of (`jurisdiction`, `period`), if the period is closed. */
export async function findClose(db: Db, jurisdiction: string, period: string) {
  const [close] = await db.select().from(periodCloses).where(and(eq(periodCloses.jurisdiction, jurisdiction), eq(periodCloses.period, period)));
  return close;
}

/**
 * The report of `period` in `jurisdiction` over ledger sequence ≤ `basis.chainHead.eventSeq`: its rows,
 * the corrections it lists (none when the previous month is not closed) and its metadata.
 */
export async function computeReport(db: Db, jurisdiction: string, period: string, basis: ReportBasis): Promise<AssembledReport> {
  const previous = await findClose(db, jurisdiction, previousMonth(period));
  const upTo = basis.chainHead.eventSeq;
  const [groups, corrections] = await Promise.all([
    loadReportGroups(db, jurisdiction, period, upTo),
    previous ? loadCorrectionGroups(db, jurisdiction, period, previous.chainHeadSeq, upTo) : Promise.resolve([]),
  ]);
  return assembleReport(groups, corrections, { jurisdiction, period, ...basis });
}

/**
 * The report as an agency pulls it. Closed period: the frozen report (chain head, close time and fair-pay
 * count recorded at close; no sealing needed). Open period: seals everything written so far
 * (Sealer.flush), then reports over the sealed prefix, `provisional`. `period` is a validated "YYYY-MM",
 * `jurisdiction` a validated ISO 3166-1 alpha-2 code.
 */
export async function monthlyReport(deps: Pick<AppDeps, "database" | "sealer" | "now" | "fx">, jurisdiction: string, period: string): Promise<AssembledReport> {
  const { db } = deps.database;
  const close = await findClose(db, jurisdiction, period);
  if (close) {
    const closedAt = new Date(close.closedAt);
    const chainHead = { eventSeq: close.chainHeadSeq, hash: close.chainHeadHash };
    return computeReport(db, jurisdiction, period, { chainHead, generatedAt: closedAt, closedAt, fairPay: JSON.parse(close.fairPay) as UnderMinimumCount, csvFormat: close.csvFormat === 1 ? 1 : 2 });
  }
  const chainHead = await deps.sealer.flush();
  const fairPay = await reportFairPay(deps, jurisdiction, period, chainHead.eventSeq);
  return computeReport(db, jurisdiction, period, { chainHead, generatedAt: deps.now(), closedAt: null, fairPay, csvFormat: CURRENT_CSV_FORMAT });
}

/* ------------------------------------------------------------------ pure */

interface RowWithMinor<R extends ReportRow = ReportRow> {
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
export function ratesApplied(versions: readonly Pick<RuleVersion, "id" | "effectiveFrom" | "brackets">[]): string {
  return [...versions]
    .sort((a, b) => compareKeys([a.effectiveFrom], [b.effectiveFrom]) || a.id - b.id)
    .map(
      (v) =>
        v.brackets
          .filter((b) => !b.rate.isZero() || (b.amount && !b.amount.isZero()))
          .map((b) => (b.amount && !b.amount.isZero() ? `${b.rate.toString()}+${b.amount.toString()}` : b.rate.toString()))
          .join("/") || "0",
    )
    .join("|");
}

/** Code-unit order (locale-independent, so every runtime sorts alike). */
export function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** The sort key of a report row (unique within a report: the month is fixed, and scheme and payer follow from the rule). */
export const rowKey = (r: ReportRow): string[] => [r.worker, r.platform, r.rule, r.period, r.worker_ref, r.currency];

/** Subject-key prefix of a worker known by a national id (src/security/national-id.ts). */
const NID_PREFIX = "nid:";

function toRow(g: ReportGroup): RowWithMinor {
  const base = g.baseDeltas.reduce((sum, delta) => sum.plus(delta), new Dec(0));
  const baseMinor = toMinorUnits(base, g.currency);
  return {
    baseMinor,
    contributionMinor: g.contributionMinor,
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
      contribution: formatMinor(g.contributionMinor, g.currency),
      currency: g.currency,
      payouts: g.payouts,
      reversals: g.reversals,
      ...why(g.bases),
    },
  };
}

function why(bases: readonly string[]): { why?: string[] } {
  const words = whyInEnglish([...bases].sort());
  return words.length > 0 ? { why: words } : {};
}

/** Sums rows' minor units per key (the key's fields, in order); sorted by key. */
function sumBy<R extends ReportRow, K extends keyof R>(rows: readonly RowWithMinor<R>[], fields: readonly K[]) {
  const groups = new Map<string, { key: Pick<R, K>; baseMinor: Dec; contributionMinor: Dec }>();
  for (const { row, baseMinor, contributionMinor } of rows) {
    const id = JSON.stringify(fields.map((f) => row[f]));
    const group = groups.get(id) ?? { key: Object.fromEntries(fields.map((f) => [f, row[f]])) as Pick<R, K>, baseMinor: new Dec(0), contributionMinor: new Dec(0) };
    group.baseMinor = group.baseMinor.plus(baseMinor);
    group.contributionMinor = group.contributionMinor.plus(contributionMinor);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => compareKeys(fields.map((f) => String(a.key[f])), fields.map((f) => String(b.key[f]))));
}

/** Sums per `fields` × currency, with base and contribution as decimal strings. */
function totalsWithBase<R extends ReportRow, K extends keyof R>(rows: readonly RowWithMinor<R>[], fields: readonly K[]) {
  return sumBy(rows, [...fields, "currency"] as (K | "currency")[]).map((t) => ({ ...t.key, contribution_base: formatMinor(t.baseMinor, t.key.currency), contribution: formatMinor(t.contributionMinor, t.key.currency) }));
}

/** Totals per platform × scheme × payer × currency, per scheme × payer × currency and per payer × currency. */
function totalsOf(rows: readonly RowWithMinor[]): ReportTotals {
  return {
    by_platform_scheme: totalsWithBase(rows, ["platform", "scheme", "payer"]),
    by_scheme: totalsWithBase(rows, ["scheme", "payer"]),
    by_payer: sumBy(rows, ["payer", "currency"]).map((t) => ({ ...t.key, contribution: formatMinor(t.contributionMinor, t.key.currency) })),
  };
}

/** Rows per chunk of `reportCsvChunks` (one write of the streamed CSV body). */
export const CSV_ROWS_PER_CHUNK = 500;

/**
 * The canonical CSV of report rows in chunks of at most `rowsPerChunk` rows (the first chunk starts with
 * the header row; an empty report yields the header alone), via csv-stringify: RFC 4180, CRLF after every
 * record, fields quoted only when they hold a comma, quote or line break; in `format` 2 text cells that
 * could start a formula are neutralised (src/reports/csv-cells.ts). Records do not depend on each
 * other, so the chunks concatenate to exactly `reportCsv`.
 */
export function* reportCsvChunks(rows: readonly ReportRow[], columns: readonly string[] = REPORT_COLUMNS, rowsPerChunk: number = CSV_ROWS_PER_CHUNK, format: CsvFormat = CURRENT_CSV_FORMAT): Generator<string> {
  const options = { columns: [...columns], record_delimiter: "windows", ...csvCellOptions(format) } as const;
  if (rows.length === 0) yield stringify([], { ...options, header: true });
  for (let start = 0; start < rows.length; start += rowsPerChunk) {
    yield stringify(rows.slice(start, start + rowsPerChunk) as ReportRow[], { ...options, header: start === 0 });
  }
}

/** The canonical CSV of report rows in `format` (the chunks of `reportCsvChunks`, joined). Its SHA-256 is the report checksum. */
export function reportCsv(rows: readonly ReportRow[], columns: readonly string[] = REPORT_COLUMNS, format: CsvFormat = CURRENT_CSV_FORMAT): string {
  return [...reportCsvChunks(rows, columns, CSV_ROWS_PER_CHUNK, format)].join("");
}

/**
 * Rows (sorted by worker, platform, rule, period), totals from the rows, and the checksum of the rows' CSV;
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
  const corrections = correctionGroups
    .map((g) => {
      const r = toRow(g);
      return { ...r, row: { original_period: g.month, ...r.row } as CorrectionRow };
    })
    .sort((a, b) => compareKeys([a.row.original_period, ...rowKey(a.row)], [b.row.original_period, ...rowKey(b.row)]));
  const correctionRows = corrections.map((r) => r.row);
  const correctionsCsv = reportCsv(correctionRows, CORRECTION_COLUMNS, meta.csvFormat);
  return {
    csvFormat: meta.csvFormat,
    report: {
      jurisdiction: meta.jurisdiction,
      period: meta.period,
      status: meta.closedAt ? "closed" : "provisional",
      closed_at: meta.closedAt ? meta.closedAt.toISOString() : null,
      generated_at: meta.generatedAt.toISOString(),
      chain_head: { event_seq: meta.chainHead.eventSeq, hash: meta.chainHead.hash },
      row_count: published.length,
      checksum: { algorithm: "SHA-256", value: await sha256Hex(csv) },
      rows: published,
      totals: totalsOf(rows),
      corrections: {
        row_count: correctionRows.length,
        checksum: { algorithm: "SHA-256", value: await sha256Hex(correctionsCsv) },
        rows: correctionRows,
        totals: totalsWithBase(corrections, ["original_period", "scheme", "payer"]),
      },
      fair_pay: meta.fairPay,
    },
  };
}
