/**
 * Operator API (admin key): register platforms and agencies, publish jurisdictions and rule versions,
 * rotate a platform's webhook secret, revoke API keys, verify the ledger chain. Authorisation: the admin
 * role, required once for the family (`use`); each action writes its audit row (src/http/audit.ts) in the
 * same atomic batch as the change.
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
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { agencies, contributionRules, jurisdictions, platforms } from "../db/schema.js";
import type { AppDeps } from "../deps.js";
import { auditRow } from "../http/audit.js";
import { requireRole } from "../http/auth.js";
import { limitBody, optionalJson, requireJson } from "../http/limits.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { fail } from "../http/problem.js";
import { validationHook } from "../http/validation.js";
import { verifyChain } from "../ledger/seal.js";
import { exportWorker, workerExportInput } from "../worker-record/worker-export.js";
import { countryCode } from "../schemas/common.js";
import { jurisdictionInputSchema, ruleInputSchema } from "../schemas/rule.js";
import { toJurisdictionRow, toRuleRow } from "../db/rules-repo.js";
import { API_KEY_PREFIX, issueApiKey, newWebhookSecret } from "../security/api-keys.js";
import {
  DEFAULT_ROTATION_OVERLAP_S,
  MAX_ROTATION_OVERLAP_S,
  prepareRotation,
} from "../security/webhook-secrets.js";

export const platformSlug = z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a platform slug");
const platformInput = z.object({ slug: platformSlug, name: z.string().min(1).max(200) });
const agencyInput = z.object({
  name: z.string().min(1).max(200),
  jurisdictions: z.array(countryCode).min(1).max(300),
});
const rulesInput = z.union([ruleInputSchema, z.array(ruleInputSchema).min(1).max(500)]);
/** Body of a webhook secret rotation (optional): how long the previous secret stays valid, seconds. */
export const rotationInput = z.strictObject({
  overlap_s: z.int().min(0).max(MAX_ROTATION_OVERLAP_S).default(DEFAULT_ROTATION_OVERLAP_S),
});
export const rotationOutput = z.object({
  webhook_secret: z.string().describe("the new whsec_ secret, shown once"),
  previous_secret_expires_at: z
    .string()
    .describe("RFC 3339 UTC; the previous secret verifies deliveries until then"),
});

function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(
    `${String(error)} ${String((error as { cause?: unknown }).cause ?? "")}`,
  );
}

const suspensionOutput = z.object({
  slug: z.string(),
  suspended_at: z
    .string()
    .nullable()
    .describe("RFC 3339 UTC since when the platform is suspended; null when reinstated"),
});

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
      201: jsonResponse("Registered; webhook_secret and api_key are shown once"),
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
      201: jsonResponse("Registered; api_key is shown once"),
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
    responses: { 201: jsonResponse("Added"), ...adminErrors, ...problemResponses(409, 415, 422) },
  }),
  rules: defineRoute({
    method: "post",
    path: "/v1/admin/rules",
    tags,
    security: bearerAuth,
    middleware: [requireJson] as const,
    request: jsonBody(rulesInput),
    responses: {
      201: jsonResponse("Published", z.object({ ids: z.array(z.int()) })),
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
      params: z.object({
        prefix: z.string().regex(API_KEY_PREFIX, "must be a key prefix clk_<platform|agency>_<8 characters>"),
      }),
    },
    responses: {
      200: jsonResponse(
        "Revoked: the key now gets 401",
        z.object({ prefix: z.string(), revoked_at: z.string() }),
      ),
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
      200: jsonResponse("Everything the ledger holds about the worker identity"),
      ...adminErrors,
      ...problemResponses(404, 413, 415, 422),
    },
  }),
  verify: defineRoute({
    method: "get",
    path: "/v1/ledger/verify",
    tags,
    security: bearerAuth,
    responses: { 200: jsonResponse("Result of the hash chain check"), ...adminErrors },
  }),
};

export function adminRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = routeFamily();
  const admin = requireRole(deps, "admin");
  app.use("/v1/admin/*", admin);
  app.use("/v1/ledger/*", admin);

  app.openapi(routes.platform, async (c) => {
    const input = c.req.valid("json");
    const secret = newWebhookSecret();
    const apiKey = await issueApiKey("platform");
    const insert = db
      .insert(platforms)
      .values({
        slug: input.slug,
        name: input.name,
        webhookSecretCiphertext: await deps.secretBox.seal(secret),
        apiKeyHash: apiKey.hash,
        apiKeyPrefix: apiKey.prefix,
      })
      .returning({ id: platforms.id });
    try {
      const [[row]] = await db.batch([
        insert,
        auditRow(deps, c.var.principal, "platform.register", `${input.slug} key ${apiKey.prefix}`),
      ]);
      return c.json(
        {
          id: row!.id,
          slug: input.slug,
          name: input.name,
          webhook_secret: secret,
          api_key: apiKey.key,
          api_key_prefix: apiKey.prefix,
        },
        201,
      );
    } catch (error) {
      if (isUniqueViolation(error)) fail("conflict", 409, `a platform with slug "${input.slug}" exists`);
      throw error;
    }
  });
  app.openapi(routes.agency, async (c) => {
    const input = c.req.valid("json");
    const apiKey = await issueApiKey("agency");
    const insert = db
      .insert(agencies)
      .values({
        name: input.name,
        jurisdictions: JSON.stringify(input.jurisdictions),
        apiKeyHash: apiKey.hash,
        apiKeyPrefix: apiKey.prefix,
      })
      .returning({ id: agencies.id });
    const [[row]] = await db.batch([
      insert,
      auditRow(
        deps,
        c.var.principal,
        "agency.register",
        `${input.name} [${input.jurisdictions.join(",")}] key ${apiKey.prefix}`,
      ),
    ]);
    return c.json(
      {
        id: row!.id,
        name: input.name,
        jurisdictions: input.jurisdictions,
        api_key: apiKey.key,
        api_key_prefix: apiKey.prefix,
      },
      201,
    );
  });
  app.openapi(routes.jurisdiction, async (c) => {
    const input = c.req.valid("json");
    try {
      await db.batch([
        db.insert(jurisdictions).values(toJurisdictionRow(input)),
        auditRow(deps, c.var.principal, "jurisdiction.add", input.code),
      ]);
      deps.ruleBook.invalidate();
    } catch (error) {
      if (isUniqueViolation(error)) fail("conflict", 409, `jurisdiction ${input.code} exists`);
      throw error;
    }
    return c.json(input, 201);
  });
  app.openapi(routes.rules, async (c) => {
    const input = c.req.valid("json");
    const rules = Array.isArray(input) ? input : [input];
    const known = await db.select({ code: jurisdictions.code }).from(jurisdictions);
    const missing = rules
      .filter((r) => !known.some((j) => j.code === r.jurisdiction))
      .map((r) => r.jurisdiction);
    if (missing.length > 0)
      fail(
        "invalid-request",
        422,
        `unknown jurisdiction(s) ${[...new Set(missing)].join(", ")}: add them first`,
      );
    try {
      // One INSERT per rule (17 parameters each: D1 allows 100 per statement), all in one atomic batch.
      const inserts = rules.map((rule) =>
        db.insert(contributionRules).values(toRuleRow(rule)).returning({ id: contributionRules.id }),
      );
      const results = await db.batch([
        auditRow(
          deps,
          c.var.principal,
          "rules.publish",
          rules.map((r) => `${r.code}@${r.effective_from}`).join(","),
        ),
        ...inserts,
      ]);
      deps.ruleBook.invalidate();
      return c.json({ ids: (results.slice(1) as { id: number }[][]).map(([row]) => row!.id) }, 201);
    } catch (error) {
      if (isUniqueViolation(error))
        fail(
          "conflict",
          409,
          "a rule version with the same code and effective_from exists; rule versions are immutable",
        );
      throw error;
    }
  });
  app.openapi(routes.rotate, async (c) => {
    const parsed = rotationInput.safeParse(await optionalJson(c));
    validationHook(parsed);
    const { slug } = c.req.valid("param");
    const [platform] = await db.select({ id: platforms.id }).from(platforms).where(eq(platforms.slug, slug));
    if (!platform) fail("not-found", 404, `no platform "${slug}"`);
    const rotation = await prepareRotation(deps, platform.id, parsed.data!.overlap_s);
    await db.batch([
      rotation.update,
      auditRow(
        deps,
        c.var.principal,
        "platform.webhook-secret.rotate",
        `${slug} previous valid until ${rotation.previousExpiresAt}`,
      ),
    ]);
    deps.platformKeys.invalidate();
    return c.json(
      { webhook_secret: rotation.secret, previous_secret_expires_at: rotation.previousExpiresAt },
      201,
    );
  });
  app.openapi(routes.revoke, async (c) => {
    const { prefix } = c.req.valid("param");
    const at = deps.now().toISOString();
    const table = prefix.startsWith("clk_platform_") ? platforms : agencies;
    const live = and(eq(table.apiKeyPrefix, prefix), isNull(table.apiKeyRevokedAt));
    const [found] = await db.select({ id: table.id }).from(table).where(live);
    if (!found) fail("not-found", 404, `no live API key with prefix ${prefix}`);
    await db.batch([
      db.update(table).set({ apiKeyRevokedAt: at }).where(live),
      auditRow(deps, c.var.principal, "api-key.revoke", prefix),
    ]);
    deps.platformKeys.invalidate();
    return c.json({ prefix, revoked_at: at }, 200);
  });
  /** Sets or clears `suspended_at` of a platform, with its audit row, in one batch. */
  async function setSuspension(slug: string, principal: Parameters<typeof auditRow>[1], suspend: boolean) {
    const [platform] = await db
      .select({ id: platforms.id, suspendedAt: platforms.suspendedAt })
      .from(platforms)
      .where(eq(platforms.slug, slug));
    if (!platform) fail("not-found", 404, `no platform "${slug}"`);
    const suspendedAt = suspend ? (platform.suspendedAt ?? deps.now().toISOString()) : null;
    await db.batch([
      db.update(platforms).set({ suspendedAt }).where(eq(platforms.id, platform.id)),
      auditRow(deps, principal, suspend ? "platform.suspend" : "platform.reinstate", slug),
    ]);
    deps.platformKeys.invalidate();
    return { slug, suspended_at: suspendedAt };
  }
  app.openapi(routes.suspend, async (c) =>
    c.json(await setSuspension(c.req.valid("param").slug, c.var.principal, true), 200),
  );
  app.openapi(routes.reinstate, async (c) =>
    c.json(await setSuspension(c.req.valid("param").slug, c.var.principal, false), 200),
  );
  app.openapi(routes.exportWorker, async (c) =>
    c.json(await exportWorker(deps, c.var.principal, c.req.valid("json")), 200),
  );
  app.openapi(routes.verify, async (c) => {
    await deps.sealer.flush();
    const result = await verifyChain(db);
    await auditRow(deps, c.var.principal, "ledger.verify", `events_checked ${result.events_checked}`);
    return c.json(result);
  });
  return app;
}
