/**
 * The platform client (src/client/index.ts, `contribution-ledger/client`) runs inside workerd: it signs
 * with WebCrypto and posts through the `fetch` it is given (here the Worker's own fetch handler, as a
 * service binding would), so a Worker of a platform can report its payouts with it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { LedgerClient } from "../src/client/index.js";
import { BASE_URL, createPlatform, seedReferenceData, workerFetch } from "./support/worker-instance.js";

let ledger: LedgerClient;

beforeAll(async () => {
  await seedReferenceData({ fx: false });
  const platform = await createPlatform("client-in-workerd");
  ledger = new LedgerClient({
    url: BASE_URL,
    platform: platform.slug,
    secret: platform.webhookSecret,
    fetch: workerFetch,
  });
});

describe("LedgerClient in workerd", () => {
  it("records a payout, a batch and a reversal", async () => {
    const event = {
      id: "wd-1",
      occurred_at: "2026-03-10T10:00:00Z",
      worker: { id: "w-wd", country: "DE" },
      amount: "100.00",
      currency: "EUR",
    };
    expect(await ledger.payout(event)).toMatchObject({
      status: "recorded",
      withhold_from_worker: [{ amount: "18.05", currency: "EUR" }],
    });
    const batch = await ledger.payouts([
      { ...event, type: "payout" },
      { ...event, id: "wd-2", type: "payout" },
    ]);
    expect(batch.map((r) => r.status)).toEqual(["duplicate", "recorded"]);
    expect(await ledger.reverse({ ...event, id: "wd-3", amount: "100.00", reverses: "wd-2" })).toMatchObject({
      status: "recorded",
      type: "reversal",
    });
  });
});
