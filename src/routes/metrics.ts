/**
 * GET /metrics — admin: Prometheus text exposition (format 0.0.4) of this process's (Node) or isolate's
 * (Workers) request and event counters (src/observability/metrics.ts), and gauges read from every ledger
 * shard at scrape time (src/ledger/ledger-gauges.ts), so they are the same whichever instance is scraped:
 * - `ledger_seal_lag_events`: events written and not yet sealed into the hash chain;
 * - `ledger_last_event_seq`: the ledger sequence of the last event written;
 * - `ledger_period_last_close_timestamp_seconds{jurisdiction,period}`: per jurisdiction, the latest
 *   closed period and when it was closed (Unix seconds).
 */
import type { AppDeps } from "../deps.js";
import type { AppHost } from "../host.js";
import { requireRole } from "../http/auth.js";
import { bearerAuth, defineRoute, problemResponses, routeFamily } from "../http/openapi.js";
import { readLedgerGauges } from "../ledger/ledger-gauges.js";
import type { Gauge } from "../observability/metrics.js";

export const METRICS_PATH = "/metrics";
export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const metricsRoute = defineRoute({
  method: "get",
  path: METRICS_PATH,
  tags: ["admin"],
  security: bearerAuth,
  responses: {
    200: {
      description: "Prometheus text exposition format 0.0.4",
      content: { "text/plain": { schema: { type: "string" } } },
    },
    ...problemResponses(401, 403),
  },
});

/**
 * The database gauges (see the module doc). With one ledger shard the per-shard series carry no label,
 * as before shards existed; with several, each sample is labelled with its `shard`.
 */
async function databaseGauges(deps: AppDeps): Promise<Gauge[]> {
  const { sequences, closes } = await readLedgerGauges(deps.ledger);
  const labels = (shard: string): Record<string, string> => (sequences.length > 1 ? { shard } : {});
  return [
    {
      name: "ledger_seal_lag_events",
      help: "Events written and not yet sealed into the hash chain.",
      samples: sequences.map((s) => ({ labels: labels(s.shard), value: s.lastEvent - s.lastSealed })),
    },
    {
      name: "ledger_last_event_seq",
      help: "Ledger sequence of the last event written.",
      samples: sequences.map((s) => ({ labels: labels(s.shard), value: s.lastEvent })),
    },
    {
      name: "ledger_period_last_close_timestamp_seconds",
      help: "Per jurisdiction, the latest closed contribution period and its close time (Unix seconds).",
      samples: closes.map((r) => ({
        labels: { jurisdiction: r.jurisdiction, period: r.period },
        value: Math.floor(Date.parse(r.closedAt) / 1000),
      })),
    },
  ];
}

export function metricsRoutes(deps: AppDeps, host: AppHost) {
  const app = routeFamily();
  app.use(METRICS_PATH, requireRole(deps, "admin"));
  app.openapi(metricsRoute, async (c) =>
    c.body(host.metrics.render(await databaseGauges(deps)), 200, { "content-type": METRICS_CONTENT_TYPE }),
  );
  return app;
}
