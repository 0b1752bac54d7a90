/**
 * GET /docs — public: the interactive API reference of GET /openapi.json (Scalar, rendered by
 * @scalar/hono-api-reference), and GET /docs/assets/scalar-api-reference.js — its browser script,
 * served by this service from the installed @scalar/api-reference package (AppHost.docsScript), so the
 * page references no host but the service's own and renders with no network (air-gapped deployments).
 * Scalar's web fonts (a CDN), telemetry and its AI agent (which queries Scalar's registry) are switched
 * off; the page uses the system fonts.
 */
import { Scalar } from "@scalar/hono-api-reference";
import type { AppHost } from "../host.js";
import { routeFamily } from "../http/openapi.js";

export const DOCS_PATH = "/docs";
export const DOCS_SCRIPT_PATH = "/docs/assets/scalar-api-reference.js";

/** The two routes; `openApiPath` is the document the page renders (a same-origin path). */
export function docsRoutes(host: AppHost, openApiPath: string) {
  const app = routeFamily();
  app.get(
    DOCS_PATH,
    Scalar({
      url: openApiPath,
      pageTitle: "contribution-ledger API",
      cdn: DOCS_SCRIPT_PATH,
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
    }),
  );
  app.get(DOCS_SCRIPT_PATH, async () => {
    const script = await host.docsScript();
    return new Response(script.body, {
      status: 200,
      headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600" },
    });
  });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: DOCS_PATH,
    tags: ["public"],
    responses: {
      200: { description: "Interactive documentation of this API (HTML; every asset from this service)" },
    },
  });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: DOCS_SCRIPT_PATH,
    tags: ["public"],
    responses: {
      200: { description: "The API reference's script (@scalar/api-reference, from the installed package)" },
    },
  });
  return app;
}
