/**
 * OpenAPI 3.1 for the app (served at /openapi.json, rendered at /docs): route definitions are built
 * with @hono/zod-openapi `createRoute` from the same zod schemas that validate the requests.
 *
 * - `problemResponses(...statuses)`: the RFC 9457 problem+json responses of a route (schema `Problem`).
 * - `defineRoute(config)`: `createRoute` with the response map widened, so handlers may answer with any
 *   Response (problem+json, CSV, HTML) besides the documented JSON.
 * - `openApiHook`: the OpenAPIHono `defaultHook`, the same 422 problem as src/http/validation.ts.
 * - Security schemes: `apiKey` (Authorization: Bearer clk_...), `webhookSignature` (Standard Webhooks headers).
 */
import { createRoute, OpenAPIHono, type z, type RouteConfig } from "@hono/zod-openapi";
import type { AppEnv } from "./auth.js";
import { problemSchema } from "../schemas/problem.js";
import { validationHook } from "./validation.js";

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (problem+json)",
  401: "Missing, invalid, revoked or expired credentials (problem+json)",
  403: "The credentials do not allow this (problem+json)",
  404: "Not found (problem+json)",
  409: "Conflict (problem+json)",
  413: "Body too large (problem+json)",
  415: "Body is not application/json (problem+json)",
  422: "Validation failed; `errors` lists the fields (problem+json)",
  503: "The ledger is busy; retry (problem+json)",
};

export type ResponseMap = RouteConfig["responses"];

/** The problem+json responses for `statuses`, to spread into a route's `responses`. */
export function problemResponses(...statuses: number[]): ResponseMap {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? "Error (problem+json)",
        content: { "application/problem+json": { schema: problemSchema } },
      },
    ]),
  );
}

/** A JSON response documented by `schema` (every JSON response has one: tests/openapi.test.ts). */
export function jsonResponse(description: string, schema: z.ZodType): ResponseMap[string] {
  return { description, content: { "application/json": { schema } } };
}

/** Bearer API key security requirement, for `security` of a route. */
export const bearerAuth = [{ apiKey: [] }];

/** `createRoute` keeping the request types (params, query, json) and widening the responses, so a handler may return any Response. */
export function defineRoute<const R extends Omit<RouteConfig, "responses">>(
  config: R & { responses: ResponseMap },
): R & { responses: ResponseMap; getRoutingPath(): string } {
  return createRoute(config as R & RouteConfig) as R & { responses: ResponseMap; getRoutingPath(): string };
}

/** OpenAPIHono `defaultHook`: invalid input -> 422 problem+json (thrown, rendered by the app's error handler). */
export const openApiHook = (result: Parameters<typeof validationHook>[0]): void => validationHook(result);

/** A route family: an OpenAPIHono whose validation failures are the 422 problem. */
export function routeFamily(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: openApiHook });
}

/** Registers the security schemes the routes name. */
export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description:
      "API key `clk_<role>_...`: the operator's key (admin, from ADMIN_API_KEY), a platform key or an agency key (scoped to its jurisdictions). Revoked keys get 401.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "webhookSignature", {
    type: "apiKey",
    in: "header",
    name: "webhook-signature",
    description:
      'Standard Webhooks: `webhook-id`, `webhook-timestamp` (Unix s, ±300 s) and `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{raw body}">` under the platform\'s whsec_ secret (any currently valid one during a rotation overlap).',
  });
}
