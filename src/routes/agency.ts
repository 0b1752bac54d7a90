/**
 * Agency lookups by real identity (agency key; authorisation once for the family with `use`).
 *
 * POST /v1/agency/workers/lookup  {national_id, country}  (JSON body, so the id never sits in a URL or an access log)
 *   `country`: ISO 3166-1 alpha-2, the worker's country as platforms send it; it must be one of the
 *   agency's jurisdictions (403 otherwise). The service computes the keyed hash (src/security/national-id.ts)
 *   and answers with the worker's pseudonymous subject ("nid:<hash>") and contribution totals per
 *   jurisdiction, period, scheme and payer, in the agency's jurisdictions only:
 *   -> 200 {subject, totals: [{jurisdiction, period, scheme, payer, currency, amount (decimal string), entries}]}
 *   -> 404 when no contribution of that worker is recorded in those jurisdictions.
 *   The national id is neither stored nor echoed; the audit row (same batch as the read) names the subject.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { ledgerEntries } from "../db/schema.js";
import type { AppDeps } from "../deps.js";
import { formatMinor } from "../domain/money.js";
import { auditRow } from "../http/audit.js";
import { requireRole } from "../http/auth.js";
import { limitBody, requireJson } from "../http/limits.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { fail } from "../http/problem.js";
import { lookupInput, lookupOutput } from "../schemas/worker-lookup.js";
import { nationalIdSubject } from "../security/national-id.js";

const lookup = defineRoute({
  method: "post",
  path: "/v1/agency/workers/lookup",
  tags: ["agency"],
  security: bearerAuth,
  middleware: [limitBody(4096), requireJson] as const,
  request: { body: { content: { "application/json": { schema: lookupInput } }, required: true } },
  responses: {
    200: jsonResponse(
      "The worker's subject and per-period totals in the agency's jurisdictions",
      lookupOutput,
    ),
    ...problemResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

export function agencyRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = routeFamily();
  app.use("/v1/agency/*", requireRole(deps, "agency"));
  app.openapi(lookup, async (c) => {
    const { national_id, country } = c.req.valid("json");
    const principal = c.var.principal;
    if (principal.role !== "agency") fail("forbidden", 403, "this operation needs an agency key");
    if (!principal.jurisdictions.includes(country))
      fail(
        "forbidden",
        403,
        `this agency key may look up workers of ${principal.jurisdictions.join(", ")} only, not ${country}`,
      );
    const { subjectKey } = await nationalIdSubject(deps.nationalIdKey, country, national_id);
    const [, rows] = await db.batch([
      auditRow(deps, principal, "worker.lookup", subjectKey),
      db
        .select({
          jurisdiction: ledgerEntries.jurisdiction,
          period: ledgerEntries.periodKey,
          scheme: ledgerEntries.scheme,
          payer: ledgerEntries.payer,
          currency: ledgerEntries.currency,
          minor: sql<number>`sum(${ledgerEntries.amountMinor})`,
          entries: sql<number>`count(*)`,
        })
        .from(ledgerEntries)
        .where(
          and(
            eq(ledgerEntries.subjectKey, subjectKey),
            inArray(ledgerEntries.jurisdiction, principal.jurisdictions),
          ),
        )
        .groupBy(
          ledgerEntries.jurisdiction,
          ledgerEntries.periodKey,
          ledgerEntries.scheme,
          ledgerEntries.payer,
          ledgerEntries.currency,
        )
        .orderBy(
          ledgerEntries.jurisdiction,
          ledgerEntries.periodKey,
          ledgerEntries.scheme,
          ledgerEntries.payer,
          ledgerEntries.currency,
        ),
    ]);
    if (rows.length === 0)
      fail("not-found", 404, "no contribution of this worker is recorded in this agency's jurisdictions");
    return c.json(
      {
        subject: subjectKey,
        totals: rows.map(({ minor, entries, ...r }) => ({
          ...r,
          amount: formatMinor(Number(minor), r.currency),
          entries: Number(entries),
        })),
      },
      200,
    );
  });
  return app;
}
