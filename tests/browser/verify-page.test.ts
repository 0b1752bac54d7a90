/**
 * The /verify page in a real browser (Chromium through playwright-core, tests/support/chromium.ts)
 * against a real instance: a receipt taken from the worker page's link is pasted and checked with the
 * browser's own WebCrypto against the keys the page fetches from the service; the same receipt with one
 * field edited, and with its JWS re-signed by nobody, is refused; a receipt checked against a pasted key
 * set that lacks its key names the missing kid. axe-core scans the page in each language.
 */
import AxeBuilder from "@axe-core/playwright";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../../scripts/lib/local-instance.js";
import { en } from "../../src/i18n/messages/en.js";
import type { SignedReceipt } from "../../src/schemas/receipt.js";
import { chooseChromium } from "../support/chromium.js";
import { payoutEvent } from "../support/ledger-test-kit.js";

let inst: LocalInstance;
let context: BrowserContext;
let profileDir: string;
let receiptText: string;

beforeAll(async () => {
  const browser = await chooseChromium();
  inst = await startLocalInstance();
  const platform = await inst.createPlatform("vp-co");
  expect(
    (await platform.sender.send(payoutEvent({ id: "vp-1", worker: "w1", amount: "321.00" }))).status,
  ).toBe(201);
  profileDir = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browser.executablePath,
    headless: true,
    args: browser.args,
    env: browser.env,
  });
  const link = (await (
    await fetch(`${inst.baseUrl}/v1/workers/w1/access-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${platform.apiKey}` },
    })
  ).json()) as { url: string };
  // The worker follows the receipt link on their page.
  const page = await context.newPage();
  await page.goto(link.url);
  const href = await page.getAttribute("a.receipt-link", "href");
  const res = await page.goto(new URL(href!, link.url).href);
  expect(res?.status()).toBe(200);
  receiptText = await res!.text();
  await page.close();
});
afterAll(async () => {
  await context?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  await inst?.close();
});

/** Pastes `pasted` (and a key set) into the page, presses Check, and returns the verdict and its state. */
async function check(page: Page, pasted: string, keys = ""): Promise<{ ok: string | null; text: string }> {
  await page.fill("#document", pasted);
  await page.fill("#keys", keys);
  await page.evaluate(() => document.getElementById("verdict")!.removeAttribute("data-ok"));
  await page.click("#verify-button");
  await page.waitForSelector("#verdict[data-ok]");
  return {
    ok: await page.getAttribute("#verdict", "data-ok"),
    text: (await page.textContent("#verdict")) ?? "",
  };
}

const prefix = (text: string) => text.slice(0, text.indexOf("{"));

describe("the verification page", () => {
  it("accepts the receipt and refuses an edited or forged copy", async () => {
    const page = await context.newPage();
    expect((await page.goto(`${inst.baseUrl}/verify`))?.status()).toBe(200);
    const receipt = JSON.parse(receiptText) as SignedReceipt;

    const good = await check(page, receiptText);
    expect(good.ok).toBe("true");
    expect(good.text).toContain(prefix(en["verify.ok.receipt"]));
    expect(good.text).toContain("vp-1");

    const edited = structuredClone(receipt);
    edited.payload.contributions[0]!.amount = "0.00";
    expect(await check(page, JSON.stringify(edited))).toEqual({ ok: "false", text: en["verify.bad.copy"] });

    const [header, , signature] = receipt.jws.split(".");
    const forged = {
      payload: edited.payload,
      jws: `${header}.${Buffer.from(JSON.stringify(edited.payload)).toString("base64url")}.${signature}`,
    };
    expect(await check(page, JSON.stringify(forged))).toEqual({
      ok: "false",
      text: en["verify.bad.signature"],
    });

    const otherKeys = JSON.stringify({
      keys: [{ kty: "OKP", crv: "Ed25519", x: "A".repeat(43), kid: "someone-else" }],
    });
    const missing = await check(page, receiptText, otherKeys);
    expect(missing.ok).toBe("false");
    expect(missing.text).toContain(prefix(en["verify.bad.key"]));
    await page.close();
  });

  it("has no axe-core violation in any language", async () => {
    for (const lang of ["en", "fr", "es"]) {
      const page = await context.newPage();
      await page.setViewportSize({ width: 360, height: 800 });
      expect((await page.goto(`${inst.baseUrl}/verify?lang=${lang}`))?.status()).toBe(200);
      await check(page, receiptText);
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
        .analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.close();
    }
  });
});
