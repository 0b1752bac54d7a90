/**
 * The browser tests need no system Chromium: with CHROMIUM_PATH=packaged (what a machine without Debian's
 * Chromium gets by default) tests/support/chromium.ts picks the Chromium shipped in @sparticuz/chromium,
 * which launches headless under playwright-core and renders accented text. A CHROMIUM_PATH naming a
 * missing file is an error, not a silent fallback.
 */
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chooseChromium, SYSTEM_CHROMIUM } from "../support/chromium.js";

describe("the Chromium the browser tests drive", () => {
  it("is the npm package's with CHROMIUM_PATH=packaged, and it renders accented text headless", async () => {
    const choice = await chooseChromium({ CHROMIUM_PATH: "packaged" });
    expect(choice.source).toBe("packaged");
    expect(choice.executablePath).not.toBe(SYSTEM_CHROMIUM);
    const browser = await chromium.launch({ executablePath: choice.executablePath, headless: true, args: choice.args });
    try {
      const page = await browser.newPage();
      await page.setContent(`<html lang="fr"><h1>Cotisations versées à l'été, contribución</h1></html>`);
      expect(await page.textContent("h1")).toBe("Cotisations versées à l'été, contribución");
      expect(await page.evaluate(() => document.fonts.check("16px sans-serif", "éçñ"))).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it("refuses a CHROMIUM_PATH that names no file", async () => {
    await expect(chooseChromium({ CHROMIUM_PATH: "/nonexistent/chromium" })).rejects.toThrow(/does not exist/);
  });
});
