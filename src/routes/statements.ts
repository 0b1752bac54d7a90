/**
 * A platform's remittance statement and reconciliation (src/agency-reports/remittance-statement.ts); platform key
 * (authorisation once for the family with `use`), the platform's own data only.
 *
 * GET  /v1/platforms/me/statements?period=2026-03&format=json|csv
 *   -> 200 json RemittanceStatement {platform, period, generated_at, chain_head, due_date_basis, lines, totals}
 *      csv  `text/csv; charset=utf-8`, one row per line (STATEMENT_COLUMNS), attachment statement-<slug>-<period>.csv
 * POST /v1/platforms/me/statements/reconcile?period=2026-03
 *   body {events: [{event_id, currency, withheld, owed}]} (1..10,000 events; amounts signed decimal strings
 *   with at most the currency's decimals: a reversal's are negative)
 *   -> 200 {period, chain_head, matched, differences: [{event_id, currency, kind, ledger, platform, difference}]}
 *   -> 422 invalid input (field errors), too many decimals for the currency.
 */
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { parseMinor } from "../domain/money.js";
import { requireRole } from "../http/auth.js";
import { limitBody, requireJson } from "../http/limits.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { fail } from "../http/problem.js";
import { reconcile, remittanceStatement, statementCsv } from "../agency-reports/remittance-statement.js";
import { currencyCode } from "../schemas/common.js";
import { reconciliationSchema, remittanceStatementSchema } from "../schemas/statement.js";
import { reportMonth } from "./reports.js";

const signedAmount = z
  .string()
  .regex(/^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,12})?$/, 'must be a decimal string such as "12.50" or "-3.10"');
const reconcileInput = z.strictObject({
  events: z
    .array(
      z.strictObject({
        event_id: z.string().min(1).max(200),
        currency: currencyCode,
        withheld: signedAmount,
        owed: signedAmount,
      }),
    )
    .min(1)
    .max(10_000),
});
const tags = ["platform"];

const statement = defineRoute({
  method: "get",
  path: "/v1/platforms/me/statements",
  tags,
  security: bearerAuth,
  request: { query: z.object({ period: reportMonth, format: z.enum(["json", "csv"]).default("json") }) },
  responses: {
    200: {
      description:
        "What the platform withheld and owes per jurisdiction and scheme, with the events behind each line",
      content: {
        "application/json": { schema: remittanceStatementSchema },
        "text/csv": { schema: z.string() },
      },
    },
    ...problemResponses(401, 403, 422),
  },
});

const reconciliation = defineRoute({
  method: "post",
  path: "/v1/platforms/me/statements/reconcile",
  tags,
  security: bearerAuth,
  middleware: [limitBody(2_000_000), requireJson] as const,
  request: {
    query: z.object({ period: reportMonth }),
    body: { content: { "application/json": { schema: reconcileInput } }, required: true },
  },
  responses: {
    200: jsonResponse(
      "The events whose totals differ between the platform and the ledger",
      reconciliationSchema,
    ),
    ...problemResponses(400, 401, 403, 413, 415, 422),
  },
});

export function statementRoutes(deps: AppDeps) {
  const app = routeFamily();
  // The platform key is required by each route's own middleware, so the handlers see a platform principal.
  const platformKey = requireRole(deps, "platform");
  app.openapi({ ...statement, middleware: [platformKey] as const }, async (c) => {
    const { period, format } = c.req.valid("query");
    const { statement } = await remittanceStatement(deps, c.var.principal, period);
    if (format === "csv") {
      return c.body(statementCsv(statement), 200, {
        "cache-control": "no-store",
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename=statement-${statement.platform}-${period}.csv`,
      });
    }
    return c.json(statement, 200, { "cache-control": "no-store" });
  });
  app.openapi(
    { ...reconciliation, middleware: [platformKey, ...reconciliation.middleware] as const },
    async (c) => {
      const { period } = c.req.valid("query");
      const { events } = c.req.valid("json");
      const parsed = events.map((e, i) => {
        const withheldMinor = parseMinor(e.withheld, e.currency);
        const owedMinor = parseMinor(e.owed, e.currency);
        if (withheldMinor === undefined || owedMinor === undefined) {
          fail("invalid-request", 422, `events[${i}]: more decimals than ${e.currency} allows`, {
            errors: [
              { path: `events.${i}`, message: `amounts must have at most the decimals of ${e.currency}` },
            ],
          });
        }
        return { event_id: e.event_id, currency: e.currency, withheldMinor, owedMinor };
      });
      const { statement, perEvent } = await remittanceStatement(deps, c.var.principal, period);
      return c.json({ period, chain_head: statement.chain_head, ...reconcile(perEvent, parsed) }, 200);
    },
  );
  return app;
}
