/**
 * The dispute flow end to end in a real browser (Chromium driven by playwright-core, tests/support/chromium.ts)
 * with JavaScript turned off, as the page promises to work without it: a worker opens their page through
 * the signed link a platform made, sees a payout taken back with its reason, files a "wrong payout" and
 * a "missing payout" dispute with the page's form (POST + redirect back to the page, which confirms it),
 * the platform lists them through its API and answers one with a correction it recorded through the
 * webhook and one with an explanation, and the page then shows each dispute's state in French. axe-core
 * scans the page with its form (with JavaScript on, which axe needs; the page itself runs none).
 */
import AxeBuilder from "@axe-core/playwright";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../src/i18n/messages/en.js";
import { fr } from "../../src/i18n/messages/fr.js";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../../scripts/lib/local-instance.js";
import { payoutEvent } from "../support/ledger-test-kit.js";
import { chooseChromium } from "../support/chromium.js";

let inst: LocalInstance;
let platform: PlatformAccount;
let context: BrowserContext;
let profileDir: string;
let pageUrl: string;

const api = (method: string, path: string, body?: unknown) =>
  fetch(inst.baseUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${platform.apiKey}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  const browser = await chooseChromium();
  inst = await startLocalInstance();
  platform = await inst.createPlatform("courier");
  const sent = await platform.sender.send({
    events: [
      payoutEvent({ id: "pay-1", worker: "rider-7", amount: "42.00", occurredAt: "2026-03-10T10:00:00Z" }),
      payoutEvent({ id: "pay-2", worker: "rider-7", amount: "18.50", occurredAt: "2026-03-11T10:00:00Z" }),
      {
        ...payoutEvent({
          id: "rev-1",
          worker: "rider-7",
          amount: "8.50",
          reverses: "pay-2",
          occurredAt: "2026-03-12T10:00:00Z",
        }),
        reason: "chargeback",
        reason_note: "Card payment disputed by the customer",
      },
    ],
  });
  expect(sent.status).toBe(200);
  const link = await fetch(`${inst.baseUrl}/v1/workers/rider-7/access-links`, {
    method: "POST",
    headers: { authorization: `Bearer ${platform.apiKey}` },
  });
  pageUrl = ((await link.json()) as { url: string }).url;
  profileDir = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browser.executablePath,
    headless: true,
    javaScriptEnabled: false,
    args: browser.args,
    env: browser.env,
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  await inst?.close();
});

describe("disputes filed from the worker page, without JavaScript", () => {
  it("shows the reversal's reason, files both kinds of dispute through the form, and shows them open", async () => {
    const page = await context.newPage();
    expect((await page.goto(`${pageUrl}?lang=en`))?.status()).toBe(200);
    const reversal = page.locator("#reversal-rev-1");
    expect(await reversal.locator("[data-reason]").textContent()).toBe(en["reason.chargeback.label"]);
    expect(await reversal.textContent()).toContain("Card payment disputed by the customer");
    expect(await page.locator("#disputes").textContent()).toContain(en["voice.disputes.none"]);

    // A wrong payout: the list holds the worker's payouts.
    await page.locator("#dispute-payout").selectOption({
      label: (await page.locator("#dispute-payout option", { hasText: "pay-1" }).textContent()) ?? "",
    });
    await page.fill("#dispute-note", "The delivery was 12 km, not 6 <km>.");
    await Promise.all([page.waitForURL(/filed=\d+/), page.click("#dispute-submit")]);
    expect(new URL(page.url()).pathname).toBe(new URL(pageUrl).pathname);
    expect(await page.locator("#dispute-filed").textContent()).toMatch(/number \d+ has been sent/);
    const wrong = page.locator("li[id^=dispute-][data-state=open]");
    expect(await wrong.count()).toBe(1);
    expect(await wrong.textContent()).toContain("The delivery was 12 km, not 6 <km>.");

    // A missing payout: kind, date, amount, currency and note.
    await page.check('input[name=kind][value="missing-payout"]');
    await page.fill("#dispute-date", "2026-03-14");
    await page.fill("#dispute-amount", "23.00");
    await page.fill("#dispute-currency", "EUR");
    await page.fill("#dispute-note", "My Saturday deliveries were never paid.");
    await Promise.all([page.waitForURL(/filed=\d+/), page.click("#dispute-submit")]);
    expect(await page.locator("li[id^=dispute-][data-state=open]").count()).toBe(2);
    expect(await page.locator("#disputes").textContent()).toContain("€23.00");

    // An invalid form (missing payout without an amount) is refused with the page listing the field, and files nothing.
    await page.check('input[name=kind][value="missing-payout"]');
    await page.fill("#dispute-date", "2026-03-15");
    await page.fill("#dispute-note", "no amount");
    const refused = await Promise.all([page.waitForURL(/\/disputes/), page.click("#dispute-submit")]).then(
      () => page,
    );
    expect(await refused.locator("#dispute-errors").textContent()).toContain("amount");
    const listed = (await (await api("GET", "/v1/platforms/me/disputes")).json()) as {
      disputes: { id: number; kind: string }[];
    };
    expect(listed.disputes.map((d) => d.kind)).toEqual(["wrong-payout", "missing-payout"]);
    await page.close();
  });

  it("after the platform's answers, shows each dispute's state in French", async () => {
    const { disputes } = (await (await api("GET", "/v1/platforms/me/disputes")).json()) as {
      disputes: { id: number; kind: string }[];
    };
    const wrong = disputes.find((d) => d.kind === "wrong-payout")!;
    const missing = disputes.find((d) => d.kind === "missing-payout")!;
    expect(
      (
        await platform.sender.send(
          payoutEvent({
            id: "pay-1-fix",
            worker: "rider-7",
            amount: "21.00",
            occurredAt: "2026-03-10T11:00:00Z",
          }),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await api("POST", `/v1/platforms/me/disputes/${wrong.id}/answers`, {
          correction_event_id: "pay-1-fix",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api("POST", `/v1/platforms/me/disputes/${missing.id}/answers`, {
          explanation: "Saturday was paid on Monday: see pay-2.",
        })
      ).status,
    ).toBe(201);

    const page = await context.newPage();
    expect((await page.goto(`${pageUrl}?lang=fr`))?.status()).toBe(200);
    const corrected = page.locator(`#dispute-${wrong.id}`);
    expect(await corrected.getAttribute("data-state")).toBe("corrected");
    expect(await corrected.locator(".state").textContent()).toContain(
      fr["voice.state.corrected"].split("{event}")[0]!,
    );
    expect(await corrected.locator(".state code").textContent()).toBe("pay-1-fix");
    const explained = page.locator(`#dispute-${missing.id}`);
    expect(await explained.getAttribute("data-state")).toBe("explained");
    expect(await explained.locator(".state").textContent()).toContain(
      "Saturday was paid on Monday: see pay-2.",
    );
    expect(await page.locator("#reversal-rev-1 [data-reason]").textContent()).toBe(
      fr["reason.chargeback.label"],
    );
    await page.close();
  });

  it("has no accessibility violations with the form on the page", async () => {
    const axeProfile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
    const browser = await chooseChromium();
    const withJs = await chromium.launchPersistentContext(axeProfile, {
      executablePath: browser.executablePath,
      headless: true,
      args: browser.args,
      env: browser.env,
    });
    try {
      const page = await withJs.newPage();
      await page.goto(`${pageUrl}?lang=es`);
      const results = await new AxeBuilder({ page })
        .include("#disputes")
        .include("#reversals")
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
        .analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
      expect(results.passes.length).toBeGreaterThan(5);
    } finally {
      await withJs.close();
      rmSync(axeProfile, { recursive: true, force: true });
    }
  });
});
