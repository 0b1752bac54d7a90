/**
 * createApp(deps): the one Hono app, served by Node (src/server.ts) and Cloudflare Workers (src/worker.ts).
 * Installs the request id (X-Request-Id on every response, errors and 404s included), the RFC 9457 error
 * handler, a body limit on every route (APP_BODY_LIMIT_BYTES, 413; routes set smaller ones), every route
 * family, and the OpenAPI 3.1 document of them all (GET /openapi.json, built from the route definitions'
 * zod schemas; interactive documentation at GET /docs, served offline).
 * Every request is logged as one JSON line with its request id and counted in the host's metrics
 * (src/observability/, scraped at GET /metrics). Does no I/O of its own: what differs between Node and
 * Workers (the docs script, the log sink, the metrics registry) comes from `host` (src/host.ts).
 */
import { z } from "zod";
import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { AppDeps } from "./deps.js";
import type { AppHost } from "./host.js";
import type { AppEnv } from "./http/auth.js";
import { defineRoute, jsonResponse, registerSecuritySchemes, routeFamily } from "./http/openapi.js";
import { APP_BODY_LIMIT_BYTES, limitBody } from "./http/limits.js";
import { DomainError } from "./domain/errors.js";
import { problemOf, problemOfDomainError, problemResponse, ProblemError } from "./http/problem.js";
import { observeRequests } from "./observability/logging.js";
import { adminRoutes } from "./routes/admin.js";
import { agencyRoutes } from "./routes/agency.js";
import { docsRoutes } from "./routes/docs.js";
import { metricsRoutes } from "./routes/metrics.js";
import { schemaRoutes } from "./routes/schemas.js";
import { payoutRoutes } from "./routes/payouts.js";
import { periodRoutes } from "./routes/periods.js";
import { platformAccountRoutes } from "./routes/platform-account.js";
import { receiptRoutes } from "./routes/receipts.js";
import { reportRoutes } from "./routes/reports.js";
import { ruleRoutes } from "./routes/rules.js";
import { statementRoutes } from "./routes/statements.js";
import { workerRoutes } from "./routes/workers.js";
import { disputeRoutes } from "./routes/disputes.js";
import { platformWorkRoutes } from "./routes/platform-work.js";
import { workerDisputeRoutes } from "./routes/worker-disputes.js";

export const OPENAPI_PATH = "/openapi.json";

const health = defineRoute({
  method: "get",
  path: "/health",
  tags: ["public"],
  responses: { 200: jsonResponse("The service is up", z.object({ status: z.literal("ok") })) },
});

export function createApp(deps: AppDeps, host: AppHost) {
  const app = routeFamily();
  app.use(requestId());
  app.use(observeRequests(host.log, host.metrics));
  app.use(async (c, next) => {
    c.set("metrics", host.metrics);
    await next();
  });
  app.use(limitBody(APP_BODY_LIMIT_BYTES));
  app.onError(errorHandler(host));
  app.notFound((c) =>
    problemResponse(
      c,
      problemOf("not-found", 404, `no route for ${c.req.method} ${new URL(c.req.url).pathname}`, {
        instance: c.get("requestId"),
      }),
    ),
  );
  mountRoutes(app, deps, host);
  serveOpenApiDocument(app, deps);
  return app;
}

type AppFamily = ReturnType<typeof routeFamily>;

/**
 * The app's error handler: a ProblemError or a DomainError as its problem+json, an HTTPException under 500
 * as an `invalid-request` problem, anything else logged (with its stack) and answered as a 500 problem.
 */
function errorHandler(host: AppHost): ErrorHandler<AppEnv> {
  return (error, c) => {
    if (error instanceof ProblemError)
      return problemResponse(c, { ...error.problem, instance: c.get("requestId") }, error.headers);
    if (error instanceof DomainError) {
      const { problem, headers } = problemOfDomainError(error);
      return problemResponse(c, { ...problem, instance: c.get("requestId") }, headers);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(
        c,
        problemOf("invalid-request", error.status, error.message || "the request is not valid", {
          instance: c.get("requestId"),
        }),
      );
    }
    host.log({
      level: "error",
      msg: "unhandled error",
      request_id: c.get("requestId"),
      error: String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return problemResponse(
      c,
      problemOf(
        "internal-error",
        500,
        "an unexpected error occurred; nothing was recorded by this request unless its result said so",
        { instance: c.get("requestId") },
      ),
    );
  };
}

/** Mounts GET /health and every route family at the root. */
function mountRoutes(app: AppFamily, deps: AppDeps, host: AppHost): void {
  app.openapi(health, (c) => c.json({ status: "ok" as const }, 200));
  app.route("/", payoutRoutes(deps));
  app.route("/", receiptRoutes(deps));
  app.route("/", ruleRoutes(deps));
  app.route("/", adminRoutes(deps));
  app.route("/", platformAccountRoutes(deps));
  app.route("/", agencyRoutes(deps));
  app.route("/", reportRoutes(deps));
  app.route("/", periodRoutes(deps));
  app.route("/", statementRoutes(deps));
  app.route("/", workerRoutes(deps));
  app.route("/", workerDisputeRoutes(deps));
  app.route("/", disputeRoutes(deps));
  app.route("/", platformWorkRoutes(deps));
  app.route("/", metricsRoutes(deps, host));
  app.route("/", docsRoutes(host, OPENAPI_PATH));
  app.route("/", schemaRoutes());
}

/** Registers the security schemes and serves the OpenAPI 3.1 document of every route at OPENAPI_PATH. */
function serveOpenApiDocument(app: AppFamily, deps: AppDeps): void {
  registerSecuritySchemes(app);
  app.openAPIRegistry.registerPath({
    method: "get",
    path: OPENAPI_PATH,
    tags: ["public"],
    responses: { 200: { description: "This OpenAPI 3.1 document" } },
  });
  app.doc31(OPENAPI_PATH, (c) => ({
    openapi: "3.1.0",
    info: {
      title: "contribution-ledger",
      version: "0.1.0",
      description:
        "Append-only micro-ledger of social protection contributions for digital-platform workers. Errors are RFC 9457 application/problem+json (schema Problem); every response carries X-Request-Id.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: deps.publicUrl ?? new URL(c.req.url).origin }],
  }));
}

export type App = ReturnType<typeof createApp>;
