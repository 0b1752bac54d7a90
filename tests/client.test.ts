/**
 * The platform client (`contribution-ledger/client`, imported by its package name) against the real app
 * (a local instance on a libSQL file). The client's `fetch` is the real network fetch, wrapped to
 * observe each delivery and, where a test says so, to lose an answer: the app records the delivery,
 * and the wrapper hands the client a 503 or 429 instead, as a load balancer that timed out would.
 * - it signs as Standard Webhooks: each delivery verifies under the official `standardwebhooks` library;
 * - it batches within the server's limits (1,000 events, 1 MiB) and keeps the order of the results;
 * - it retries a lost 503 with the same webhook-id and body: the retry is a duplicate, one record;
 * - it honours Retry-After (seconds and HTTP date) with capped, jittered backoff, gives up after
 *   `maxAttempts`, and throws LedgerError with the problem+json for a refused event.
 * Delays are recorded through the `sleep` option, not waited for, so no assertion depends on time.
 */
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_BATCH_BYTES,
  LedgerClient,
  LedgerError,
  retryAfterMs,
  type LedgerClientOptions,
  type PayoutInput,
} from "contribution-ledger/client";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { MAX_DELIVERY_BYTES } from "../src/routes/payouts.js";
import { ledgerCounts } from "./support/ledger-test-kit.js";

let inst: LocalInstance;
let platform: PlatformAccount;

interface Seen {
  webhookId: string;
  body: string;
  status: number;
}

/** A client whose deliveries are recorded in `seen`; `lose(n)` replaces the app's n-th answer (0-based) with another. */
function clientFor(
  options: Partial<LedgerClientOptions> & { lose?: (n: number) => Response | undefined } = {},
) {
  const seen: Seen[] = [];
  const delays: number[] = [];
  const { lose, ...rest } = options;
  const client = new LedgerClient({
    url: inst.baseUrl,
    platform: platform.slug,
    secret: platform.webhookSecret,
    sleep: async (ms) => void delays.push(ms),
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      const body = String(init?.body);
      // The official library accepts the signature (it throws otherwise).
      new Webhook(platform.webhookSecret).verify(body, {
        "webhook-id": headers.get("webhook-id")!,
        "webhook-timestamp": headers.get("webhook-timestamp")!,
        "webhook-signature": headers.get("webhook-signature")!,
      });
      const res = await fetch(input, init);
      const replaced = lose?.(seen.length);
      seen.push({ webhookId: headers.get("webhook-id")!, body, status: replaced?.status ?? res.status });
      if (!replaced) return res;
      await res.body?.cancel();
      return replaced;
    },
    ...rest,
  });
  return { client, seen, delays };
}

const payout = (id: string, amount = "100.00", worker = "w-client"): PayoutInput => ({
  id,
  occurred_at: "2026-03-10T10:00:00Z",
  worker: { id: worker, country: "DE" },
  amount,
  currency: "EUR",
});
const busy = (retryAfter: string) =>
  new Response(JSON.stringify({ type: "about:blank", title: "busy", status: 503, detail: "lost" }), {
    status: 503,
    headers: { "retry-after": retryAfter },
  });

beforeAll(async () => {
  inst = await startLocalInstance();
  platform = await inst.createPlatform("client-test");
});
afterAll(async () => {
  await inst?.close();
});

describe("LedgerClient against the real app", () => {
  it("signs a payout that the official Standard Webhooks library verifies, and returns its contributions", async () => {
    const { client, seen } = clientFor();
    const result = await client.payout(payout("c-1"));
    expect(result).toMatchObject({
      id: "c-1",
      status: "recorded",
      type: "payout",
      withhold_from_worker: [{ amount: "18.05", currency: "EUR" }],
      platform_owes: [{ amount: "18.05", currency: "EUR" }],
    });
    expect(result.receipt.payload).toMatchObject({
      event: { id: "c-1" },
      contributions: expect.arrayContaining([expect.objectContaining({ amount: "9.30", payer: "worker" })]),
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.webhookId).toMatch(/^msg_[0-9a-f-]{36}$/);
  });

  it("retries a lost 503 with the same webhook-id and body: the retry is a duplicate, recorded once", async () => {
    const before = await ledgerCounts(inst);
    const { client, seen, delays } = clientFor({ lose: (n) => (n === 0 ? busy("1") : undefined) });
    const result = await client.payout(payout("c-503", "50.00"));
    expect(seen.map((s) => s.status)).toEqual([503, 200]);
    expect(seen[1]!.webhookId).toBe(seen[0]!.webhookId);
    expect(seen[1]!.body).toBe(seen[0]!.body);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(1000);
    expect(result).toMatchObject({
      id: "c-503",
      status: "duplicate",
      withhold_from_worker: [{ amount: "9.03", currency: "EUR" }],
    });
    expect((await ledgerCounts(inst)).events).toBe(before.events + 1);
  });

  it("batches within the event and byte limits, in order, and retries a lost batch as duplicates", async () => {
    const events = Array.from({ length: 1001 }, (_, i) => ({
      ...payout(`c-batch-${i}`, "0.01", `w-batch-${i % 7}`),
      type: "payout" as const,
    }));
    const { client, seen } = clientFor({ lose: (n) => (n === 1 ? busy("0") : undefined) });
    const results = await client.payouts(events, { webhookId: "msg_batch" });
    expect(seen.map((s) => [s.webhookId, s.status])).toEqual([
      ["msg_batch", 200],
      ["msg_batch.1", 503],
      ["msg_batch.1", 200],
    ]);
    expect(results.map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(results.slice(0, 1000).every((r) => r.status === "recorded")).toBe(true);
    expect(results[1000]!.status).toBe("duplicate");

    const small = clientFor({ maxBatchBytes: 600 });
    const few = Array.from({ length: 5 }, (_, i) => ({
      ...payout(`c-bytes-${i}`, "1.00"),
      type: "payout" as const,
    }));
    expect((await small.client.payouts(few)).map((r) => r.status)).toEqual([
      "recorded",
      "recorded",
      "recorded",
      "recorded",
      "recorded",
    ]);
    expect(small.seen.length).toBeGreaterThan(1);
    expect(small.seen.every((s) => new TextEncoder().encode(s.body).length <= 600)).toBe(true);
    expect(DEFAULT_MAX_BATCH_BYTES).toBe(MAX_DELIVERY_BYTES);
  });

  it("reports a batch's refused events as results and records the others", async () => {
    const { client } = clientFor();
    const results = await client.payouts([
      { ...payout("c-mixed-ok"), type: "payout" },
      { ...payout("c-mixed-bad", "-5"), type: "payout" },
    ]);
    expect(results.map((r) => r.status)).toEqual(["recorded", "rejected"]);
    expect(results[1]).toMatchObject({
      id: "c-mixed-bad",
      problem: { status: 422, errors: [expect.objectContaining({ path: "amount" })] },
    });
  });

  it("reverses a payout", async () => {
    const { client } = clientFor();
    await client.payout(payout("c-rev-po", "100.00", "w-rev"));
    const reversal = await client.reverse({ ...payout("c-rev-1", "40.00", "w-rev"), reverses: "c-rev-po" });
    expect(reversal).toMatchObject({ status: "recorded", type: "reversal", reverses: "c-rev-po" });
    expect(reversal.withhold_from_worker).toEqual([{ amount: "-7.22", currency: "EUR" }]);
  });

  it("throws LedgerError with the problem for a refused event or a conflict", async () => {
    const { client } = clientFor();
    const invalid = await client.payout(payout("c-bad", "1.001")).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(LedgerError);
    expect(invalid).toMatchObject({
      status: 422,
      attempts: 1,
      problem: { errors: [expect.objectContaining({ path: "amount" })] },
    });
    await client.payout(payout("c-twice", "10.00"));
    await expect(client.payout(payout("c-twice", "11.00"))).rejects.toMatchObject({
      status: 409,
      problem: { status: 409 },
    });
    const wrongSecret = new LedgerClient({
      url: inst.baseUrl,
      platform: platform.slug,
      secret: `whsec_${btoa("not the platform's secret!!")}`,
    });
    await expect(wrongSecret.payout(payout("c-unsigned"))).rejects.toMatchObject({ status: 401 });
  });

  it("honours Retry-After as an HTTP date and caps its backoff; gives up after maxAttempts", async () => {
    const later = new Date(Date.now() + 30_000).toUTCString();
    const limited = () => new Response(null, { status: 429, headers: { "retry-after": later } });
    const { client, seen, delays } = clientFor({
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 150,
      lose: () => limited(),
    });
    const error = await client.payout(payout("c-429")).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "LedgerError", status: 0, attempts: 4 });
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((s) => s.webhookId)).size).toBe(1);
    expect(delays).toHaveLength(3);
    expect(delays.every((d) => d >= 20_000 && d <= 30_000)).toBe(true);
    const plain = clientFor({
      maxAttempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 150,
      lose: () => new Response(null, { status: 503 }),
    });
    await expect(plain.client.payout(payout("c-503s"))).rejects.toBeInstanceOf(LedgerError);
    expect(plain.delays.every((d) => d >= 0 && d <= 150)).toBe(true);
    expect(retryAfterMs("7")).toBe(7000);
    expect(retryAfterMs("not a date")).toBe(0);
  });
});
