/**
 * GET /v1/rules?jurisdiction=DE&on=2026-03-01 — public: the rule versions (with their legal sources)
 * of a jurisdiction, all of them, or with `on` those in force on that local date: for each rule code the
 * enacted version the ledger charges on that day, and apart from it the proposed version in force, marked
 * (src/domain/dated.ts is the one lookup both use).
 * GET /v1/jurisdictions — public: jurisdictions, their time zones and currencies.
 */
import { z } from "zod";
import { listJurisdictions, publishedRules } from "../db/rules-repo.js";
import type { AppDeps } from "../deps.js";
import { defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { calendarDate, countryCode } from "../schemas/common.js";
import { jurisdictionsAnswerSchema, rulesAnswerSchema } from "../schemas/rule.js";

const query = z.object({ jurisdiction: countryCode, on: calendarDate.optional() });

const rulesRoute = defineRoute({
  method: "get",
  path: "/v1/rules",
  tags: ["public"],
  request: { query },
  responses: {
    200: jsonResponse("Rule versions with their legal sources", rulesAnswerSchema),
    ...problemResponses(422),
  },
});
const jurisdictionsRoute = defineRoute({
  method: "get",
  path: "/v1/jurisdictions",
  tags: ["public"],
  responses: { 200: jsonResponse("Jurisdictions, time zones and currencies", jurisdictionsAnswerSchema) },
});

export function ruleRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const app = routeFamily();
  app.openapi(rulesRoute, async (c) => {
    const { jurisdiction, on } = c.req.valid("query");
    return c.json({ jurisdiction, on: on ?? null, rules: await publishedRules(db, jurisdiction, on) });
  });
  app.openapi(jurisdictionsRoute, async (c) => c.json({ jurisdictions: await listJurisdictions(db) }));
  return app;
}
