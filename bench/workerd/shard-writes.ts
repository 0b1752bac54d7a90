/**
 * `npm run bench:workerd`: the ledger's write rate per D1 shard inside workerd (miniflare's local D1,
 * through the Worker's fetch handler, as tests-workers/shards.test.ts binds LEDGER_DE and LEDGER_FR).
 * Prints figures and ratios for docs/scale.md; asserts nothing about time (a benchmark, not a test).
 *
 * Runs: deliveries of B events (B = 1 and 100), sent 4 at a time, (0) without shards (all on DB, as
 * before), (a) all to the DE shard, (b) half to DE and half to FR at once. (a) ÷ (0) is what routing,
 * the idempotency claim and the mirror check cost a delivery. A ratio (b) ÷ (a) near 2 means the shards write in parallel (each D1
 * database runs one query at a time, so one shard's rate is bounded by its own write time); near 1
 * means something shared (here: the machine's CPU, the one Worker isolate) is the bound. Local D1 is
 * SQLite in workerd on this machine, not Cloudflare's network: the absolute figures are an upper bound
 * of what one database does without network latency, the ratios are what carries over.
 */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, it } from "vitest";
import { webhookSender, type Sender } from "../../scripts/lib/deliver.js";
import worker from "../../src/worker.js";
import type { WorkerBindings } from "../../src/worker-runtime.js";
import { BASE_URL, seedReferenceData } from "../../tests-workers/support/worker-instance.js";

const bindings = {
  ...env,
  LEDGER_DE: env.TEST_LEDGER_DE,
  LEDGER_FR: env.TEST_LEDGER_FR,
} as unknown as WorkerBindings;
const shardedFetch: typeof fetch = (input, init) => worker.fetch(new Request(input, init), bindings);
/** The same Worker without shards: every event on DB, as before issue 17. */
const plainFetch: typeof fetch = (input, init) =>
  worker.fetch(new Request(input, init), env as unknown as WorkerBindings);

let serial = 0;
const event = (country: "DE" | "FR") => {
  serial += 1;
  return {
    id: `b${serial}`,
    type: "payout",
    occurred_at: "2026-03-10T10:00:00Z",
    worker: { id: `w${serial % 500}`, country },
    amount: "12.34",
    currency: "EUR",
    ...(country === "FR"
      ? { task: { id: `t${serial}`, type: "ride", attributes: { activity: "bic-services" } } }
      : {}),
  };
};

/** Sends `deliveries` deliveries of `size` events, `parallel` at a time, countries from `countryOf(i)`; events/s. */
async function rate(
  sender: Sender,
  deliveries: number,
  size: number,
  parallel: number,
  countryOf: (i: number) => "DE" | "FR",
): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < deliveries; i += parallel) {
    await Promise.all(
      Array.from({ length: Math.min(parallel, deliveries - i) }, async (_, k) => {
        const country = countryOf(i + k);
        const body =
          size === 1 ? event(country) : { events: Array.from({ length: size }, () => event(country)) };
        const res = await sender.send(body);
        if (res.status >= 300) throw new Error(`delivery answered ${res.status}: ${await res.text()}`);
      }),
    );
  }
  return (deliveries * size) / ((performance.now() - started) / 1000);
}

describe("write rate per D1 shard in workerd", () => {
  let sender: Sender;
  let plain: Sender;
  beforeAll(async () => {
    await applyD1Migrations(env.TEST_LEDGER_DE, env.TEST_MIGRATIONS);
    await applyD1Migrations(env.TEST_LEDGER_FR, env.TEST_MIGRATIONS);
    await seedReferenceData({ fx: false });
    const res = await shardedFetch(`${BASE_URL}/v1/admin/platforms`, {
      method: "POST",
      headers: { authorization: `Bearer ${env.ADMIN_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ slug: "bench", name: "bench" }),
    });
    const { webhook_secret } = (await res.json()) as { webhook_secret: string };
    sender = await webhookSender(BASE_URL, "bench", webhook_secret, shardedFetch);
    plain = await webhookSender(BASE_URL, "bench", webhook_secret, plainFetch);
    await rate(sender, 20, 10, 2, (i) => (i % 2 === 0 ? "DE" : "FR")); // warm-up
  });

  it("prints events/s per shard and the two-shard ratio", { timeout: 600_000 }, async () => {
    const lines: string[] = [];
    for (const [size, deliveries, parallel] of [
      [1, 400, 4],
      [100, 40, 4],
    ] as const) {
      const none = await rate(plain, deliveries, size, parallel, () => "DE");
      const one = await rate(sender, deliveries, size, parallel, () => "DE");
      const two = await rate(sender, deliveries, size, parallel, (i) => (i % 2 === 0 ? "DE" : "FR"));
      lines.push(
        `batch ${size}: no shards ${none.toFixed(0)} ev/s; one shard ${one.toFixed(0)} ev/s; two shards ${two.toFixed(0)} ev/s (${(two / 2).toFixed(0)} per shard); ratio one ÷ none ${(one / none).toFixed(2)}, two ÷ one ${(two / one).toFixed(2)}`,
      );
    }
    console.log(`\n${lines.join("\n")}\n`);
  });
});
