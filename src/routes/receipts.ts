/**
 * Signed receipts and the keys that check them (README "Signed receipts").
 *
 * GET /v1/receipts/{event_id}   (platform key)  -> 200 SignedReceipt of one of the platform's events
 *   (src/receipts/receipt.ts; `chain` filled in once sealed), 404 when the platform has no such event.
 *   The worker's own copy is GET /w/{token}/receipts/{platform}/{event_id} (src/routes/workers.ts).
 * GET /.well-known/contribution-ledger/keys.json   (public)  -> 200 the JWKS (RFC 7517) of the receipt
 *   keys: the current signing key first, then the previous ones (src/security/receipt-keys.ts);
 *   `Cache-Control: public, max-age=300`.
 * GET /verify   (public)  -> 200 the verification page (src/pages/verify-page.tsx) in en/fr/es
 *   (`?lang=`, else Accept-Language); its one inline script runs under a per-response CSP nonce, and it
 *   may fetch only this origin (the key set).
 */
import { z } from "zod";
import { languageDetector } from "hono/language";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { AppDeps } from "../deps.js";
import { requireRole } from "../http/auth.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { DEFAULT_LOCALE, isLocale, LANGUAGE_DETECTION } from "../i18n/locales.js";
import { verifyPageHtml } from "../pages/verify-page.js";
import { signedReceiptSchema } from "../schemas/receipt.js";
import { ledgerDatabases } from "../ledger/shard-router.js";
import { platformReceipt } from "../receipts/receipt-store.js";
import { publishedJwksSchema } from "../security/receipt-keys.js";

export const KEYS_PATH = "/.well-known/contribution-ledger/keys.json";
export const VERIFY_PATH = "/verify";

const eventParam = z.object({
  event_id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .describe("the platform's event id"),
});

const receiptRoute = defineRoute({
  method: "get",
  path: "/v1/receipts/{event_id}",
  tags: ["platform"],
  security: bearerAuth,
  request: { params: eventParam },
  responses: {
    200: jsonResponse("The event's signed receipt", signedReceiptSchema),
    ...problemResponses(401, 403, 404, 422, 429),
  },
});

const keysRoute = defineRoute({
  method: "get",
  path: KEYS_PATH,
  tags: ["public"],
  responses: {
    200: jsonResponse(
      "The public keys of receipts and report signatures (JWKS): the current key first, then previous ones",
      publishedJwksSchema,
    ),
  },
});

const verifyRoute = defineRoute({
  method: "get",
  path: VERIFY_PATH,
  tags: ["public"],
  request: {
    query: z.object({
      lang: z.string().optional().describe("en, fr or es; anything else falls back to Accept-Language"),
    }),
  },
  responses: {
    200: {
      description: "A page that checks a pasted receipt or report signature in the browser (HTML)",
      content: { "text/html": { schema: z.string() } },
    },
  },
});

export function receiptRoutes(deps: AppDeps) {
  const app = routeFamily();
  app.use("/v1/receipts/*", requireRole(deps, "platform"));
  app.openapi(receiptRoute, async (c) => {
    const principal = c.var.principal as Extract<typeof c.var.principal, { role: "platform" }>;
    const { event_id: eventId } = c.req.valid("param");
    const ledgerDbs = ledgerDatabases(deps.ledger);
    const platform = { id: principal.platformId, slug: principal.slug };
    const receipt = await platformReceipt(ledgerDbs, deps.receiptSigner, platform, eventId);
    return c.json(receipt, 200, { "cache-control": "no-store" });
  });
  app.openapi(keysRoute, (c) =>
    c.json(deps.receiptSigner.jwks, 200, {
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    }),
  );
  const pageHeaders = secureHeaders({
    referrerPolicy: "no-referrer",
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: [NONCE],
      styleSrc: ["'unsafe-inline'"],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });
  app.openapi(
    { ...verifyRoute, middleware: [pageHeaders, languageDetector(LANGUAGE_DETECTION)] as const },
    async (c) => {
      const language = c.get("language");
      const locale = isLocale(language) ? language : DEFAULT_LOCALE;
      return c.html(await verifyPageHtml(locale, c.get("secureHeadersNonce") ?? "", KEYS_PATH), 200, {
        "content-language": locale,
        vary: "accept-language",
      });
    },
  );
  return app;
}
