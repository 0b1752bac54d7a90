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
import { eq, and } from "drizzle-orm";
import { z } from "zod";
import { periodCloses } from "../db/schema.js";
import { assertJurisdictionInScope } from "../accounts/scope.js";
import { shardDeps, type AppDeps } from "../deps.js";
import { auditRow } from "../accounts/audit.js";
import { requireRole } from "../http/auth.js";
import { bearerAuth, defineRoute, problemResponses, routeFamily } from "../http/openapi.js";
import { csvCellOptions } from "../domain/csv-cells.js";
import { nextMonth } from "../domain/months.js";
import {
  PLATFORM_WORK_COLUMNS,
  platformWorkCsvRows,
  platformWorkReport,
  WORK_PERIOD_PATTERN,
  workPeriod,
} from "../agency-reports/platform-work.js";
import { reversalsByReason } from "../agency-reports/reversals-by-reason.js";
import { countryCode } from "../schemas/common.js";
import { platformWorkReportSchema, reversalsAnswerSchema } from "../schemas/platform-work.js";
import { reportMonth } from "./reports.js";
import { InvalidError } from "../domain/errors.js";

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
  app.use("/v1/reports/platform-work", requireRole(deps, "agency", "admin"));
  app.use("/v1/reports/reversals", requireRole(deps, "agency", "admin"));
  app.openapi(platformWork, async (c) => {
    const { jurisdiction, period, format } = c.req.valid("query");
    assertJurisdictionInScope(c.var.principal, jurisdiction, "read reports for");
    await auditRow(deps, c.var.principal, "report.read", `platform-work ${jurisdiction} ${period} ${format}`);
    const range = workPeriod(period);
    if (!range)
      throw new InvalidError("the request failed validation", [
        { path: "period", message: "must be a work period" },
      ]);
    const report = await platformWorkReport(await shardDeps(deps, jurisdiction), jurisdiction, range);
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
    assertJurisdictionInScope(c.var.principal, jurisdiction, "read reports for");
    await auditRow(deps, c.var.principal, "report.read", `reversals ${jurisdiction} ${period} ${format}`);
    const local = await shardDeps(deps, jurisdiction);
    const [close] = await local.database.db
      .select()
      .from(periodCloses)
      .where(and(eq(periodCloses.jurisdiction, jurisdiction), eq(periodCloses.period, period)));
    const head = close
      ? { event_seq: close.chainHeadSeq, hash: close.chainHeadHash }
      : await local.sealer.flush().then((h) => ({ event_seq: h.eventSeq, hash: h.hash }));
    const lines = await reversalsByReason(
      local.database.db,
      jurisdiction,
      `${period}-01`,
      `${nextMonth(period)}-01`,
      head.event_seq,
    );
    const headers = { "cache-control": "no-store", "report-chain-head": `${head.event_seq}:${head.hash}` };
    if (format === "csv")
      return c.body(
        csvBody(
          ["platform", "reason", "currency", "reversals", "amount"],
          lines.map((l) => [l.platform, l.reason, l.currency, String(l.reversals), l.amount]),
        ),
        200,
        {
          ...headers,
          "content-type": "text/csv; charset=utf-8; header=present",
          "content-disposition": `attachment; filename=reversals-${jurisdiction}-${period}.csv`,
        },
      );
    return c.json({ jurisdiction, period, chain_head: head, reversals: lines }, 200, headers);
  });
  return app;
}
