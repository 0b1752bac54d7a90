/**
 * GET /docs renders with the network off: Chromium (tests/support/chromium.ts) opens the page of a real
 * instance while every request to a host other than the instance's is aborted and recorded. The
 * reference must render the document (its title and the payout operation) and no request may have
 * left for another host.
 */
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../../scripts/lib/local-instance.js";
import { chooseChromium } from "../support/chromium.js";

let inst: LocalInstance;
let browser: Browser;

beforeAll(async () => {
  inst = await startLocalInstance({ seedRules: false });
  const choice = await chooseChromium();
  browser = await chromium.launch({
    executablePath: choice.executablePath,
    headless: true,
    args: choice.args,
    env: choice.env,
  });
});
afterAll(async () => {
  await browser?.close();
  await inst?.close();
});

describe("/docs with no network", () => {
  it("renders the API reference from the service alone", async () => {
    const context = await browser.newContext();
    const elsewhere: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (new URL(url).origin === inst.baseUrl) return route.continue();
      elsewhere.push(url);
      return route.abort("internetdisconnected");
    });
    const page = await context.newPage();
    const res = await page.goto(`${inst.baseUrl}/docs`);
    expect(res?.status()).toBe(200);
    await page.getByRole("heading", { name: "contribution-ledger" }).first().waitFor();
    await page.getByText("/v1/payouts").first().waitFor();
    expect(elsewhere).toEqual([]);
    await context.close();
  });
});
