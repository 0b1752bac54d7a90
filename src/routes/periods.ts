/**
 * Month close (src/agency-reports/period-close.ts).
 *
 * POST /v1/admin/periods/close  {jurisdiction, period, force?, reason?}   (admin key)
 *   -> 201 PeriodClose {jurisdiction, period, closed_at, chain_head, row_count, checksum, forced_reason, closed_by}
 *   -> 404 unknown jurisdiction; 409 closed already, out of order, or before the grace date without
 *      `force`; 422 invalid input, the month has not ended, or `force` without `reason`.
 *   The close and its audit row are one batch.
 * GET /v1/periods?jurisdiction=DE   (agency of that jurisdiction, or admin; audited like a report read)
 *   -> 200 {jurisdiction, closes: PeriodClose[]} oldest first.
 */
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { requireRole } from "../http/auth.js";
import { limitBody, requireJson } from "../http/limits.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { AgencyReports } from "../agency-reports/agency-reports.js";
import { countryCode } from "../schemas/common.js";
import { periodCloseSchema, periodClosesSchema } from "../schemas/period-close.js";
import { reportMonth } from "./reports.js";

const closeInput = z.strictObject({
  jurisdiction: countryCode,
  period: reportMonth,
  force: z
    .boolean()
    .default(false)
    .describe("close before the grace date (5th day of the next month, local time); needs a reason"),
  reason: z.string().min(1).max(500).optional(),
});

const close = defineRoute({
  method: "post",
  path: "/v1/admin/periods/close",
  tags: ["admin"],
  security: bearerAuth,
  middleware: [limitBody(4096), requireJson] as const,
  request: { body: { content: { "application/json": { schema: closeInput } }, required: true } },
  responses: {
    201: jsonResponse("Closed: the period's report is frozen from now on", periodCloseSchema),
    ...problemResponses(401, 403, 404, 409, 413, 415, 422),
  },
});

const list = defineRoute({
  method: "get",
  path: "/v1/periods",
  tags: ["agency"],
  security: bearerAuth,
  request: { query: z.object({ jurisdiction: countryCode }) },
  responses: {
    200: jsonResponse("The closed periods of the jurisdiction, oldest first", periodClosesSchema),
    ...problemResponses(401, 403, 422),
  },
});

export function periodRoutes(deps: AppDeps) {
  const app = routeFamily();
  const reports = new AgencyReports(deps);
  app.use("/v1/admin/periods/*", requireRole(deps, "admin"));
  app.use("/v1/periods", requireRole(deps, "agency", "admin"));
  app.openapi(close, async (c) => c.json(await reports.close(c.var.principal, c.req.valid("json")), 201));
  app.openapi(list, async (c) =>
    c.json(await reports.closes(c.var.principal, c.req.valid("query").jurisdiction), 200),
  );
  return app;
}
