/**
 * Agency lookups by real identity (agency key, required by the route's own middleware, so the handler
 * sees an agency principal).
 *
 * POST /v1/agency/workers/lookup  {national_id, country}  (JSON body, so the id never sits in a URL or an access log)
 *   `country`: ISO 3166-1 alpha-2, the worker's country as platforms send it; it must be one of the
 *   agency's jurisdictions (403 otherwise). The service computes the keyed hash (src/security/national-id.ts)
 *   and answers with the worker's pseudonymous subject ("nid:<hash>") and contribution totals per
 *   jurisdiction, period, scheme and payer, in the agency's jurisdictions only:
 *   -> 200 {subject, totals: [{jurisdiction, period, scheme, payer, currency, amount (decimal string), entries}]}
 *   -> 404 when no contribution of that worker is recorded in those jurisdictions.
 *   The national id is neither stored nor echoed; the audit row (same batch as the read) names the subject
 *   (src/accounts/agencies.ts `lookupWorker`).
 */
import { lookupWorker } from "../accounts/agencies.js";
import type { AppDeps } from "../deps.js";
import { requireRole } from "../http/auth.js";
import { limitBody, requireJson } from "../http/limits.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { lookupInput, lookupOutput } from "../schemas/worker-lookup.js";

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
  const app = routeFamily();
  app.openapi(
    { ...lookup, middleware: [requireRole(deps, "agency"), ...lookup.middleware] as const },
    async (c) => {
      const { national_id, country } = c.req.valid("json");
      const shardDb = (code: string) => deps.ledger.forJurisdiction(code).shard.database.db;
      return c.json(await lookupWorker(deps, c.var.principal, country, national_id, shardDb), 200);
    },
  );
  return app;
}
