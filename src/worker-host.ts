/**
 * The Workers host of the app (src/host.ts), used by src/worker.ts:
 * - the API reference's script from the Worker's static assets (wrangler.toml `[assets]`, binding
 *   ASSETS, whose directory is the installed @scalar/api-reference package's browser build), so the
 *   script is uploaded with the Worker but is not part of its bundle (nor of its size limit);
 * - one metrics registry per isolate (module state: an isolate serves many requests, and each request
 *   builds its app, src/worker.ts), so a scrape shows what the isolate that answers it has seen;
 * - logs as JSON lines through console.log, which Workers Logs index by field, from the level of the
 *   LOG_LEVEL variable (info, warn or error; default info; the workerd tests run at warn).
 */
import { z } from "zod";
import type { AppHost } from "./host.js";
import { jsonLogger, LOG_LEVELS } from "./observability/logging.js";
import { Metrics } from "./observability/metrics.js";

/** The static assets binding (Fetcher): answers a request for a file of the assets directory. */
export interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

/** The file of the assets directory that is the API reference's script. */
const SCALAR_ASSET = "https://assets.invalid/standalone.js";
const isolateMetrics = new Metrics();
const logLevel = z.enum(LOG_LEVELS).catch("info");

/**
 * The host of one request, from the Worker's bindings: ASSETS (when it is missing, the docs script
 * fails with a message naming it) and LOG_LEVEL (an unknown value counts as info).
 */
export function workerHost(bindings: { ASSETS?: AssetsBinding; LOG_LEVEL?: unknown }): AppHost {
  const { ASSETS: assets } = bindings;
  return {
    async docsScript() {
      if (!assets) throw new Error("no ASSETS binding: wrangler.toml [assets] serves the API reference's script");
      const res = await assets.fetch(new Request(SCALAR_ASSET));
      if (!res.ok) throw new Error(`the ASSETS binding answered ${res.status} for the API reference's script`);
      return res;
    },
    metrics: isolateMetrics,
    log: jsonLogger((line) => console.log(line), logLevel.parse(bindings.LOG_LEVEL)),
  };
}
