/**
 * The Worker's own paths for what differs from Node (src/worker-host.ts): /docs loads its script from
 * the Worker's bundle (the installed @scalar/api-reference package, a Text module by wrangler.toml [[rules]]),
 * GET /metrics is admin-only and exposes the isolate's counters and the database gauges, and every
 * request is logged as one JSON line carrying the X-Request-Id of its response.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../src/worker.js";
import type { WorkerBindings } from "../src/worker-runtime.js";
import { admin, BASE_URL, workerFetch } from "./support/worker-instance.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the Worker's docs, metrics and logs", () => {
  it("serves /docs and its script from the bundle, referencing no other host", async () => {
    const page = await workerFetch(`${BASE_URL}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`src="/docs/assets/scalar-api-reference.js"`);
    expect(html).not.toMatch(/https?:\/\//);
    const script = await workerFetch(`${BASE_URL}/docs/assets/scalar-api-reference.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const text = await script.text();
    expect(text).toMatch(/@scalar\/api-reference \d+\.\d+\.\d+/);
    expect(text.length).toBeGreaterThan(1_000_000);
  });

  it("exposes /metrics to the admin only", async () => {
    expect((await workerFetch(`${BASE_URL}/metrics`)).status).toBe(401);
    await workerFetch(`${BASE_URL}/health`);
    const res = await admin("GET", "/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    expect(text).toMatch(
      /^ledger_http_requests_total\{route="\/health",method="GET",status="200"\} [1-9]\d*$/m,
    );
    expect(text).toMatch(/^ledger_seal_lag_events 0$/m);
  });

  it("logs each request as a JSON line with its request id (LOG_LEVEL=info; the suite runs at warn)", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    await workerFetch(`${BASE_URL}/health`);
    expect(lines).toEqual([]);
    const res = await worker.fetch(new Request(`${BASE_URL}/v1/rules?jurisdiction=DE`), {
      ...(env as unknown as WorkerBindings),
      LOG_LEVEL: "info",
    });
    const id = res.headers.get("x-request-id");
    expect(id).toBeTruthy();
    const records = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r.request_id === id);
    expect(records).toEqual([
      expect.objectContaining({
        level: "info",
        msg: "request",
        method: "GET",
        route: "/v1/rules",
        status: res.status,
      }),
    ]);
  });
});
