/**
 * A platform's own account (platform key; authorisation once for the family with `use`).
 *
 * POST /v1/platforms/me/webhook-secrets  {overlap_s?}  -> 201 {webhook_secret (shown once), previous_secret_expires_at}
 *   Rotates the calling platform's webhook secret; the previous one keeps verifying deliveries until
 *   previous_secret_expires_at (default 24 h, at most 7 days; src/security/webhook-secrets.ts).
 *   The rotation and its audit row are one batch (a platform's own key changes are audited like the
 *   operator's): src/accounts/platforms.ts `rotateWebhookSecret`.
 */
import { rotateWebhookSecret } from "../accounts/platforms.js";
import type { AppDeps } from "../deps.js";
import { requireRole } from "../http/auth.js";
import { limitBody, optionalJsonOf } from "../http/limits.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { rotationInput, rotationOutput } from "../schemas/accounts.js";

const rotate = defineRoute({
  method: "post",
  path: "/v1/platforms/me/webhook-secrets",
  tags: ["platform"],
  security: bearerAuth,
  middleware: [limitBody(4096)] as const,
  request: { body: { content: { "application/json": { schema: rotationInput } }, required: false } },
  responses: {
    201: jsonResponse("Rotated; the new secret is shown once", rotationOutput),
    ...problemResponses(400, 401, 403, 413, 415, 422),
  },
});

export function platformAccountRoutes(deps: AppDeps) {
  const app = routeFamily();
  app.use("/v1/platforms/me/*", requireRole(deps, "platform"));
  app.openapi(rotate, async (c) => {
    const { overlap_s } = await optionalJsonOf(c, rotationInput);
    return c.json(await rotateWebhookSecret(deps, c.var.principal, "self", overlap_s), 201);
  });
  return app;
}
