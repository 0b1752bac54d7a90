/**
 * createApp(deps): the one Hono app, served by Node (src/server.ts) and Cloudflare Workers (src/worker.ts).
 * Installs the request id, the RFC 9457 error handler and every route family; does no I/O of its own.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { AppDeps } from "./deps.js";
import type { AppEnv } from "./http/auth.js";
import { problemOf, problemResponse, ProblemError } from "./http/problem.js";
import { adminRoutes } from "./routes/admin.js";
import { payoutRoutes } from "./routes/payouts.js";
import { reportRoutes } from "./routes/reports.js";
import { ruleRoutes } from "./routes/rules.js";
import { workerRoutes } from "./routes/workers.js";

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, { ...error.problem, instance: c.get("requestId") }, error.headers);
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(c, problemOf("invalid-request", error.status, error.message || "the request is not valid", { instance: c.get("requestId") }));
    }
    console.error(`[${c.get("requestId")}]`, error);
    return problemResponse(c, problemOf("internal-error", 500, "an unexpected error occurred; nothing was recorded by this request unless its result said so", { instance: c.get("requestId") }));
  });
  app.notFound((c) => problemResponse(c, problemOf("not-found", 404, `no route for ${c.req.method} ${new URL(c.req.url).pathname}`)));
  app.get("/health", (c) => c.json({ status: "ok" }));
  app.route("/", payoutRoutes(deps));
  app.route("/", ruleRoutes(deps));
  app.route("/", adminRoutes(deps));
  app.route("/", reportRoutes(deps));
  app.route("/", workerRoutes(deps));
  return app;
}

export type App = ReturnType<typeof createApp>;
