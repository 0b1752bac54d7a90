/**
 * Operator API (admin key): register platforms and agencies, publish jurisdictions and rule versions,
 * rotate a platform's webhook secret, revoke API keys, verify the ledger chain. Authorisation: the admin
 * role, required once for the family (`use`). The handlers only parse and render: each operation is a
 * service of src/accounts/ (platforms.ts, agencies.ts, api-keys.ts, rule-publishing.ts, ledger-check.ts)
 * that checks the caller, and writes its audit row (src/accounts/audit.ts) in the same batch as the change.
 *
 * POST   /v1/admin/platforms      {slug, name}           -> 201 {id, slug, webhook_secret, api_key} (secrets shown once)
 * POST   /v1/admin/agencies       {name, jurisdictions}  -> 201 {id, api_key} (shown once)
 * POST   /v1/admin/jurisdictions  {code, timezone, ...}  -> 201
 * POST   /v1/admin/rules          rule | [rules]         -> 201 {ids}; 409 if a (code, effective_from) exists
 * POST   /v1/admin/platforms/{slug}/webhook-secrets  {overlap_s?} -> 201 {webhook_secret (once), previous_secret_expires_at}
 * DELETE /v1/admin/api-keys/{prefix}                  -> 200 {prefix, revoked_at}; 404 when no live key has it
 * PUT    /v1/admin/platforms/{slug}/suspension        -> 200 {slug, suspended_at}: its webhooks and reads get 403 (idempotent: the first time is kept)
 * DELETE /v1/admin/platforms/{slug}/suspension        -> 200 {slug, suspended_at: null}: reinstated
 * POST   /v1/admin/workers/export  {subject} | {platform, worker_id} | {national_id, country}
 *                                                     -> 200 everything held about that worker identity (src/worker-record/worker-export.ts)
 * GET    /v1/ledger/verify                            -> 200 {ok, events_checked, head, first_broken?}
 */
import { z } from "zod";
import { revokeApiKey } from "../accounts/api-keys.js";
import { registerAgency } from "../accounts/agencies.js";
import { verifyLedger } from "../accounts/ledger-check.js";
import { registerPlatform, rotateWebhookSecret, setSuspension } from "../accounts/platforms.js";
import { addJurisdiction, publishRules } from "../accounts/rule-publishing.js";
import type { AppDeps } from "../deps.js";
import { ledgerDatabases, shardDeps } from "../ledger/shard-router.js";
import { requireRole } from "../http/auth.js";
import { limitBody, optionalJsonOf, requireJson } from "../http/limits.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { exportWorker, workerExportInput } from "../worker-record/worker-export.js";
import { verifyReportSchema } from "../schemas/ledger-verify.js";
import { workerExportSchema } from "../schemas/worker-export.js";
import {
  agencyInput,
  agencyRegistrationSchema,
  apiKeyPrefix,
  platformInput,
  platformRegistrationSchema,
  platformSlug,
  revocationOutput,
  rotationInput,
  rotationOutput,
  suspensionOutput,
} from "../schemas/accounts.js";
import { countryCode } from "../schemas/common.js";
import { jurisdictionInputSchema, publishedRuleIdsSchema, ruleInputSchema } from "../schemas/rule.js";

const rulesInput = z.union([ruleInputSchema, z.array(ruleInputSchema).min(1).max(500)]);

const tags = ["admin"];
const jsonBody = <S extends z.ZodType>(schema: S) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const adminErrors = problemResponses(401, 403);

const routes = {
  platform: defineRoute({
    method: "post",
    path: "/v1/admin/platforms",
    tags,
    security: bearerAuth,
    middleware: [requireJson] as const,
    request: jsonBody(platformInput),
    responses: {
      201: jsonResponse("Registered; webhook_secret and api_key are shown once", platformRegistrationSchema),
      ...adminErrors,
      ...problemResponses(409, 415, 422),
    },
  }),
  agency: defineRoute({
    method: "post",
    path: "/v1/admin/agencies",
    tags,
    security: bearerAuth,
    middleware: [requireJson] as const,
    request: jsonBody(agencyInput),
    responses: {
      201: jsonResponse("Registered; api_key is shown once", agencyRegistrationSchema),
      ...adminErrors,
      ...problemResponses(415, 422),
    },
  }),
  jurisdiction: defineRoute({
    method: "post",
    path: "/v1/admin/jurisdictions",
    tags,
    security: bearerAuth,
    middleware: [requireJson] as const,
    request: jsonBody(jurisdictionInputSchema),
    responses: {
      201: jsonResponse("Added: the jurisdiction as given", jurisdictionInputSchema),
      ...adminErrors,
      ...problemResponses(409, 415, 422),
    },
  }),
  rules: defineRoute({
    method: "post",
    path: "/v1/admin/rules",
    tags,
    security: bearerAuth,
    middleware: [requireJson] as const,
    request: jsonBody(rulesInput),
    responses: {
      201: jsonResponse("Published", publishedRuleIdsSchema),
      ...adminErrors,
      ...problemResponses(409, 415, 422),
    },
  }),
  rotate: defineRoute({
    method: "post",
    path: "/v1/admin/platforms/{slug}/webhook-secrets",
    tags,
    security: bearerAuth,
    middleware: [limitBody(4096)] as const,
    request: {
      params: z.object({ slug: platformSlug }),
      body: { content: { "application/json": { schema: rotationInput } }, required: false },
    },
    responses: {
      201: jsonResponse("Rotated; the new secret is shown once", rotationOutput),
      ...adminErrors,
      ...problemResponses(400, 404, 413, 415, 422),
    },
  }),
  revoke: defineRoute({
    method: "delete",
    path: "/v1/admin/api-keys/{prefix}",
    tags,
    security: bearerAuth,
    request: {
      params: z.object({ prefix: apiKeyPrefix }),
    },
    responses: {
      200: jsonResponse("Revoked: the key now gets 401", revocationOutput),
      ...adminErrors,
      ...problemResponses(404, 422),
    },
  }),
  suspend: defineRoute({
    method: "put",
    path: "/v1/admin/platforms/{slug}/suspension",
    tags,
    security: bearerAuth,
    request: { params: z.object({ slug: platformSlug }) },
    responses: {
      200: jsonResponse("Suspended: the platform's webhooks and reads now get 403", suspensionOutput),
      ...adminErrors,
      ...problemResponses(404, 422),
    },
  }),
  reinstate: defineRoute({
    method: "delete",
    path: "/v1/admin/platforms/{slug}/suspension",
    tags,
    security: bearerAuth,
    request: { params: z.object({ slug: platformSlug }) },
    responses: {
      200: jsonResponse("Reinstated", suspensionOutput),
      ...adminErrors,
      ...problemResponses(404, 422),
    },
  }),
  exportWorker: defineRoute({
    method: "post",
    path: "/v1/admin/workers/export",
    tags,
    security: bearerAuth,
    middleware: [limitBody(4096), requireJson] as const,
    request: jsonBody(workerExportInput),
    responses: {
      200: jsonResponse("Everything the ledger holds about the worker identity", workerExportSchema),
      ...adminErrors,
      ...problemResponses(404, 413, 415, 422),
    },
  }),
  verify: defineRoute({
    method: "get",
    path: "/v1/ledger/verify",
    tags,
    security: bearerAuth,
    request: {
      query: z.object({
        jurisdiction: countryCode
          .optional()
          .describe("check the hash chain of this jurisdiction's ledger shard (default: the default shard)"),
      }),
    },
    responses: { 200: jsonResponse("Result of the hash chain check", verifyReportSchema), ...adminErrors },
  }),
};

/** The operator's route family (module doc): each handler parses, calls one service of src/accounts/ and renders. */
export function adminRoutes(deps: AppDeps) {
  const app = routeFamily();
  const admin = requireRole(deps, "admin");
  app.use("/v1/admin/*", admin);
  app.use("/v1/ledger/*", admin);
  app.openapi(routes.platform, async (c) =>
    c.json(await registerPlatform(deps, c.var.principal, c.req.valid("json")), 201),
  );
  app.openapi(routes.agency, async (c) =>
    c.json(await registerAgency(deps, c.var.principal, c.req.valid("json")), 201),
  );
  app.openapi(routes.jurisdiction, async (c) =>
    c.json(await addJurisdiction(deps, c.var.principal, c.req.valid("json")), 201),
  );
  app.openapi(routes.rules, async (c) => {
    const input = c.req.valid("json");
    return c.json(await publishRules(deps, c.var.principal, Array.isArray(input) ? input : [input]), 201);
  });
  app.openapi(routes.rotate, async (c) => {
    const { overlap_s } = await optionalJsonOf(c, rotationInput);
    const target = { slug: c.req.valid("param").slug };
    return c.json(await rotateWebhookSecret(deps, c.var.principal, target, overlap_s), 201);
  });
  app.openapi(routes.revoke, async (c) =>
    c.json(await revokeApiKey(deps, c.var.principal, c.req.valid("param").prefix), 200),
  );
  app.openapi(routes.suspend, async (c) =>
    c.json(await setSuspension(deps, c.var.principal, c.req.valid("param").slug, true), 200),
  );
  app.openapi(routes.reinstate, async (c) =>
    c.json(await setSuspension(deps, c.var.principal, c.req.valid("param").slug, false), 200),
  );
  app.openapi(routes.exportWorker, async (c) =>
    c.json(await exportWorker(deps, c.var.principal, c.req.valid("json"), ledgerDatabases(deps.ledger)), 200),
  );
  app.openapi(routes.verify, async (c) =>
    c.json(
      await verifyLedger(deps, c.var.principal, await shardDeps(deps, c.req.valid("query").jurisdiction)),
    ),
  );
  return app;
}
