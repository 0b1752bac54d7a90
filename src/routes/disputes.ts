/**
 * Disputes through the API (issue 16; the worker files from their page, src/routes/worker-disputes.ts).
 *
 * GET  /v1/platforms/me/disputes?status=open|answered|all&after=<id>&limit=1..1000   (platform key)
 *   -> 200 {disputes: Dispute[], next_after}: this platform's disputes (default: open), oldest first.
 * POST /v1/platforms/me/disputes/{id}/answers   (platform key)  JSON {correction_event_id} | {explanation}
 *   -> 201 Dispute (status corrected or explained). 404: not this platform's dispute; 409: answered
 *   before; 422: invalid body, or a correction event this platform did not record for the worker
 *   (`correction-event-unknown`). The correction itself is a payout or reversal sent through
 *   POST /v1/payouts as usual: the answer only links it.
 * GET  /v1/agency/disputes?jurisdiction=&status=&after=&limit=   (agency key)
 *   -> 200 {disputes: [Dispute + age_s, answer_time_s], next_after}: disputes of the agency's
 *   jurisdictions (or the one named: 403 when not its own). Each read writes an audit row.
 * Every answer writes an audit row in the same batch (src/disputes/disputes.ts).
 */
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { agencyDisputeSchema, disputeAnswerSchema, disputeSchema } from "../schemas/dispute.js";
import { agencyDisputes, answerDispute, platformDisputes } from "../disputes/disputes.js";
import { ledgerDatabases } from "../ledger/shard-router.js";
import { requireRole } from "../http/auth.js";
import { limitBody, requireJson } from "../http/limits.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { countryCode } from "../schemas/common.js";

const listQuery = {
  status: z.enum(["open", "answered", "all"]).default("open"),
  after: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe("the `next_after` of the previous page"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
};
const page = <T extends z.ZodType>(item: T) =>
  z.object({
    disputes: z.array(item),
    next_after: z.int().nullable().describe("pass as `after` for the next page; null on the last"),
  });

const platformList = defineRoute({
  method: "get",
  path: "/v1/platforms/me/disputes",
  tags: ["disputes"],
  security: bearerAuth,
  request: {
    query: z.object({
      status: listQuery.status.describe("open (default), answered or all"),
      after: listQuery.after,
      limit: listQuery.limit,
    }),
  },
  responses: {
    200: jsonResponse("This platform's disputes, oldest first", page(disputeSchema)),
    ...problemResponses(401, 403, 422),
  },
});
const answerRoute = defineRoute({
  method: "post",
  path: "/v1/platforms/me/disputes/{id}/answers",
  tags: ["disputes"],
  security: bearerAuth,
  middleware: [limitBody(8192), requireJson] as const,
  request: {
    params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
    body: { content: { "application/json": { schema: disputeAnswerSchema } }, required: true },
  },
  responses: {
    201: jsonResponse("The dispute with its answer", disputeSchema),
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});
const agencyList = defineRoute({
  method: "get",
  path: "/v1/agency/disputes",
  tags: ["disputes"],
  security: bearerAuth,
  request: { query: z.object({ jurisdiction: countryCode.optional(), ...listQuery }) },
  responses: {
    200: jsonResponse(
      "Disputes of the agency's jurisdictions with their age and answer time",
      page(agencyDisputeSchema),
    ),
    ...problemResponses(401, 403, 422),
  },
});

export function disputeRoutes(deps: AppDeps) {
  const app = routeFamily();
  // Each route requires its key in its own middleware, so the handlers see the narrowed principal.
  const platformKey = requireRole(deps, "platform");
  app.openapi({ ...platformList, middleware: [platformKey] as const }, async (c) =>
    c.json(await platformDisputes(deps, c.var.principal, c.req.valid("query")), 200, {
      "cache-control": "no-store",
    }),
  );
  app.openapi({ ...answerRoute, middleware: [platformKey, ...answerRoute.middleware] as const }, async (c) =>
    c.json(
      await answerDispute(
        deps,
        c.var.principal,
        c.req.valid("param").id,
        c.req.valid("json"),
        ledgerDatabases(deps.ledger),
      ),
      201,
    ),
  );
  app.openapi({ ...agencyList, middleware: [requireRole(deps, "agency")] as const }, async (c) =>
    c.json(await agencyDisputes(deps, c.var.principal, c.req.valid("query")), 200, {
      "cache-control": "no-store",
    }),
  );
  return app;
}
