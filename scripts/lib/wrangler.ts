/**
 * Runs the project's own wrangler (node_modules/wrangler, the version in package.json) from the project
 * root, kept off the network for local work: no usage metrics (WRANGLER_SEND_METRICS), no banner and
 * so no npm update check (WRANGLER_HIDE_BANNER), no download of the `request.cf` sample
 * (CLOUDFLARE_CF_FETCH_ENABLED). Values already in the environment win.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");

export const OFFLINE_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
} as const;

const env = () => ({ ...OFFLINE_WRANGLER_ENV, ...process.env });

/** Puts OFFLINE_WRANGLER_ENV into this process's environment (values already set win), for wrangler's API run in-process. */
export function useOfflineWranglerEnv(): void {
  for (const [name, value] of Object.entries(OFFLINE_WRANGLER_ENV)) process.env[name] ??= value;
}

/** Runs `wrangler <args>` to completion; returns its stdout, throws with its output when it fails. */
export function runWrangler(args: readonly string[]): string {
  const result = spawnSync(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: env(),
  });
  if (result.status !== 0)
    throw new Error(
      `wrangler ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`,
    );
  return result.stdout;
}

/** Starts `wrangler <args>` in the background with inherited stdio (for `wrangler dev`). */
export function spawnWrangler(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, stdio: "inherit", env: env() });
}
