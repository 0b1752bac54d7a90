/**
 * The Workers host of the app (src/host.ts), used by src/worker.ts:
 * - the API reference's script: the installed @scalar/api-reference package's browser build, bundled as
 *   a text module (wrangler.toml [[rules]] type Text; about 1.1 MB of the gzipped bundle). Not a static
 *   asset: with `[assets]`, the local runtime of this wrangler (miniflare 4.20260426) answers the Cron
 *   Triggers' scheduled events with an exception (cloudflare/workers-sdk#9882, fixed in later versions);
 * - one metrics registry per isolate (module state: an isolate serves many requests, and each request
 *   builds its app, src/worker.ts), so a scrape shows what the isolate that answers it has seen;
 * - logs as JSON lines through console.log, which Workers Logs index by field, from the level of the
 *   LOG_LEVEL variable (info, warn or error; default info; the workerd tests run at warn).
 */
// A relative path: wrangler applies its module rules to the import path and reads the file it names.
import scalarScript from "../node_modules/@scalar/api-reference/dist/browser/standalone.js";
import { z } from "zod";
import type { AppHost } from "./host.js";
import { jsonLogger, LOG_LEVELS } from "./observability/logging.js";
import { Metrics } from "./observability/metrics.js";

const isolateMetrics = new Metrics();
const logLevel = z.enum(LOG_LEVELS).catch("info");

/** The host of one request, from the Worker's LOG_LEVEL variable (an unknown value counts as info). */
export function workerHost(bindings: Readonly<Record<string, unknown>>): AppHost {
  return {
    docsScript: async () => new Response(scalarScript),
    metrics: isolateMetrics,
    log: jsonLogger((line) => console.log(line), logLevel.parse(bindings.LOG_LEVEL)),
  };
}
