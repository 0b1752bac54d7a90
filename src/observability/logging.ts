/**
 * Structured logs: one JSON object per line, the same fields on Node and Workers (where Workers Logs
 * index JSON lines by field). Every record carries `time` (RFC 3339, UTC), `level` and `msg`; records
 * about a request carry its `request_id` (the X-Request-Id of the response and the `instance` of a
 * problem). Records never hold a body, a header value, a query or a raw path (a path may carry a worker
 * link's token): routes are named by their pattern (`/w/:token`).
 */
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { Context } from "hono";
import type { Metrics } from "./metrics.js";

export interface LogRecord {
  level: LogLevel;
  msg: string;
  request_id?: string;
  [field: string]: string | number | boolean | undefined;
}

/** Where records go: a line writer (stdout on Node, console.log on Workers, a collector in tests). */
export type LogSink = (line: string) => void;

export const LOG_LEVELS = ["info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A logger writing each `record` at `minLevel` or above, with its time, as one JSON line to `sink`. */
export function jsonLogger(sink: LogSink, minLevel: LogLevel = "info", now: () => Date = () => new Date()) {
  const min = LOG_LEVELS.indexOf(minLevel);
  return (record: LogRecord): void => {
    if (LOG_LEVELS.indexOf(record.level) >= min)
      sink(JSON.stringify({ time: now().toISOString(), ...record }));
  };
}
export type Logger = ReturnType<typeof jsonLogger>;

/** The matched route pattern of the request that answered (`unmatched` for a 404 of no route). */
export function routeOf(c: Context): string {
  const last = matchedRoutes(c).at(-1);
  return last && last.method !== "ALL" ? last.path : "unmatched";
}

/**
 * Middleware: after each request, one `request` record (request_id, method, route, status,
 * duration_ms) and the request's sample in `metrics`. Install it after the request id middleware.
 */
export function observeRequests(log: Logger, metrics: Metrics) {
  return createMiddleware<{ Variables: { requestId: string } }>(async (c, next) => {
    const started = performance.now();
    await next();
    const durationMs = performance.now() - started;
    const route = routeOf(c);
    metrics.observeRequest(route, c.req.method, c.res.status, durationMs / 1000);
    log({
      level: c.res.status >= 500 ? "error" : "info",
      msg: "request",
      request_id: c.get("requestId"),
      method: c.req.method,
      route,
      status: c.res.status,
      duration_ms: Math.round(durationMs * 1000) / 1000,
    });
  });
}
