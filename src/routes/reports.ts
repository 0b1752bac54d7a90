/**
 * GET /v1/reports/monthly?jurisdiction=DE&period=2026-03&format=json|csv — the agency monthly report
 * (reports/monthly-report.ts). Agency or admin key; an agency reads only its own jurisdictions (else 403).
 *
 * Query: `jurisdiction` ISO 3166-1 alpha-2, `period` a real month "YYYY-MM" (local month of the payouts in
 * the jurisdiction's zone), `format` "json" (default) or "csv"; anything else -> 422 problem+json.
 * json: 200 application/json MonthlyReport. csv: 200 `text/csv; charset=utf-8`, RFC 4180 with a header row,
 * as an attachment `report-<J>-<period>.csv`; the body is exactly the text the checksum is taken over.
 * Both carry `Report-Checksum: sha-256=<hex>` and `Report-Chain-Head: <event seq>:<hash>`.
 */
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { requireRole, type AppEnv } from "../http/auth.js";
import { fail } from "../http/problem.js";
import { validationHook } from "../http/validation.js";
import { monthlyReport } from "../reports/monthly-report.js";
import { countryCode, isCalendarDate } from "../schemas/common.js";

const reportMonth = z.string().refine((s) => /^\d{4}-\d{2}$/.test(s) && isCalendarDate(`${s}-01`), "must be a month YYYY-MM such as 2026-03");

const query = z.object({ jurisdiction: countryCode, period: reportMonth, format: z.enum(["json", "csv"]).default("json") });

export function reportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/v1/reports/monthly", requireRole(deps, "agency", "admin"), zValidator("query", query, validationHook), async (c) => {
    const { jurisdiction, period, format } = c.req.valid("query");
    const principal = c.var.principal;
    if (principal.role === "agency" && !principal.jurisdictions.includes(jurisdiction)) {
      fail("forbidden", 403, `this agency key may read reports for ${principal.jurisdictions.join(", ")} only, not ${jurisdiction}`);
    }
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
}
