/**
 * The real service in its own process, as `npm start` runs it (src/server.ts through bench/lib/server-main.ts):
 * an embedded libSQL file, migrated and seeded at start, keys from the environment, listening on a free
 * loopback port. Used by the benchmarks (so that the load generator does not share the server's event
 * loop) and by the robustness tests (kill -9 and restart on the same file and keys; two servers on one file).
 *
 * startServerProcess({dbPath, keys?, nodeArgs?}) resolves once the server printed its "listening on" line
 * (rejects with its output when it exits first or after `readyTimeoutMs`, default 60 s).
 * With BENCH_CPU_PROF=<directory> in the environment every server runs with `node --cpu-prof` and writes
 * its profile there when stopped (summarise it with bench/profile-summary.ts).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateKeys, type KeysConfig } from "../../src/config.js";
import { operatorClient, type OperatorClient } from "../../scripts/lib/operator-client.js";

const SERVER_MAIN = fileURLToPath(new URL("./server-main.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAX_LOG_CHARS = 20_000;

export interface ServerProcess extends OperatorClient {
  baseUrl: string;
  pid: number;
  dbPath: string;
  keys: KeysConfig;
  /** Resident set size now and its peak so far (VmRSS, VmHWM of /proc/<pid>/status), KiB; undefined once exited. */
  memoryKb(): { rssKb: number; peakKb: number } | undefined;
  /** CPU time the process has used so far (user + system, /proc/<pid>/stat), ms; undefined once exited. */
  cpuMs(): number | undefined;
  /** SIGTERM (a clean exit that writes a --cpu-prof profile) and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (kill -9: no cleanup at all) and wait for the exit. */
  kill9(): Promise<void>;
  /** Last output of the process (stdout and stderr), for error messages. */
  log(): string;
}

/** Fresh random keys for a benchmark server (src/config.ts generateKeys). */
export function newServerKeys(): KeysConfig {
  return generateKeys("bench");
}

export interface ServerOptions {
  /** The libSQL file (created, migrated and seeded by the server when new). */
  dbPath: string;
  /** Keys from the environment (default: fresh ones); pass the same keys to restart on the same file. */
  keys?: KeysConfig;
  /** Extra node flags, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"]. */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}

function procStatusKb(pid: number): { rssKb: number; peakKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rssKb: field("VmRSS"), peakKb: field("VmHWM") };
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

function procCpuMs(pid: number): number | undefined {
  try {
    // Fields after the ")" that ends the command name: state is field 3, utime 14 and stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

export async function startServerProcess(options: ServerOptions): Promise<ServerProcess> {
  const keys = options.keys ?? newServerKeys();
  const profiling = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    ["--import", "tsx", ...profiling, ...(options.nodeArgs ?? []), SERVER_MAIN],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...keys,
        DATABASE_URL: `file:${options.dbPath}`,
        DATABASE_AUTH_TOKEN: "",
        PORT: "0",
        HOST: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-MAX_LOG_CHARS);
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // A benchmark or test that dies before stop() must not leave its server running.
  const orphanGuard = () => child.kill("SIGKILL");
  process.once("exit", orphanGuard);
  void exited.then(() => process.off("exit", orphanGuard));

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server not ready after ${options.readyTimeoutMs ?? 60_000} ms:\n${output}`)),
      options.readyTimeoutMs ?? 60_000,
    );
    const onData = () => {
      const match = /listening on (http:\/\/[0-9.:]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolve(match[1]!);
    };
    child.stdout.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });

  const operator = operatorClient(baseUrl, keys.ADMIN_API_KEY);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    baseUrl,
    pid: child.pid!,
    dbPath: options.dbPath,
    keys,
    ...operator,
    memoryKb: () => procStatusKb(child.pid!),
    cpuMs: () => procCpuMs(child.pid!),
    stop: () => end("SIGTERM"),
    kill9: () => end("SIGKILL"),
    log: () => output,
  };
}
