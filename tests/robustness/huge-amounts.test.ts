/**
 * Amounts near the limit of integer minor units (found by tests/robustness/fuzz.test.ts). Money at rest
 * is integer minor units in JavaScript numbers, exact up to 2^53 − 1 = 9,007,199,254,740,991.
 *
 * 1. One payout of 90,071,992,547,410.00 USD (9,007,199,254,741,000 cents > 2^53) passes the wire format
 *    (≤ 15 integer digits) but not parseMinor; it must be refused with a 4xx problem, not a 500.
 * 2. 91 payouts of the largest amount accepted (MAX_AMOUNT_MINOR, 10^14 cents) to one worker are recorded;
 *    their sum, 9.1 × 10^15 cents, is not safe. The agency's monthly report and the worker's page must still
 *    answer without a 5xx (they are one jurisdiction's whole month and the worker's whole record: a 500
 *    there locks everyone out of them).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../../scripts/lib/local-instance.js";
import { ledgerCounts, payoutEvent } from "../support/ledger-test-kit.js";

let instance: LocalInstance;
let platform: PlatformAccount;

beforeAll(async () => {
  instance = await startLocalInstance();
  platform = await instance.createPlatform("huge");
});
afterAll(async () => {
  await instance.close();
});

describe("amounts beyond 2^53 minor units", () => {
  it("refuses a payout whose minor units exceed 2^53 with a 4xx problem and records nothing", async () => {
    const before = await ledgerCounts(instance);
    const res = await platform.sender.send(
      payoutEvent({
        id: "huge-1",
        worker: "w-huge",
        amount: "90071992547410.00",
        currency: "USD",
        country: "US",
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await ledgerCounts(instance)).toEqual(before);
  });

  it("keeps the monthly report and the worker's page answering when a worker's totals exceed 2^53 minor units", async () => {
    for (let i = 1; i <= 91; i++) {
      const res = await platform.sender.send(
        payoutEvent({
          id: `big-${i}`,
          worker: "w-big",
          amount: "1000000000000.00",
          currency: "USD",
          country: "US",
        }),
      );
      expect(res.status).toBe(201);
    }
    const agency = await instance.createAgency(["US"]);
    const report = await fetch(`${instance.baseUrl}/v1/reports/monthly?jurisdiction=US&period=2026-03`, {
      headers: { authorization: `Bearer ${agency}` },
    });
    expect(report.status, await report.text()).toBeLessThan(500);
    const link = await fetch(`${instance.baseUrl}/v1/workers/w-big/access-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${platform.apiKey}` },
    });
    expect(link.status).toBe(201);
    const { url } = (await link.json()) as { url: string };
    for (const suffix of ["", "/record.json", "/record.csv"]) {
      const res = await fetch(url + suffix);
      expect(res.status, `${suffix || "page"}: ${(await res.text()).slice(0, 200)}`).toBeLessThan(500);
    }
  });
});
