/**
 * Transparency to authorities (issue 16), agency or admin key (the /v1/reports family's rule: an agency
 * reads only its own jurisdictions, else 403; admin reads all). Every read writes an audit row.
 *
 * GET /v1/reports/platform-work?jurisdiction=FR&period=2026-H2&format=json|csv
 *   `period`: a half-year "YYYY-H1" / "YYYY-H2" (EU Directive 2024/2831: at least every six months) or a
 *   calendar year "YYYY" (the yearly file, with persons paid per month: France's arrêté of 25 April 2024).
 *   -> 200 PlatformWorkReport (src/agency-reports/platform-work.ts: figures per platform, the bands and their
 *   source, what the ledger cannot know) or CSV (one figure per row: platform, measure, category,
 *   currency, value), with `Report-Chain-Head: <seq>:<hash>`.
 * GET /v1/reports/reversals?jurisdiction=DE&period=2026-03&format=json|csv
 *   -> 200 {jurisdiction, period, chain_head, reversals: [{platform, reason, currency, reversals, amount}]}:
 *   the month's reversals by reason per platform (src/agency-reports/reversals-by-reason.ts), counted in their
 *   payout's month like the monthly report's corrections; for a closed month, up to the close's chain head
 *   (so it never changes), else up to the current head. A companion of the monthly report, whose
 *   published v1 contract is closed (a new field would be a new version).
 */
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { requireRole } from "../http/auth.js";
import { bearerAuth, defineRoute, problemResponses, routeFamily } from "../http/openapi.js";
import { csvCellOptions } from "../domain/csv-cells.js";
import {
  PLATFORM_WORK_COLUMNS,
  platformWorkCsvRows,
  WORK_PERIOD_PATTERN,
} from "../agency-reports/platform-work.js";
import { AgencyReports } from "../agency-reports/agency-reports.js";
import { countryCode } from "../schemas/common.js";
import { platformWorkReportSchema, reversalsAnswerSchema } from "../schemas/platform-work.js";
import { reportMonth } from "./reports.js";

const workPeriodKey = z
  .string()
  .regex(WORK_PERIOD_PATTERN, "must be a half-year YYYY-H1 / YYYY-H2 or a year YYYY")
  .describe("2026-H2, or 2026 for the yearly file");
const format = z.enum(["json", "csv"]).default("json");

const csvOrJson = (description: string, schema: z.ZodType) => ({
  description,
  content: { "application/json": { schema }, "text/csv": { schema: z.string() } },
});

const platformWork = defineRoute({
  method: "get",
  path: "/v1/reports/platform-work",
  tags: ["agency"],
  security: bearerAuth,
  request: { query: z.object({ jurisdiction: countryCode, period: workPeriodKey, format }) },
  responses: {
    200: csvOrJson("Platform-work figures per platform (EU Directive 2024/2831)", platformWorkReportSchema),
    ...problemResponses(401, 403, 422),
  },
});
const reversals = defineRoute({
  method: "get",
  path: "/v1/reports/reversals",
  tags: ["agency"],
  security: bearerAuth,
  request: { query: z.object({ jurisdiction: countryCode, period: reportMonth, format }) },
  responses: {
    200: csvOrJson(
      "Reversals and reversed amounts by reason per platform, for payouts of the month",
      reversalsAnswerSchema,
    ),
    ...problemResponses(401, 403, 422),
  },
});

const csvBody = (columns: readonly string[], rows: string[][]) =>
  stringify([[...columns], ...rows], { record_delimiter: "\r\n", ...csvCellOptions() });

export function platformWorkRoutes(deps: AppDeps) {
  const app = routeFamily();
  const reports = new AgencyReports(deps);
  app.use("/v1/reports/platform-work", requireRole(deps, "agency", "admin"));
  app.use("/v1/reports/reversals", requireRole(deps, "agency", "admin"));
  app.openapi(platformWork, async (c) => {
    const { jurisdiction, period, format } = c.req.valid("query");
    const report = await reports.platformWork(c.var.principal, jurisdiction, period, format);
    const headers = {
      "cache-control": "no-store",
      "report-chain-head": `${report.chain_head.event_seq}:${report.chain_head.hash}`,
    };
    if (format === "csv")
      return c.body(csvBody(PLATFORM_WORK_COLUMNS, platformWorkCsvRows(report)), 200, {
        ...headers,
        "content-type": "text/csv; charset=utf-8; header=present",
        "content-disposition": `attachment; filename=platform-work-${jurisdiction}-${period}.csv`,
      });
    return c.json(report, 200, headers);
  });
  app.openapi(reversals, async (c) => {
    const { jurisdiction, period, format } = c.req.valid("query");
    const answer = await reports.reversals(c.var.principal, jurisdiction, period, format);
    const head = answer.chain_head;
    const headers = { "cache-control": "no-store", "report-chain-head": `${head.event_seq}:${head.hash}` };
    if (format === "csv")
      return c.body(
        csvBody(
          ["platform", "reason", "currency", "reversals", "amount"],
          answer.reversals.map((l) => [l.platform, l.reason, l.currency, String(l.reversals), l.amount]),
        ),
        200,
        {
          ...headers,
          "content-type": "text/csv; charset=utf-8; header=present",
          "content-disposition": `attachment; filename=reversals-${jurisdiction}-${period}.csv`,
        },
      );
    return c.json(answer, 200, headers);
  });
  return app;
}
