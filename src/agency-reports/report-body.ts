/**
 * The bodies of GET /v1/reports/monthly (src/routes/reports.ts) from a report source and its summary:
 *
 * - `jsonReportChunks`: the whole JSON report as text chunks, rows read in pages from the database
 *   (src/agency-reports/report-rows.ts) as they are written, byte for byte
 *   `JSON.stringify(report)` (the same keys in the same order: the report's head, `row_count`,
 *   `checksum`, `rows`, then `totals`, `corrections`, `fair_pay`), so the body is what `c.json` wrote
 *   when the report was built whole.
 * - `jsonReportPage`: one keyset page (src/agency-reports/report-pages.ts): the summary's fields, the rows
 *   after the cursor's row key (at most `limit`, read from the index from that key on: a page costs its
 *   own rows) and `next_cursor`, which pins the report's chain head and `generated_at`.
 * - `csvChunks`: the rows CSV streamed from the database, or the corrections CSV (small, from the
 *   summary); either is exactly the text its checksum was taken over.
 */
import {
  CORRECTION_COLUMNS,
  CSV_ROWS_PER_CHUNK,
  reportCsvChunks,
  reportHead,
  type MonthlyReport,
  type ReportRow,
} from "./monthly-report.js";
import { encodeCursor, type ReportCursor, type ReportPage } from "./report-pages.js";
import { reportRows } from "./report-rows.js";
import type { ReportSource } from "./report-source.js";
import { rowsCsvChunks, type ReportSummary } from "./report-summary.js";

/** The report without its rows, in published key order (`rows` empty, to be filled or streamed). */
export function reportShell(source: ReportSource, summary: ReportSummary): MonthlyReport {
  return {
    ...reportHead(source),
    row_count: summary.row_count,
    checksum: summary.checksum,
    rows: [],
    totals: summary.totals,
    corrections: summary.corrections,
    fair_pay: summary.fair_pay,
  };
}

/** Rows per chunk of the streamed JSON body. */
const JSON_ROWS_PER_CHUNK = 500;

/** The JSON report of `source` as chunks (module doc). */
export async function* jsonReportChunks(
  source: ReportSource,
  summary: ReportSummary,
): AsyncGenerator<string> {
  const shell = JSON.stringify(reportShell(source, summary));
  const marker = '"rows":[]';
  const at = shell.indexOf(marker);
  yield shell.slice(0, at + marker.length - 1);
  let parts: string[] = [];
  let first = true;
  for await (const { row } of reportRows(source.rows)) {
    parts.push(JSON.stringify(row));
    if (parts.length === JSON_ROWS_PER_CHUNK) {
      yield (first ? "" : ",") + parts.join(",");
      first = false;
      parts = [];
    }
  }
  if (parts.length > 0) yield (first ? "" : ",") + parts.join(",");
  yield shell.slice(at + marker.length - 1);
}

/** One page of the report of `source` after `cursor` (all rows from the first when absent), at most `limit` rows. */
export async function jsonReportPage(
  source: ReportSource,
  summary: ReportSummary,
  cursor: ReportCursor | undefined,
  limit: number,
): Promise<ReportPage> {
  const rows: ReportRow[] = [];
  let more = false;
  for await (const { row } of reportRows(source.rows, cursor?.after, Math.min(limit + 1, 2_000))) {
    if (rows.length === limit) {
      more = true;
      break;
    }
    rows.push(row);
  }
  const pin = { eventSeq: source.chainHead.eventSeq, generatedAt: source.generatedAt.toISOString() };
  const last = rows.at(-1);
  return {
    ...reportShell(source, summary),
    rows,
    next_cursor: more && last ? encodeCursor(last, pin) : null,
  };
}

/** The CSV body of one section (module doc), as chunks. */
export async function* csvChunks(
  source: ReportSource,
  summary: ReportSummary,
  section: "rows" | "corrections",
): AsyncGenerator<string> {
  if (section === "corrections") {
    yield* reportCsvChunks(
      summary.corrections.rows,
      CORRECTION_COLUMNS,
      CSV_ROWS_PER_CHUNK,
      source.csvFormat,
    );
    return;
  }
  yield* rowsCsvChunks(source);
}
