/**
 * The signed statement of a closed monthly report (README "Signed receipts"): the report's identity and
 * checksums, signed like a receipt (src/security/receipt-keys.ts). The report's own bytes are not
 * touched: the statement rides along in the `Report-Signature` header (the compact JWS) and is served on
 * its own at GET /v1/reports/monthly/signature as { payload, jws }.
 *
 * Statement (v 1): jurisdiction, period, `closed_at`, the chain head the report covers, `csv_format`
 * (the CSV dialect the checksums are taken over, src/domain/csv-cells.ts), and for each CSV section
 * (`rows`, `corrections`) its row count and the SHA-256 of its CSV body as served. Only closed reports
 * are signed: a provisional report changes with every payout.
 */
import { z } from "@hono/zod-openapi";
import type { CsvFormat } from "../domain/csv-cells.js";
import type { MonthlyReport } from "../agency-reports/monthly-report.js";

export const REPORT_STATEMENT_TYPE = "monthly-report";

const section = z.object({
  row_count: z.int(),
  checksum: z.object({
    algorithm: z.literal("SHA-256"),
    value: z.string().describe("hex SHA-256 of the section's CSV body"),
  }),
});

export const reportStatementSchema = z
  .object({
    v: z.literal(1),
    type: z.literal(REPORT_STATEMENT_TYPE),
    jurisdiction: z.string(),
    period: z.string(),
    status: z.literal("closed"),
    closed_at: z.string(),
    chain_head: z.object({ event_seq: z.int(), hash: z.string() }),
    csv_format: z.union([z.literal(1), z.literal(2)]),
    rows: section,
    corrections: section,
  })
  .openapi("ReportStatement");

export const signedReportSchema = z
  .object({
    payload: reportStatementSchema,
    jws: z.string().describe("compact JWS (EdDSA, kid) whose payload is the JSON of `payload`"),
  })
  .openapi("SignedReportStatement");

export type ReportStatement = z.infer<typeof reportStatementSchema>;

/** The statement of a closed report (its `closed_at` is set); undefined for a provisional one. */
export function reportStatement(report: MonthlyReport, csvFormat: CsvFormat): ReportStatement | undefined {
  if (report.status !== "closed" || report.closed_at === null) return undefined;
  return {
    v: 1,
    type: REPORT_STATEMENT_TYPE,
    jurisdiction: report.jurisdiction,
    period: report.period,
    status: "closed",
    closed_at: report.closed_at,
    chain_head: report.chain_head,
    csv_format: csvFormat,
    rows: { row_count: report.row_count, checksum: report.checksum },
    corrections: { row_count: report.corrections.row_count, checksum: report.corrections.checksum },
  };
}
