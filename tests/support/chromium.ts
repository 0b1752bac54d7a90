/**
 * Which Chromium the browser tests drive, with no download and no apt step:
 * - `CHROMIUM_PATH=/path/to/chrome`: that binary (it must exist);
 * - `CHROMIUM_PATH=packaged`: the headless Chromium shipped inside the npm package `@sparticuz/chromium`
 *   (a devDependency, pinned), even when a system Chromium is installed: this is how a machine without
 *   Chromium is simulated (`CHROMIUM_PATH=packaged npx vitest run tests/browser`);
 * - unset: Debian's `/usr/bin/chromium` when present, else the packaged one.
 *
 * The package ships its binary brotli-compressed (bin/chromium.br, with swiftshader and fonts). It is
 * inflated once per package version into node_modules/.cache/chromium-<version>/ (git-ignored with
 * node_modules): the package inflates into `os.tmpdir()`, so TMPDIR points at a private staging folder
 * for the synchronous start of that call, and the staging folder is then renamed into place, so two test
 * runs at once never see a half-written binary (the loser of the rename discards its copy). The package's
 * own fonts.conf names Lambda's paths, so a fonts.conf of ours lists the inflated fonts (Open Sans) after
 * the system's configuration when there is one, passed to the browser as FONTCONFIG_PATH: text renders
 * with real glyphs even on a machine with no fonts installed.
 */
import chromiumPackage from "@sparticuz/chromium";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** A Chromium to launch: its executable and the extra arguments it needs. */
export interface ChromiumChoice {
  source: "system" | "packaged" | "env";
  executablePath: string;
  /** Arguments beyond playwright's own. */
  args: string[];
  /** The browser's environment (playwright's `env`): the process's, plus FONTCONFIG_PATH for the packaged build. */
  env: Record<string, string>;
}

const COMMON_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Resolves the Chromium to use from CHROMIUM_PATH (see the module comment); throws when a named path is missing. */
export async function chooseChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumChoice> {
  const wanted = env.CHROMIUM_PATH?.trim();
  const processEnv = Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  if (wanted && wanted !== "packaged") {
    if (!existsSync(wanted))
      throw new Error(
        `CHROMIUM_PATH=${wanted} does not exist (use CHROMIUM_PATH=packaged for the npm package's Chromium)`,
      );
    return { source: "env", executablePath: wanted, args: COMMON_ARGS, env: processEnv };
  }
  if (!wanted && existsSync(SYSTEM_CHROMIUM))
    return { source: "system", executablePath: SYSTEM_CHROMIUM, args: COMMON_ARGS, env: processEnv };
  const executablePath = await inflatePackagedChromium();
  return {
    source: "packaged",
    executablePath,
    args: COMMON_ARGS,
    env: { ...processEnv, FONTCONFIG_PATH: dirname(executablePath) },
  };
}

/** Inflates @sparticuz/chromium's binary once per version; returns the path of the executable. */
async function inflatePackagedChromium(): Promise<string> {
  const require = createRequire(import.meta.url);
  const packageJson = join(dirname(require.resolve("@sparticuz/chromium")), "..", "..", "package.json");
  const { version } = JSON.parse(readFileSync(packageJson, "utf8")) as { version: string };
  const cacheRoot = fileURLToPath(new URL("../../node_modules/.cache/", import.meta.url));
  const finalDir = join(cacheRoot, `chromium-${version}`);
  const executable = join(finalDir, "chromium");
  if (existsSync(executable)) return executable;

  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(join(cacheRoot, "chromium-staging-"));
  const previousTmp = process.env.TMPDIR;
  let inflating: Promise<string>;
  try {
    // The package reads os.tmpdir() synchronously before its first await, for every file it inflates.
    process.env.TMPDIR = staging;
    inflating = chromiumPackage.executablePath();
  } finally {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  }
  const inflated = await inflating;
  if (inflated !== join(staging, "chromium"))
    throw new Error(`@sparticuz/chromium inflated to ${inflated}, not into ${staging}`);
  writeFileSync(
    join(staging, "fonts.conf"),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${join(finalDir, "fonts", "fonts")}</dir>\n  <cachedir>${join(finalDir, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
  );
  try {
    renameSync(staging, finalDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(executable)) throw error;
  }
  return executable;
}
