/**
 * The agency's report reads, one method an operation (routes/reports.ts only parses and renders):
 *
 * - `monthly(principal, query)`: the monthly report of a jurisdiction and period as served, on the
 *   jurisdiction's ledger shard: its source pinned at a sealed chain head (report-source.ts), its summary
 *   (report-summary.ts, one cache per shard), and the body as a CSV stream, a JSON stream or one keyset
 *   page (report-body.ts, report-pages.ts), with the headers every form carries (Report-Checksum,
 *   Report-Chain-Head, Report-Status and, once closed, Report-Signature: src/receipts/report-signature.ts).
 * - `signature(principal, jurisdiction, period)`: the signed statement of a closed report, {payload, jws};
 *   ConflictError while the period is open (only closed reports are signed).
 * - `coverage(principal, jurisdiction, period)`: coverage status per worker (coverage.ts) at the shard's
 *   sealed head.
 * - `platformWork(principal, jurisdiction, periodKey)`: the platform-work report over a half-year or year
 *   (platform-work.ts); InvalidError for a key that is no work period.
 * - `reversals(principal, jurisdiction, period)`: a month's reversals by reason (reversals-by-reason.ts).
 * - `closes(principal, jurisdiction)`: the closed periods of a jurisdiction (period-close.ts).
 * - `close(principal, request)`: closes one period on its shard (period-close.ts; the operator only).
 *
 * Each checks the caller's scope first (src/accounts/scope.ts: ForbiddenError for another jurisdiction)
 * and writes the read's audit row (src/accounts/audit.ts) before reading. Errors are the typed ones of
 * src/domain/errors.ts (a malformed cursor: InvalidError).
 */
import { auditRow } from "../accounts/audit.js";
import type { Principal } from "../accounts/principal.js";
import { assertJurisdictionInScope } from "../accounts/scope.js";
import { ConflictError, InvalidError } from "../domain/errors.js";
import { type ShardReaders, shardDeps } from "../ledger/shard-router.js";
import { type ReportStatement, reportStatement } from "../receipts/report-signature.js";
import type { CoverageAnswer } from "../schemas/coverage.js";
import type { PeriodClose } from "../schemas/period-close.js";
import type { PlatformWorkReport, ReversalsAnswer } from "../schemas/platform-work.js";
import { coverageRulesOf, coverageStatus, loadCoverageGroups } from "./coverage.js";
import type { MonthlyReport } from "./monthly-report.js";
import { type CloseRequest, closePeriod, listCloses } from "./period-close.js";
import { platformWorkReport, workPeriod } from "./platform-work.js";
import { csvChunks, jsonReportChunks, jsonReportPage, reportShell } from "./report-body.js";
import type { ReportDeps } from "./report-deps.js";
import { chunkStream, decodeCursor } from "./report-pages.js";
import { reportSource } from "./report-source.js";
import { ReportSummaries } from "./report-summary.js";
import { reversalsReport } from "./reversals-by-reason.js";

/** What the report reads need: the report deps, the ledger shards and the signer of closed reports. */
export interface AgencyReportDeps extends ReportDeps {
  ledger: ShardReaders;
  receiptSigner: { sign(document: unknown): Promise<string> };
}

/** The monthly report's query, parsed at the edge (routes/reports.ts). */
export interface MonthlyQuery {
  jurisdiction: string;
  period: string;
  format: "json" | "csv";
  section: "rows" | "corrections";
  limit?: number;
  cursor?: string;
}

/** A monthly report as served: a streamed body (CSV or JSON) or one JSON page, and its headers. */
export type MonthlyAnswer =
  | { kind: "stream"; body: ReadableStream<Uint8Array>; headers: Record<string, string> }
  | { kind: "page"; page: Awaited<ReturnType<typeof jsonReportPage>>; headers: Record<string, string> };

export class AgencyReports {
  /** One summary cache per ledger shard: a report's summary is computed over its jurisdiction's shard. */
  private readonly summaries = new Map<string, ReportSummaries>();

  constructor(private readonly deps: AgencyReportDeps) {}

  private async local(jurisdiction: string) {
    const local = await shardDeps(this.deps, jurisdiction);
    const name = this.deps.ledger.forJurisdiction(jurisdiction).shard.name;
    const summaries = this.summaries.get(name) ?? new ReportSummaries(local);
    this.summaries.set(name, summaries);
    return { local, summaries };
  }

  async monthly(principal: Principal, query: MonthlyQuery): Promise<MonthlyAnswer> {
    const { jurisdiction, period, format, section, limit, cursor } = query;
    assertJurisdictionInScope(principal, jurisdiction, "read reports for");
    const pageCursor = cursor === undefined ? undefined : decodeCursor(cursor);
    const corrections = format === "csv" && section === "corrections";
    const what = `monthly ${jurisdiction} ${period} ${format}${corrections ? " corrections" : ""}`;
    await auditRow(this.deps, principal, "report.read", what);
    const { local, summaries } = await this.local(jurisdiction);
    const source = await reportSource(local, jurisdiction, period, pageCursor?.pin);
    const summary = await summaries.get(source);
    const statement = reportStatement(reportShell(source, summary), source.csvFormat);
    const headers: Record<string, string> = {
      "cache-control": "no-store",
      "report-checksum": `sha-256=${corrections ? summary.corrections.checksum.value : summary.checksum.value}`,
      "report-chain-head": `${source.chainHead.eventSeq}:${source.chainHead.hash}`,
      "report-status": source.closedAt ? "closed" : "provisional",
      ...(statement ? { "report-signature": await this.deps.receiptSigner.sign(statement) } : {}),
    };
    if (format === "csv") {
      const name = `report-${jurisdiction}-${period}${corrections ? "-corrections" : ""}.csv`;
      return {
        kind: "stream",
        body: chunkStream(csvChunks(source, summary, section)),
        headers: {
          ...headers,
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename=${name}`,
        },
      };
    }
    if (limit !== undefined || pageCursor !== undefined) {
      const page = await jsonReportPage(source, summary, pageCursor, limit ?? Number.POSITIVE_INFINITY);
      return { kind: "page", page, headers };
    }
    return {
      kind: "stream",
      body: chunkStream(jsonReportChunks(source, summary)),
      headers: { ...headers, "content-type": "application/json" },
    };
  }

  async signature(
    principal: Principal,
    jurisdiction: string,
    period: string,
  ): Promise<{ payload: ReportStatement; jws: string }> {
    assertJurisdictionInScope(principal, jurisdiction, "read reports for");
    await auditRow(this.deps, principal, "report.read", `monthly ${jurisdiction} ${period} signature`);
    const { local, summaries } = await this.local(jurisdiction);
    const source = await reportSource(local, jurisdiction, period);
    const report: MonthlyReport = reportShell(source, await summaries.get(source));
    const statement = reportStatement(report, source.csvFormat);
    if (!statement)
      throw new ConflictError(`${jurisdiction} ${period} is not closed; only closed reports are signed`);
    return { payload: statement, jws: await this.deps.receiptSigner.sign(statement) };
  }

  async coverage(principal: Principal, jurisdiction: string, period: string): Promise<CoverageAnswer> {
    assertJurisdictionInScope(principal, jurisdiction, "read reports for");
    await auditRow(this.deps, principal, "coverage.read", `${jurisdiction} ${period}`);
    const { local } = await this.local(jurisdiction);
    const head = await local.sealer.flush();
    const groups = await loadCoverageGroups(local.database.db, jurisdiction, period, head.eventSeq);
    return {
      jurisdiction,
      period,
      chain_head: { event_seq: head.eventSeq, hash: head.hash },
      rules: coverageRulesOf(jurisdiction),
      workers: coverageStatus(groups, jurisdiction, period),
    };
  }

  async platformWork(principal: Principal, jurisdiction: string, periodKey: string, format: string) {
    assertJurisdictionInScope(principal, jurisdiction, "read reports for");
    await auditRow(
      this.deps,
      principal,
      "report.read",
      `platform-work ${jurisdiction} ${periodKey} ${format}`,
    );
    const range = workPeriod(periodKey);
    if (!range)
      throw new InvalidError("the request failed validation", [
        { path: "period", message: "must be a work period" },
      ]);
    const report: PlatformWorkReport = await platformWorkReport(
      await shardDeps(this.deps, jurisdiction),
      jurisdiction,
      range,
    );
    return report;
  }

  async reversals(
    principal: Principal,
    jurisdiction: string,
    period: string,
    format: string,
  ): Promise<ReversalsAnswer> {
    assertJurisdictionInScope(principal, jurisdiction, "read reports for");
    await auditRow(this.deps, principal, "report.read", `reversals ${jurisdiction} ${period} ${format}`);
    return reversalsReport(await shardDeps(this.deps, jurisdiction), jurisdiction, period);
  }

  async closes(
    principal: Principal,
    jurisdiction: string,
  ): Promise<{ jurisdiction: string; closes: PeriodClose[] }> {
    assertJurisdictionInScope(principal, jurisdiction, "read");
    await auditRow(this.deps, principal, "periods.read", jurisdiction);
    return { jurisdiction, closes: await listCloses(await shardDeps(this.deps, jurisdiction), jurisdiction) };
  }

  async close(principal: Principal, request: CloseRequest): Promise<PeriodClose> {
    return closePeriod(await shardDeps(this.deps, request.jurisdiction), request, principal);
  }
}
