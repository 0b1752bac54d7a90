/**
 * GET /v1/rules?jurisdiction=DE&on=2026-03-01 — public: the rule versions (with their legal sources)
 * of a jurisdiction, all of them or those in force on a local date; includes proposed rules, marked.
 * GET /v1/jurisdictions — public: jurisdictions, their time zones and currencies.
 */
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import { jurisdictions } from "../db/schema.js";
import { loadRules, publicRule } from "../db/rules-repo.js";
import type { AppDeps } from "../deps.js";
import type { AppEnv } from "../http/auth.js";
import { validationHook } from "../http/validation.js";
import { calendarDate, countryCode } from "../schemas/common.js";

const query = z.object({ jurisdiction: countryCode, on: calendarDate.optional() });

export function ruleRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .get("/v1/rules", zValidator("query", query, validationHook), async (c) => {
      const { jurisdiction, on } = c.req.valid("query");
      const rows = await loadRules(db, [jurisdiction]);
      const inForce = rows.filter((r) => !on || (r.effectiveFrom <= on && (r.effectiveTo === null || on < r.effectiveTo)));
      return c.json({ jurisdiction, on: on ?? null, rules: inForce.map(publicRule) });
    })
    .get("/v1/jurisdictions", async (c) => c.json({ jurisdictions: await db.select({ code: jurisdictions.code, name: jurisdictions.name, timezone: jurisdictions.timezone, currency: jurisdictions.currency }).from(jurisdictions) }));
}
