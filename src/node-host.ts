/**
 * The Node host of the app (src/host.ts), used by src/server.ts and the local instances of tests and
 * scripts: the API reference's script read once from the installed @scalar/api-reference package
 * (its `./browser/standalone.js` export), and one metrics registry for the process.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AppHost } from "./host.js";
import { jsonLogger, type LogSink } from "./observability/logging.js";
import { Metrics } from "./observability/metrics.js";

let script: Promise<Buffer> | undefined;

/** Writes a log line to standard output. */
export const stdoutSink: LogSink = (line) => void process.stdout.write(`${line}\n`);

/** A host for one app on Node, logging to `sink`; each call has its own metrics. The docs script rejects if the package is missing. */
export function nodeHost(sink: LogSink = stdoutSink): AppHost {
  return {
    async docsScript() {
      // Resolved on first use, so that importing this module costs nothing where it is never used (the
      // workerd tests load scripts/lib/ modules that import it).
      script ??= readFile(
        createRequire(import.meta.url).resolve("@scalar/api-reference/browser/standalone.js"),
      );
      return new Response(new Uint8Array(await script));
    },
    metrics: new Metrics(),
    log: jsonLogger(sink),
  };
}
