/**
 * GET /v1/reports/monthly?jurisdiction=DE&period=2026-03&format=json|csv — the agency monthly report
 * (agency-reports/monthly-report.ts). Agency or admin key (required once for the family with `use`); an agency
 * reads only its own jurisdictions (else 403). Every report read writes an audit row (who, which report).
 *
 * Query: `jurisdiction` ISO 3166-1 alpha-2, `period` a real month "YYYY-MM" (local month of the payouts in
 * the jurisdiction's zone), `format` "json" (default) or "csv", `section` (csv only) "rows" (default) or
 * "corrections", and for json the paging fields `limit` (1..10,000) and `cursor` (a `next_cursor`; a
 * malformed one -> 422); anything else -> 422 problem+json.
 * json: 200 application/json MonthlyReport (status closed|provisional, rows, totals, corrections, fair_pay).
 * With `limit` or `cursor`, one keyset page (src/agency-reports/report-pages.ts): the whole report's metadata,
 * checksum and totals, the page's `rows` and `next_cursor` (null on the last page), which pins the
 * report's chain head so every page is of one report; without them, every row, streamed from the
 * database (src/agency-reports/).
 * csv: 200 `text/csv; charset=utf-8`, RFC 4180 with a header row, as an attachment
 * `report-<J>-<period>[-corrections].csv`, streamed from the database in chunks of rows; the body is
 * exactly the text the section's checksum is taken over. The checksum (a header) comes from the report's
 * summary, computed in one streamed pass before the body and kept per chain head (report-summary.ts).
 * Both carry `Report-Checksum: sha-256=<hex>` (of the section served; the rows for json),
 * `Report-Chain-Head: <event seq>:<hash>` and `Report-Status: closed|provisional`. A closed period's
 * report is byte-identical on every pull (src/agency-reports/monthly-report.ts). A closed report also carries
 * `Report-Signature: <compact JWS>`, the signed statement of its checksums (src/receipts/report-signature.ts);
 * the report's bytes are the same with or without it.
 *
 * GET /v1/reports/monthly/signature?jurisdiction=DE&period=2026-03 — the signed statement of a closed
 * report as a document, {payload, jws} (the `.sig` of the report, for `npm run verify-receipt`); same
 * access and audit as the report; 409 while the period is open (only closed reports are signed).
 *
 * GET /v1/reports/coverage?jurisdiction=US&period=2026-03 — coverage status per worker for the period
 * (src/agency-reports/coverage.ts: months covered so far in the year, or credits earned so far), with the coverage
 * rules applied and their sources; same access and audit as the monthly report.
 *   -> 200 {jurisdiction, period, chain_head, rules, workers: [{worker, rule, kind, status, months_covered?, period_covered?, credits?}]}
 */
import { z } from "zod";
import { AgencyReports } from "../agency-reports/agency-reports.js";
import { monthlyReportSchema } from "../agency-reports/monthly-report-schema.js";
import { pageQuery } from "../agency-reports/report-pages.js";
import type { AppDeps } from "../deps.js";
import { requireRole } from "../http/auth.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { signedReportSchema } from "../receipts/report-signature.js";
import { countryCode, isCalendarDate } from "../schemas/common.js";
import { coverageAnswerSchema } from "../schemas/coverage.js";

/** A report period: a real month "YYYY-MM". */
export const reportMonth = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}$/.test(s) && isCalendarDate(`${s}-01`),
    "must be a month YYYY-MM such as 2026-03",
  );

const query = z.object({
  jurisdiction: countryCode,
  period: reportMonth,
  format: z.enum(["json", "csv"]).default("json"),
  section: z.enum(["rows", "corrections"]).default("rows"),
  ...pageQuery,
});

const monthly = defineRoute({
  method: "get",
  path: "/v1/reports/monthly",
  tags: ["agency"],
  security: bearerAuth,
  request: { query },
  responses: {
    200: {
      description: "The monthly report, with Report-Checksum and Report-Chain-Head headers",
      headers: {
        "Report-Signature": {
          schema: { type: "string" },
          description:
            "closed reports only: compact JWS (EdDSA) of the report's signed statement (GET /v1/reports/monthly/signature)",
        },
        "Report-Checksum": { schema: { type: "string" }, description: "sha-256=<hex> of the CSV text" },
        "Report-Chain-Head": { schema: { type: "string" }, description: "<event seq>:<hash>" },
        "Report-Status": {
          schema: { type: "string", enum: ["closed", "provisional"] },
          description: "closed: final and byte-identical on every pull",
        },
      },
      content: {
        "application/json": { schema: monthlyReportSchema },
        "text/csv": { schema: z.string() },
      },
    },
    ...problemResponses(401, 403, 422),
  },
});

const signature = defineRoute({
  method: "get",
  path: "/v1/reports/monthly/signature",
  tags: ["agency"],
  security: bearerAuth,
  request: { query: z.object({ jurisdiction: countryCode, period: reportMonth }) },
  responses: {
    200: jsonResponse(
      "The signed statement of a closed report: jurisdiction, period, chain head and the checksums of its CSV sections",
      signedReportSchema,
    ),
    ...problemResponses(401, 403, 409, 422),
  },
});

const coverage = defineRoute({
  method: "get",
  path: "/v1/reports/coverage",
  tags: ["agency"],
  security: bearerAuth,
  request: { query: z.object({ jurisdiction: countryCode, period: reportMonth }) },
  responses: {
    200: jsonResponse(
      "Coverage status per worker: months covered or credits earned so far in the year",
      coverageAnswerSchema,
    ),
    ...problemResponses(401, 403, 422),
  },
});

export function reportRoutes(deps: AppDeps) {
  const app = routeFamily();
  const reports = new AgencyReports(deps);
  app.use("/v1/reports/*", requireRole(deps, "agency", "admin"));
  app.openapi(monthly, async (c) => {
    const answer = await reports.monthly(c.var.principal, c.req.valid("query"));
    if (answer.kind === "page") return c.json(answer.page, 200, answer.headers);
    return c.body(answer.body, 200, answer.headers);
  });
  app.openapi(signature, async (c) => {
    const { jurisdiction, period } = c.req.valid("query");
    return c.json(await reports.signature(c.var.principal, jurisdiction, period), 200, {
      "cache-control": "no-store",
    });
  });
  app.openapi(coverage, async (c) => {
    const { jurisdiction, period } = c.req.valid("query");
    return c.json(await reports.coverage(c.var.principal, jurisdiction, period), 200, {
      "cache-control": "no-store",
    });
  });
  return app;
}
