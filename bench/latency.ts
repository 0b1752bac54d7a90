/**
 * Latency under load on loopback (issue "Measured speed"): single-event signed webhooks (one US payout
 * each, two rules) at 200 requests/s for 30 s against the real server in its own process, after a 5 s
 * warm-up. Target: p99 ≤ 10 ms at 200 req/s. Two ways of sending 200 req/s, both printed:
 *
 * - autocannon (overallRate 200, 10 connections). Its rate limiter (lib/httpClient.js) lets each
 *   connection send its quota for the second back to back, then pause until the next one-second tick:
 *   the server sees bursts of 10 concurrent requests at the start of every second, not a steady rate,
 *   so its latencies include that queue. Percentiles come from every response time autocannon measured
 *   (full precision), not its histogram, whose coordinated-omission correction assumes an interval of
 *   ceil(1 / rate) = 1 ms (so it is turned off: ignoreCoordinatedOmission).
 * - paced: an open-loop sender that starts one request every 5 ms whatever the answers (fetch, keep-alive),
 *   latency measured from the intended start, so a late client or a slow server cannot hide delay.
 *
 * Beside them, in the same run: GET /health the same two ways (the floor of Node's HTTP stack, loopback
 * and the load generator), and single-event webhooks as fast as 10 autocannon connections go for 10 s
 * (the single-event capacity; docs/design.md §8 asks for ahead of 2,500/s). Requests are signed with the
 * `standardwebhooks` library (synchronous, so it fits autocannon's setupRequest).
 *
 * Reports (bench/lib/result-keys.ts) `single_event_p99_vs_health_p99`: the paced webhooks' p99 ÷ the
 * paced GET /health's p99 (target ≤ 3). LATENCY_DURATION_S sets the run's length (default 30 s, or
 * 30 × BENCH_SCALE, at least 5 s, when BENCH_SCALE is set).
 */
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { usPayout } from "./lib/load.js";
import { startServerProcess, type ServerProcess } from "./lib/server-process.js";
import { reportKeys } from "./lib/result-keys.js";
import { fmt2, fmtInt, percentile, table } from "./lib/stats.js";

const RATE = 200;
const DURATION_S = Number(
  process.env.LATENCY_DURATION_S ?? Math.max(5, Math.round(30 * Number(process.env.BENCH_SCALE ?? "1"))),
);
const TARGET_P99_MS = 10;

interface LoadResult {
  label: string;
  latenciesMs: number[];
  statuses: Map<number, number>;
  durationS: number;
  serverCpu: number;
}

let sent = 0;

/** A fresh signed single-payout request (body and Standard Webhooks headers). */
function signedPayout(webhook: Webhook): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(usPayout(sent++, 1_000, "lat"));
  const id = `msg_lat_${sent}`;
  const now = new Date();
  return {
    body,
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": webhook.sign(id, now, body),
    },
  };
}

/** Open loop: one request every 1000 / rate ms for durationS, latency from each request's intended start. */
async function paced(
  server: ServerProcess,
  label: string,
  options: { secret?: string; path: string; rate: number; durationS: number },
): Promise<LoadResult> {
  const webhook = options.secret ? new Webhook(options.secret) : undefined;
  const intervalMs = 1000 / options.rate;
  const total = Math.round(options.rate * options.durationS);
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  const inFlight: Promise<void>[] = [];
  const cpu0 = server.cpuMs()!;
  const started = performance.now();
  for (let k = 0; k < total; k++) {
    const due = started + k * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = webhook ? { method: "POST", ...signedPayout(webhook) } : { method: "GET" };
    inFlight.push(
      fetch(server.baseUrl + options.path, request).then(async (res) => {
        await res.arrayBuffer();
        latenciesMs.push(performance.now() - due);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(inFlight);
  const durationS = (performance.now() - started) / 1000;
  return {
    label,
    latenciesMs,
    statuses,
    durationS,
    serverCpu: (server.cpuMs()! - cpu0) / (durationS * 1000),
  };
}

/** One autocannon run; `signed` posts a fresh signed payout per request, otherwise GET `path`. */
async function load(
  server: ServerProcess,
  label: string,
  options: { secret?: string; path: string; rate?: number; durationS: number },
): Promise<LoadResult> {
  const webhook = options.secret ? new Webhook(options.secret) : undefined;
  const setupRequest = (request: autocannon.Request): autocannon.Request =>
    webhook ? { ...request, method: "POST", ...signedPayout(webhook) } : request;
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  const cpu0 = server.cpuMs()!;
  const instance = autocannon({
    url: server.baseUrl + options.path,
    connections: 10,
    duration: options.durationS,
    ...(options.rate ? { overallRate: options.rate, ignoreCoordinatedOmission: true } : {}),
    requests: [{ setupRequest }],
  });
  // autocannon emits (client, statusCode, bytes, responseTime ms); its typings omit the client.
  (instance as unknown as NodeJS.EventEmitter).on(
    "response",
    (_client: unknown, status: number, _bytes: number, responseTimeMs: number) => {
      latenciesMs.push(responseTimeMs);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    },
  );
  const result = await instance;
  return {
    label,
    latenciesMs,
    statuses,
    durationS: result.duration,
    serverCpu: (server.cpuMs()! - cpu0) / (result.duration * 1000),
  };
}

function row(r: LoadResult): string[] {
  const statuses = [...r.statuses].map(([s, n]) => `${s}×${fmtInt(n)}`).join(" ");
  return [
    r.label,
    fmtInt(r.latenciesMs.length),
    fmtInt(r.latenciesMs.length / r.durationS),
    statuses,
    ...[50, 90, 99, 99.9].map((p) => fmt2(percentile(r.latenciesMs, p))),
    fmt2(Math.max(...r.latenciesMs)),
    `${fmtInt(100 * r.serverCpu)}%`,
  ];
}

const dir = mkdtempSync(join(tmpdir(), "bench-latency-"));
const server = await startServerProcess({ dbPath: join(dir, "ledger.db") });
try {
  const platform = await server.createPlatform("bench");
  const webhookPath = `/v1/payouts?platform=${platform.slug}`;
  const secret = platform.webhookSecret;
  await paced(server, "warm-up", { secret, path: webhookPath, rate: RATE, durationS: 5 });
  // The floor runs as long as the webhooks: a p99 from a shorter run has fewer samples in its tail.
  const floorS = DURATION_S;
  const results = [
    await load(server, `GET /health, autocannon ${RATE}/s`, {
      path: "/health",
      rate: RATE,
      durationS: floorS,
    }),
    await paced(server, `GET /health, paced ${RATE}/s`, { path: "/health", rate: RATE, durationS: floorS }),
    await load(server, `webhook, autocannon ${RATE}/s`, {
      secret,
      path: webhookPath,
      rate: RATE,
      durationS: DURATION_S,
    }),
    await paced(server, `webhook, paced ${RATE}/s`, {
      secret,
      path: webhookPath,
      rate: RATE,
      durationS: DURATION_S,
    }),
    await load(server, "webhook, autocannon flat out", { secret, path: webhookPath, durationS: 10 }),
  ];
  console.log(
    `### Latency on loopback (single-event webhooks, one US payout each; autocannon with 10 connections)\n`,
  );
  console.log(
    table(
      [
        "load",
        "requests",
        "req/s",
        "statuses",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "p99.9 ms",
        "max ms",
        "server CPU",
      ],
      results.map(row),
    ),
  );
  const [, healthPaced, viaAutocannon, viaPaced] = results as [
    LoadResult,
    LoadResult,
    LoadResult,
    LoadResult,
    LoadResult,
  ];
  const ratio = percentile(viaPaced.latenciesMs, 99) / percentile(healthPaced.latenciesMs, 99);
  reportKeys({ single_event_p99_vs_health_p99: ratio });
  console.log(`\nsingle_event_p99_vs_health_p99 (paced ${RATE}/s): ${fmt2(ratio)} (target ≤ 3).`);
  for (const r of [viaAutocannon, viaPaced]) {
    const p99 = percentile(r.latenciesMs, 99);
    console.log(
      `\nTarget p99 ≤ ${TARGET_P99_MS} ms (${r.label}): ${p99 <= TARGET_P99_MS ? "met" : "missed"} (${fmt2(p99)} ms).`,
    );
  }
  const failed = results
    .slice(2)
    .flatMap((r) => [...r.statuses])
    .filter(([s]) => s !== 201)
    .reduce((n, [, c]) => n + c, 0);
  if (failed > 0) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
