/**
 * GET /v1/reports/monthly?jurisdiction=DE&period=2026-03&format=json|csv — the agency monthly report
 * (reports/monthly-report.ts). Agency or admin key (required once for the family with `use`); an agency
 * reads only its own jurisdictions (else 403). Every report read writes an audit row (who, which report).
 *
 * Query: `jurisdiction` ISO 3166-1 alpha-2, `period` a real month "YYYY-MM" (local month of the payouts in
 * the jurisdiction's zone), `format` "json" (default) or "csv"; anything else -> 422 problem+json.
 * json: 200 application/json MonthlyReport. csv: 200 `text/csv; charset=utf-8`, RFC 4180 with a header row,
 * as an attachment `report-<J>-<period>.csv`; the body is exactly the text the checksum is taken over.
 * Both carry `Report-Checksum: sha-256=<hex>` and `Report-Chain-Head: <event seq>:<hash>`.
 */
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { auditRow } from "../http/audit.js";
import { requireRole } from "../http/auth.js";
import { bearerAuth, defineRoute, problemResponses, routeFamily } from "../http/openapi.js";
import { fail } from "../http/problem.js";
import { monthlyReport } from "../reports/monthly-report.js";
import { countryCode, isCalendarDate } from "../schemas/common.js";

const reportMonth = z.string().refine((s) => /^\d{4}-\d{2}$/.test(s) && isCalendarDate(`${s}-01`), "must be a month YYYY-MM such as 2026-03");

const query = z.object({ jurisdiction: countryCode, period: reportMonth, format: z.enum(["json", "csv"]).default("json") });

const monthly = defineRoute({
  method: "get",
  path: "/v1/reports/monthly",
  tags: ["agency"],
  security: bearerAuth,
  request: { query },
  responses: {
    200: {
      description: "The monthly report, with Report-Checksum and Report-Chain-Head headers",
      headers: { "Report-Checksum": { schema: { type: "string" }, description: "sha-256=<hex> of the CSV text" }, "Report-Chain-Head": { schema: { type: "string" }, description: "<event seq>:<hash>" } },
      content: { "application/json": { schema: z.looseObject({}) }, "text/csv": { schema: z.string() } },
    },
    ...problemResponses(401, 403, 422),
  },
});

export function reportRoutes(deps: AppDeps) {
  const app = routeFamily();
  app.use("/v1/reports/*", requireRole(deps, "agency", "admin"));
  app.openapi(monthly, async (c) => {
    const { jurisdiction, period, format } = c.req.valid("query");
    const principal = c.var.principal;
    if (principal.role === "agency" && !principal.jurisdictions.includes(jurisdiction)) {
      fail("forbidden", 403, `this agency key may read reports for ${principal.jurisdictions.join(", ")} only, not ${jurisdiction}`);
    }
    await auditRow(deps, principal, "report.read", `monthly ${jurisdiction} ${period} ${format}`);
    const { report, csv } = await monthlyReport(deps, jurisdiction, period);
    const headers = {
      "cache-control": "no-store",
      "report-checksum": `sha-256=${report.checksum.value}`,
      "report-chain-head": `${report.chain_head.event_seq}:${report.chain_head.hash}`,
    };
    if (format === "csv") {
      return c.body(csv, 200, { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename=report-${jurisdiction}-${period}.csv` });
    }
    return c.json(report, 200, headers);
  });
  return app;
}
