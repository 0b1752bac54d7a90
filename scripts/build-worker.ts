/**
 * `npm run build:worker`: bundles the Worker offline exactly as `wrangler deploy` would
 * (`wrangler deploy --dry-run --outdir dist --metafile`), then checks the bundle and reports its size.
 *
 * Fails (exit 1) when wrangler cannot bundle, when the gzipped bundle exceeds WORKER_GZIP_LIMIT_BYTES,
 * or when a Node-only module reached the bundle (the native libSQL client: the Worker must use
 * `@libsql/client/web`). The limit is the Workers Free plan's 3 MB of compressed script
 * (https://developers.cloudflare.com/workers/platform/limits/#worker-size; Paid: 10 MB), so the bundle
 * deploys on either plan. Sizes are measured with gzip level 9 on what is uploaded: dist/worker.js and
 * the modules wrangler writes beside it (the API reference's script, a Text module by wrangler.toml
 * [[rules]]); source maps and the metafile are not uploaded.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { ROOT, runWrangler } from "./lib/wrangler.js";

export const WORKER_GZIP_LIMIT_BYTES = 3 * 1024 * 1024;
const OUT_DIR = join(ROOT, "dist");
/** Bundle inputs that mean Node-only code reached the Worker. */
const NODE_ONLY_INPUTS = [
  /@libsql\/client\/lib-esm\/node\.js$/,
  /@libsql\/(linux|darwin|win32)-/,
  /(^|\/)libsql\/index\.js$/,
];

const metafileSchema = z.object({ inputs: z.record(z.string(), z.unknown()) });

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function main(): void {
  rmSync(OUT_DIR, { recursive: true, force: true });
  try {
    runWrangler([
      "deploy",
      "--dry-run",
      "--outdir",
      OUT_DIR,
      "--metafile",
      join(OUT_DIR, "bundle-meta.json"),
    ]);
  } catch (error) {
    console.error(`build:worker: the Worker does not bundle.\n${(error as Error).message}`);
    process.exit(1);
  }
  const script = readFileSync(join(OUT_DIR, "worker.js"));
  const modules = readdirSync(OUT_DIR).filter((name) => name !== "worker.js" && name.endsWith(".js"));
  const gzipBytes = [script, ...modules.map((name) => readFileSync(join(OUT_DIR, name)))].reduce(
    (sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length,
    0,
  );
  const inputs = Object.keys(
    metafileSchema.parse(JSON.parse(readFileSync(join(OUT_DIR, "bundle-meta.json"), "utf8"))).inputs,
  );
  const nodeOnly = inputs.filter((input) => NODE_ONLY_INPUTS.some((pattern) => pattern.test(input)));
  console.log(
    `build:worker: dist/worker.js ${kib(script.length)} and ${modules.length} more module(s), gzip ${kib(gzipBytes)} in all (limit ${kib(WORKER_GZIP_LIMIT_BYTES)}), ${inputs.length} inputs`,
  );
  if (nodeOnly.length > 0) {
    console.error(`build:worker: Node-only modules in the Worker bundle: ${nodeOnly.join(", ")}`);
    process.exitCode = 1;
  }
  if (gzipBytes > WORKER_GZIP_LIMIT_BYTES) {
    console.error(
      `build:worker: the gzipped bundle (${kib(gzipBytes)}) exceeds the Workers limit of ${kib(WORKER_GZIP_LIMIT_BYTES)}`,
    );
    process.exitCode = 1;
  }
}

main();
