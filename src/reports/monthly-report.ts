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
 * `worker` is the ledger's pseudonymous subject key ("nid:<keyed hash>" or "p<platform id>:<worker ref>"),
 * never a national id; `worker_ref` is the platform's own worker id.
 */
import { stringify } from "csv-stringify/sync";
import { and, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { ledgerEntries, ledgerEvents, platforms } from "../db/schema.js";
import type { AppDeps } from "../deps.js";
import { Dec, formatMinor, toMinorUnits } from "../domain/money.js";
import type { ChainHead } from "../ledger/seal.js";
import { sha256Hex } from "../security/digest.js";

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
  currency: string;
  /** Every entry's base_delta (decimal strings, rule currency, signed). */
  baseDeltas: string[];
  /** Sum of the entries' amount_minor (integer minor units of `currency`), exact at any size. */
  contributionMinor: Dec;
  /** Distinct payout events and distinct reversal events behind the entries. */
  payouts: number;
  reversals: number;
}

/** One report row as published (JSON and CSV); money as decimal strings with the currency's digits. */
export interface ReportRow {
  worker: string;
  worker_ref: string;
  platform: string;
  rule: string;
  scheme: string;
  payer: "worker" | "platform";
  period: string;
  contribution_base: string;
  contribution: string;
  currency: string;
  payouts: number;
  reversals: number;
}

/** Column order of the CSV (and of the JSON row objects). */
export const REPORT_COLUMNS = ["worker", "worker_ref", "platform", "rule", "scheme", "payer", "period", "contribution_base", "contribution", "currency", "payouts", "reversals"] as const satisfies readonly (keyof ReportRow)[];

export interface PlatformSchemeTotal {
  platform: string;
  scheme: string;
  payer: "worker" | "platform";
  currency: string;
  contribution_base: string;
  contribution: string;
}
export type SchemeTotal = Omit<PlatformSchemeTotal, "platform">;
export interface PayerTotal {
  payer: "worker" | "platform";
  currency: string;
  contribution: string;
}

export interface ReportTotals {
  by_platform_scheme: PlatformSchemeTotal[];
  by_scheme: SchemeTotal[];
  by_payer: PayerTotal[];
}

export interface MonthlyReport {
  jurisdiction: string;
  /** The local month reported, "YYYY-MM". */
  period: string;
  /** ISO 8601 UTC instant the report was computed. */
  generated_at: string;
  /** Last sealed event the report covers; no event after it is counted. */
  chain_head: { event_seq: number; hash: string };
  row_count: number;
  /** SHA-256 (hex) of `csv`, the canonical CSV of the rows. */
  checksum: { algorithm: "SHA-256"; value: string };
  rows: ReportRow[];
  totals: ReportTotals;
}

/** A report with the exact CSV its checksum was taken over (the body of `format=csv`). */
export interface AssembledReport {
  report: MonthlyReport;
  csv: string;
}

/* ------------------------------------------------------------------ I/O */

/**
 * Entries of jurisdiction `jurisdiction` whose payout's local month is `period` ("YYYY-MM"; a reversal's
 * entries carry its payout's month), from events with ledger sequence ≤ `upToSeq`, grouped by worker,
 * worker ref, platform, rule, scheme, payer, contribution period and currency (scheme, payer and currency
 * are fixed by the rule code; the worker ref by the worker and platform, unless a platform sent one
 * national id under two worker ids, which then gives two rows). One statement; uses ledger_entries_report.
 */
export async function loadReportGroups(db: Db, jurisdiction: string, period: string, upToSeq: number): Promise<ReportGroup[]> {
  const rows = await db
    .select({
      worker: ledgerEntries.subjectKey,
      workerRef: ledgerEvents.workerRef,
      platform: platforms.slug,
      rule: ledgerEntries.ruleCode,
      scheme: ledgerEntries.scheme,
      payer: ledgerEntries.payer,
      period: ledgerEntries.periodKey,
      currency: ledgerEntries.currency,
      baseDeltas: sql<string>`group_concat(${ledgerEntries.baseDelta}, ',')`,
      contributionMinor: sql<string>`CAST(sum(${ledgerEntries.amountMinor}) AS TEXT)`,
      payouts: sql<number>`count(distinct case when ${ledgerEvents.type} = 'payout' then ${ledgerEvents.id} end)`,
      reversals: sql<number>`count(distinct case when ${ledgerEvents.type} = 'reversal' then ${ledgerEvents.id} end)`,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerEvents, and(eq(ledgerEvents.platformId, ledgerEntries.platformId), eq(ledgerEvents.eventId, ledgerEntries.eventId)))
    .innerJoin(platforms, eq(platforms.id, ledgerEntries.platformId))
    .where(and(eq(ledgerEntries.jurisdiction, jurisdiction), eq(ledgerEntries.month, period), lte(ledgerEvents.id, upToSeq)))
    .groupBy(ledgerEntries.subjectKey, ledgerEvents.workerRef, platforms.slug, ledgerEntries.ruleCode, ledgerEntries.scheme, ledgerEntries.payer, ledgerEntries.periodKey, ledgerEntries.currency);
  return rows.map((r) => ({
    ...r,
    baseDeltas: r.baseDeltas.split(","),
    contributionMinor: new Dec(r.contributionMinor),
    payouts: Number(r.payouts),
    reversals: Number(r.reversals),
  }));
}

/**
 * Seals everything written so far (Sealer.flush), then builds the report over the sealed prefix of the
 * ledger. `period` is a validated "YYYY-MM", `jurisdiction` a validated ISO 3166-1 alpha-2 code.
 */
export async function monthlyReport(deps: Pick<AppDeps, "database" | "sealer" | "now">, jurisdiction: string, period: string): Promise<AssembledReport> {
  const head = await deps.sealer.flush();
  const groups = await loadReportGroups(deps.database.db, jurisdiction, period, head.eventSeq);
  return assembleReport(groups, { jurisdiction, period, generatedAt: deps.now(), chainHead: head });
}

/* ------------------------------------------------------------------ pure */

interface RowWithMinor {
  row: ReportRow;
  baseMinor: Dec;
  contributionMinor: Dec;
}

/** Code-unit order (locale-independent, so every runtime sorts alike). */
function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

const rowKey = (r: ReportRow) => [r.worker, r.platform, r.rule, r.period, r.worker_ref, r.currency];

function toRow(g: ReportGroup): RowWithMinor {
  const base = g.baseDeltas.reduce((sum, delta) => sum.plus(delta), new Dec(0));
  const baseMinor = toMinorUnits(base, g.currency);
  return {
    baseMinor,
    contributionMinor: g.contributionMinor,
    row: {
      worker: g.worker,
      worker_ref: g.workerRef,
      platform: g.platform,
      rule: g.rule,
      scheme: g.scheme,
      payer: g.payer,
      period: g.period,
      contribution_base: formatMinor(baseMinor, g.currency),
      contribution: formatMinor(g.contributionMinor, g.currency),
      currency: g.currency,
      payouts: g.payouts,
      reversals: g.reversals,
    },
  };
}

/** Sums rows' minor units per key (the key's fields, in order); sorted by key. */
function sumBy<K extends keyof ReportRow>(rows: readonly RowWithMinor[], fields: readonly K[]) {
  const groups = new Map<string, { key: Pick<ReportRow, K>; baseMinor: Dec; contributionMinor: Dec }>();
  for (const { row, baseMinor, contributionMinor } of rows) {
    const id = JSON.stringify(fields.map((f) => row[f]));
    const group = groups.get(id) ?? { key: Object.fromEntries(fields.map((f) => [f, row[f]])) as Pick<ReportRow, K>, baseMinor: new Dec(0), contributionMinor: new Dec(0) };
    group.baseMinor = group.baseMinor.plus(baseMinor);
    group.contributionMinor = group.contributionMinor.plus(contributionMinor);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => compareKeys(fields.map((f) => String(a.key[f])), fields.map((f) => String(b.key[f]))));
}

/** Totals per platform × scheme × payer × currency, per scheme × payer × currency and per payer × currency. */
function totalsOf(rows: readonly RowWithMinor[]): ReportTotals {
  const withBase = <K extends keyof ReportRow>(fields: readonly K[]) =>
    sumBy(rows, [...fields, "currency"] as (K | "currency")[]).map((t) => ({ ...t.key, contribution_base: formatMinor(t.baseMinor, t.key.currency), contribution: formatMinor(t.contributionMinor, t.key.currency) }));
  return {
    by_platform_scheme: withBase(["platform", "scheme", "payer"]),
    by_scheme: withBase(["scheme", "payer"]),
    by_payer: sumBy(rows, ["payer", "currency"]).map((t) => ({ ...t.key, contribution: formatMinor(t.contributionMinor, t.key.currency) })),
  };
}

/**
 * The canonical CSV of report rows (RFC 4180: header row, CRLF after every record, fields quoted only when
 * they hold a comma, quote or line break), via csv-stringify. Its SHA-256 is the report checksum.
 */
export function reportCsv(rows: readonly ReportRow[]): string {
  return stringify(rows as ReportRow[], { header: true, columns: [...REPORT_COLUMNS], record_delimiter: "windows" });
}

/** Rows (sorted by worker, platform, rule, period), totals from the rows, and the checksum of the rows' CSV. */
export async function assembleReport(groups: readonly ReportGroup[], meta: { jurisdiction: string; period: string; generatedAt: Date; chainHead: ChainHead }): Promise<AssembledReport> {
  const rows = groups.map(toRow).sort((a, b) => compareKeys(rowKey(a.row), rowKey(b.row)));
  const published = rows.map((r) => r.row);
  const csv = reportCsv(published);
  return {
    csv,
    report: {
      jurisdiction: meta.jurisdiction,
      period: meta.period,
      generated_at: meta.generatedAt.toISOString(),
      chain_head: { event_seq: meta.chainHead.eventSeq, hash: meta.chainHead.hash },
      row_count: published.length,
      checksum: { algorithm: "SHA-256", value: await sha256Hex(csv) },
      rows: published,
      totals: totalsOf(rows),
    },
  };
}
