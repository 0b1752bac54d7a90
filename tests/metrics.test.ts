/**
 * GET /metrics and the request logs, over HTTP against a real instance: the exposition is scraped and
 * parsed with a Prometheus text-format parser from npm (prom2javascript, which throws on a malformed line);
 * it counts requests by route pattern, method and status with a latency histogram, events by outcome
 * (a batch with a recorded, a duplicate and a rejected event, then a conflicting redelivery), the seal
 * lag and the last close per jurisdiction; only the admin key may scrape it. Every request is one JSON
 * log line with the X-Request-Id of its response.
 */
import {
  getMetricsFromIterator,
  type PromData,
  type PromHistogramData,
  type PromMetric,
} from "prom2javascript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { LATENCY_BUCKETS_S } from "../src/observability/metrics.js";

let inst: LocalInstance;
let platform: PlatformAccount;
const logLines: string[] = [];

const payout = (id: string, amount = "100.00") => ({
  id,
  type: "payout",
  occurred_at: "2026-03-10T10:00:00Z",
  worker: { id: "w-1", country: "DE" },
  amount,
  currency: "EUR",
});

beforeAll(async () => {
  inst = await startLocalInstance({ log: (line) => logLines.push(line) });
  platform = await inst.createPlatform("metrics-test");
  const batch = await platform.sender.send({
    events: [payout("m-1"), payout("m-1"), { ...payout("m-2"), amount: "-1" }],
  });
  expect(batch.status).toBe(200);
  expect(((await batch.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
    "recorded",
    "duplicate",
    "rejected",
  ]);
  expect((await platform.sender.send(payout("m-1", "99.00"))).status).toBe(409);
  expect(
    (await inst.admin("POST", "/v1/admin/periods/close", { jurisdiction: "DE", period: "2026-03" })).status,
  ).toBe(201);
});
afterAll(async () => {
  await inst?.close();
});

async function scrape(): Promise<Record<string, PromMetric>> {
  const res = await inst.admin("GET", "/metrics");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return getMetricsFromIterator((await res.text()).split("\n")[Symbol.iterator]());
}

/** The samples of a family (counter and gauge: PromData; histogram: PromHistogramData). */
const data = <T extends PromData | PromHistogramData = PromData>(family: PromMetric | undefined) =>
  (family?.data ?? []) as T[];
const sample = <T extends PromData | PromHistogramData = PromData>(
  family: PromMetric | undefined,
  labels: Record<string, string>,
) => data<T>(family).find((m) => Object.entries(labels).every(([k, v]) => m.labels[k] === v));

describe("GET /metrics", () => {
  it("is for the admin only", async () => {
    expect((await fetch(`${inst.baseUrl}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${inst.baseUrl}/metrics`, { headers: { authorization: `Bearer ${platform.apiKey}` } }))
        .status,
    ).toBe(403);
  });

  it("counts events by outcome, and requests by route, method and status with their latency", async () => {
    const families = await scrape();
    const events = families.ledger_events_total;
    expect(events?.type).toBe("counter");
    expect(Object.fromEntries(data(events).map((m) => [m.labels.outcome, m.value]))).toEqual({
      recorded: 1,
      duplicate: 1,
      rejected: 1,
      conflict: 1,
    });

    const requests = families.ledger_http_requests_total;
    expect(sample(requests, { route: "/v1/payouts", method: "POST", status: "200" })?.value).toBe(1);
    expect(sample(requests, { route: "/v1/payouts", method: "POST", status: "409" })?.value).toBe(1);
    expect(
      sample(requests, { route: "/metrics", method: "GET", status: "401" })?.value,
    ).toBeGreaterThanOrEqual(1);
    // No raw path or query becomes a label.
    expect(data(requests).every((m) => !m.labels.route!.includes("?"))).toBe(true);

    const latency = families.ledger_http_request_duration_seconds;
    expect(latency?.type).toBe("histogram");
    const payouts = sample<PromHistogramData>(latency, {
      route: "/v1/payouts",
      method: "POST",
      status: "200",
    })!;
    const bounds = Object.keys(payouts.buckets).sort((x, y) => Number(x) - Number(y)); // Number("+Inf") is Infinity
    expect(bounds).toEqual([...LATENCY_BUCKETS_S.map(String), "+Inf"]);
    expect(payouts.buckets["+Inf"]).toBe(1);
    expect(payouts.count).toBe(1);
    expect(payouts.sum).toBeGreaterThan(0);
    const cumulative = bounds.map((bound) => payouts.buckets[bound]!);
    expect(cumulative).toEqual([...cumulative].sort((x, y) => x - y));
  });

  it("reads the seal lag and the last close per jurisdiction from the database", async () => {
    await inst.deps.sealer.flush();
    const families = await scrape();
    expect(data(families.ledger_seal_lag_events)).toEqual([{ labels: {}, value: 0 }]);
    expect(data(families.ledger_last_event_seq)).toEqual([{ labels: {}, value: 1 }]);
    const closes = data(families.ledger_period_last_close_timestamp_seconds);
    expect(closes).toHaveLength(1);
    expect(closes[0]!.labels).toEqual({ jurisdiction: "DE", period: "2026-03" });
    expect(Math.abs(closes[0]!.value - Date.now() / 1000)).toBeLessThan(3600);
  });
});

describe("request logs", () => {
  it("are one JSON object per request, with the response's request id and the route pattern", async () => {
    const res = await fetch(`${inst.baseUrl}/w/not-a-token/record.json`);
    const id = res.headers.get("x-request-id");
    const records = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      records.every(
        (r) => typeof r.time === "string" && typeof r.level === "string" && typeof r.msg === "string",
      ),
    ).toBe(true);
    const mine = records.filter((r) => r.request_id === id);
    expect(mine).toEqual([
      expect.objectContaining({
        msg: "request",
        method: "GET",
        route: "/w/:token/record.json",
        status: res.status,
      }),
    ]);
    expect(logLines.join("\n")).not.toContain("not-a-token");
  });
});
