/**
 * The browser tests need no system Chromium: with CHROMIUM_PATH=packaged (what a machine without Debian's
 * Chromium gets by default) tests/support/chromium.ts picks the Chromium shipped in @sparticuz/chromium,
 * which launches headless under playwright-core, keeps accented text intact and finds the package's font
 * (Open Sans, through tests/support/chromium.ts's fonts.conf). A CHROMIUM_PATH naming a
 * missing file is an error, not a silent fallback.
 */
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chooseChromium, SYSTEM_CHROMIUM } from "../support/chromium.js";

describe("the Chromium the browser tests drive", () => {
  it("is the npm package's with CHROMIUM_PATH=packaged, and it renders a page with accented text headless", async () => {
    const choice = await chooseChromium({ CHROMIUM_PATH: "packaged" });
    expect(choice.source).toBe("packaged");
    expect(choice.executablePath).not.toBe(SYSTEM_CHROMIUM);
    const browser = await chromium.launch({
      executablePath: choice.executablePath,
      headless: true,
      args: choice.args,
      env: choice.env,
    });
    try {
      const page = await browser.newPage();
      await page.setContent(`<html lang="fr"><h1>Cotisations versées à l'été, contribución</h1></html>`);
      expect(await page.textContent("h1")).toBe("Cotisations versées à l'été, contribución");
      // The package's font (Open Sans) is found through our fonts.conf: text set in it, with monospace as
      // the fallback, is not as wide as text in monospace alone.
      const widths = await page.evaluate(() =>
        ["'Open Sans', monospace", "monospace"].map((family) => {
          const span = document.createElement("span");
          span.style.font = `16px ${family}`;
          span.textContent = "Cotisations versées à l'été";
          document.body.append(span);
          return span.getBoundingClientRect().width;
        }),
      );
      expect(widths[0]).not.toBe(widths[1]);
    } finally {
      await browser.close();
    }
  });

  it("refuses a CHROMIUM_PATH that names no file", async () => {
    await expect(chooseChromium({ CHROMIUM_PATH: "/nonexistent/chromium" })).rejects.toThrow(
      /does not exist/,
    );
  });
});
