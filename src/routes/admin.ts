/**
 * Operator API (admin key): register platforms and agencies, publish jurisdictions and rule versions,
 * verify the ledger chain. Each change writes its audit row in the same atomic batch.
 *
 * POST /v1/admin/platforms      {slug, name}           -> 201 {id, slug, webhook_secret, api_key} (secrets shown once)
 * POST /v1/admin/agencies       {name, jurisdictions}  -> 201 {id, api_key} (shown once)
 * POST /v1/admin/jurisdictions  {code, timezone, ...}  -> 201
 * POST /v1/admin/rules          rule | [rules]         -> 201 {ids}; 409 if a (code, effective_from) exists
 * GET  /v1/ledger/verify                               -> 200 {ok, events_checked, head, first_broken?}
 */
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import { agencies, auditLog, contributionRules, jurisdictions, platforms } from "../db/schema.js";
import type { AppDeps } from "../deps.js";
import { requireRole, type AppEnv } from "../http/auth.js";
import { requireJson } from "../http/limits.js";
import { fail } from "../http/problem.js";
import { validationHook } from "../http/validation.js";
import { verifyChain } from "../ledger/seal.js";
import { countryCode } from "../schemas/common.js";
import { jurisdictionInputSchema, ruleInputSchema } from "../schemas/rule.js";
import { toJurisdictionRow, toRuleRow } from "../db/rules-repo.js";
import { issueApiKey, newWebhookSecret } from "../security/api-keys.js";

const platformInput = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/), name: z.string().min(1).max(200) });
const agencyInput = z.object({ name: z.string().min(1).max(200), jurisdictions: z.array(countryCode).min(1).max(300) });
const rulesInput = z.union([ruleInputSchema, z.array(ruleInputSchema).min(1).max(500)]);

function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(`${String(error)} ${String((error as { cause?: unknown }).cause ?? "")}`);
}

export function adminRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const audit = (actor: string, action: string, target: string) => db.insert(auditLog).values({ actor, action, target, at: deps.now().toISOString() });
  const admin = requireRole(deps, "admin");

  return new Hono<AppEnv>()
    .post("/v1/admin/platforms", admin, requireJson, zValidator("json", platformInput, validationHook), async (c) => {
      const input = c.req.valid("json");
      const secret = newWebhookSecret();
      const apiKey = await issueApiKey("platform");
      const insert = db.insert(platforms).values({ slug: input.slug, name: input.name, webhookSecretCiphertext: await deps.secretBox.seal(secret), apiKeyHash: apiKey.hash, apiKeyPrefix: apiKey.prefix }).returning({ id: platforms.id });
      try {
        const [[row]] = await db.batch([insert, audit(c.var.principal.actor, "platform.register", input.slug)]);
        return c.json({ id: row!.id, slug: input.slug, name: input.name, webhook_secret: secret, api_key: apiKey.key }, 201);
      } catch (error) {
        if (isUniqueViolation(error)) fail("conflict", 409, `a platform with slug "${input.slug}" exists`);
        throw error;
      }
    })
    .post("/v1/admin/agencies", admin, requireJson, zValidator("json", agencyInput, validationHook), async (c) => {
      const input = c.req.valid("json");
      const apiKey = await issueApiKey("agency");
      const insert = db.insert(agencies).values({ name: input.name, jurisdictions: JSON.stringify(input.jurisdictions), apiKeyHash: apiKey.hash, apiKeyPrefix: apiKey.prefix }).returning({ id: agencies.id });
      const [[row]] = await db.batch([insert, audit(c.var.principal.actor, "agency.register", `${input.name} [${input.jurisdictions.join(",")}]`)]);
      return c.json({ id: row!.id, name: input.name, jurisdictions: input.jurisdictions, api_key: apiKey.key }, 201);
    })
    .post("/v1/admin/jurisdictions", admin, requireJson, zValidator("json", jurisdictionInputSchema, validationHook), async (c) => {
      const input = c.req.valid("json");
      try {
        await db.batch([db.insert(jurisdictions).values(toJurisdictionRow(input)), audit(c.var.principal.actor, "jurisdiction.add", input.code)]);
        deps.ruleBook.invalidate();
      } catch (error) {
        if (isUniqueViolation(error)) fail("conflict", 409, `jurisdiction ${input.code} exists`);
        throw error;
      }
      return c.json(input, 201);
    })
    .post("/v1/admin/rules", admin, requireJson, zValidator("json", rulesInput, validationHook), async (c) => {
      const input = c.req.valid("json");
      const rules = Array.isArray(input) ? input : [input];
      const known = await db.select({ code: jurisdictions.code }).from(jurisdictions);
      const missing = rules.filter((r) => !known.some((j) => j.code === r.jurisdiction)).map((r) => r.jurisdiction);
      if (missing.length > 0) fail("invalid-request", 422, `unknown jurisdiction(s) ${[...new Set(missing)].join(", ")}: add them first`);
      try {
        const [rows] = await db.batch([db.insert(contributionRules).values(rules.map(toRuleRow)).returning({ id: contributionRules.id }), audit(c.var.principal.actor, "rules.publish", rules.map((r) => `${r.code}@${r.effective_from}`).join(","))]);
        deps.ruleBook.invalidate();
        return c.json({ ids: rows.map((r) => r.id) }, 201);
      } catch (error) {
        if (isUniqueViolation(error)) fail("conflict", 409, "a rule version with the same code and effective_from exists; rule versions are immutable");
        throw error;
      }
    })
    .get("/v1/ledger/verify", admin, async (c) => {
      await deps.sealer.flush();
      return c.json(await verifyChain(db));
    });
}
