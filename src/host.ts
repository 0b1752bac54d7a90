/**
 * What the runtime serving the app provides beside its dependencies (src/deps.ts), built once per
 * process on Node (src/node-host.ts) and once per isolate on Workers (src/worker-host.ts):
 * - `docsScript()`: the API reference's browser script, the standalone build of the installed package
 *   @scalar/api-reference (read from node_modules on Node, a text module of the bundle on Workers),
 *   answered as a 200 Response with its body; never fetched from a CDN;
 * - `metrics`: the in-memory request and event counters scraped at GET /metrics (per process on Node,
 *   per isolate on Workers);
 * - `log`: the structured logger (src/observability/logging.ts): stdout on Node, console.log on Workers.
 */
import type { Logger } from "./observability/logging.js";
import type { Metrics } from "./observability/metrics.js";

export interface AppHost {
  docsScript(): Promise<Response>;
  metrics: Metrics;
  log: Logger;
}
