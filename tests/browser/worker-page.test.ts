/**
 * The worker page in a real browser: Chromium driven by playwright-core (Debian's /usr/bin/chromium when
 * present, else the one shipped in the npm package @sparticuz/chromium; CHROMIUM_PATH overrides, see
 * tests/support/chromium.ts),
 * against a real instance (startLocalInstance) holding a replay of data/crowdflower-sample.csv through
 * the signed webhook path, shifted so that the first row falls on 2025-01-28 (the sample's 2014-06-27 to
 * 2014-07-14 then covers 2025-01-28 to 2025-02-14, under the seeded 2025 rules: US payouts accrue OASDI
 * and Medicare self-employment contributions, and a worker's payouts span two months).
 *
 * The worker: the US worker with the most rows in the sample (ties broken by worker_ref), found from the
 * CSV here, not from the service. Expected figures are computed here from the CSV rows with Dec:
 * - contributions: the two US rules accrue per calendar year with one rounding of the year-to-date total
 *   (docs/design.md §4.1), so the year's total is round_half_up(rate × 0.9235 × Σ amounts) for OASDI (12.4 %,
 *   far below the 176,100 USD cap) and Medicare (2.9 %, far below 200,000 USD);
 * - pay per hour: per local month (America/New_York, by Intl), Σ amounts × 3600 / Σ duration_s, rounded
 *   half-up to the cent, against the federal 7.25 USD.
 * The page's figures are also checked against record.json (the API), the CSV download is parsed and its
 * rows summed back to the page's totals, axe-core scans the page in each language, and screenshots at
 * phone (360 px) and desktop (1280 px) widths go to test-artifacts/.
 *
 * Chromium is not optional and needs no install step: `npm ci` brings the packaged one.
 */
import AxeBuilder from "@axe-core/playwright";
import { parse } from "csv-parse/sync";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dec, roundToMinor, formatMinor } from "../../src/domain/money.js";
import { en } from "../../src/i18n/messages/en.js";
import { es } from "../../src/i18n/messages/es.js";
import { fr } from "../../src/i18n/messages/fr.js";
import { startLocalInstance, type LocalInstance } from "../../scripts/lib/local-instance.js";
import { replay } from "../../scripts/lib/replay.js";
import { chooseChromium } from "../support/chromium.js";
import type { WorkerRecordAnswer } from "../../src/schemas/worker-record.js";

const SAMPLE = fileURLToPath(new URL("../../data/crowdflower-sample.csv", import.meta.url));
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const SHIFT_TO = "2025-01-28";
const DAY_MS = 86_400_000;

interface SampleRow {
  event_id: string;
  worker_ref: string;
  country: string;
  occurred_at: string;
  duration_s: string;
  amount: string;
  currency: string;
}
const rows = parse(readFileSync(SAMPLE, "utf8"), { columns: true, skip_empty_lines: true }) as SampleRow[];
/** The replay's shift: whole days moving the first row's UTC date to SHIFT_TO (scripts/lib/payout-csv.ts). */
const offsetMs =
  Date.parse(`${SHIFT_TO}T00:00:00Z`) - Math.floor(Date.parse(rows[0]!.occurred_at) / DAY_MS) * DAY_MS;
const newYorkDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/New_York",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const localMonth = (occurredAt: string) =>
  newYorkDay.format(new Date(Date.parse(occurredAt) + offsetMs)).slice(0, 7);

const worker = (() => {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.country === "US") counts.set(r.worker_ref, (counts.get(r.worker_ref) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
})();
const workerRows = rows.filter((r) => r.worker_ref === worker);
const sumAmounts = (list: readonly SampleRow[]) => list.reduce((s, r) => s.plus(r.amount), new Dec(0));
const usd = (exact: Dec) => formatMinor(roundToMinor(exact, "USD", "half_up"), "USD");
const expected = {
  payouts: usd(sumAmounts(workerRows)),
  oasdi: usd(sumAmounts(workerRows).times("0.9235").times("0.124")),
  medicare: usd(sumAmounts(workerRows).times("0.9235").times("0.029")),
  months: [...new Set(workerRows.map((r) => localMonth(r.occurred_at)))].sort(),
  hourly: (month: string) => {
    const inMonth = workerRows.filter((r) => localMonth(r.occurred_at) === month);
    const seconds = inMonth.reduce((s, r) => s + Number(r.duration_s), 0);
    return usd(sumAmounts(inMonth).times(3600).div(seconds));
  },
};

let inst: LocalInstance;
let context: BrowserContext;
let profileDir: string;
let pageUrl: string;
let record: WorkerRecordAnswer;

/** A page at `width` × 800 CSS px showing `url`. */
async function open(url: string, width: number, headers: Record<string, string> = {}): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 800 });
  await page.setExtraHTTPHeaders(headers);
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  return page;
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(10);
}

beforeAll(async () => {
  const browser = await chooseChromium();
  inst = await startLocalInstance();
  const platform = await inst.createPlatform("crowdflower");
  const summary = await replay({
    csvPath: SAMPLE,
    baseUrl: inst.baseUrl,
    platform: "crowdflower",
    secret: platform.webhookSecret,
    batchSize: 500,
    concurrency: 2,
    shiftTo: SHIFT_TO,
  });
  // Every row is recorded but the ones without a country, which the service rejects.
  expect(summary.counts).toMatchObject({
    recorded: rows.filter((r) => r.country !== "").length,
    rejected: rows.filter((r) => r.country === "").length,
    failed: 0,
  });

  const link = await fetch(`${inst.baseUrl}/v1/workers/${worker}/access-links`, {
    method: "POST",
    headers: { authorization: `Bearer ${platform.apiKey}` },
  });
  expect(link.status).toBe(201);
  pageUrl = ((await link.json()) as { url: string }).url;
  record = (await (await fetch(`${pageUrl}/record.json`)).json()) as WorkerRecordAnswer;

  profileDir = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browser.executablePath,
    headless: true,
    acceptDownloads: true,
    args: browser.args,
    env: browser.env,
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  await inst?.close();
});

describe("the worker page of a replayed CrowdFlower worker, in Chromium", () => {
  it("shows the payouts and the OASDI and Medicare totals computed from the CSV, equal to record.json", async () => {
    const page = await open(pageUrl, 1280);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.textContent("h1")).toBe(en["page.title"]);
    const money = new Intl.NumberFormat("en", { style: "currency", currency: "USD" });
    for (const [id, amount] of [
      ["total-US-pension-worker-USD", expected.oasdi],
      ["total-US-health-worker-USD", expected.medicare],
    ] as const) {
      const cell = page.locator(`#${id}`);
      expect(await cell.getAttribute("value")).toBe(amount);
      expect(await cell.textContent()).toBe(money.format(amount as Intl.StringNumericLiteral));
    }
    // The API says the same, figure by figure.
    for (const t of record.totals.by_scheme)
      expect(
        await page
          .locator(`#total-${t.jurisdiction}-${t.scheme}-${t.payer}-${t.currency}`)
          .getAttribute("value"),
      ).toBe(t.amount);
    expect(record.totals.payouts).toEqual([
      { amount: expected.payouts, currency: "USD", count: workerRows.length },
    ]);
    expect(await page.locator("#totals-payouts data").getAttribute("value")).toBe(expected.payouts);
    // Month by month, as the CSV's local dates say.
    expect(record.months.map((m) => m.month)).toEqual(expected.months);
    expect(expected.months.length).toBeGreaterThan(1);
    for (const m of record.months)
      expect(await page.locator(`#month-${m.month}-withheld data`).getAttribute("value")).toBe(
        m.withheld_from_you[0]!.amount,
      );
    // One chart (USD), a bar per month.
    expect(await page.locator("svg#chart-USD g").count()).toBe(expected.months.length);
    // The honest coverage line, not a claim of cover.
    expect(await page.locator("[data-coverage=not_assessed]").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("states pay per hour of task time per month against the federal minimum wage", async () => {
    const page = await open(pageUrl, 1280);
    for (const month of expected.months) {
      const line = record.effective_pay.find((m) => m.month === month)!.lines[0]!;
      expect(line).toMatchObject({
        jurisdiction: "US",
        currency: "USD",
        hourly: expected.hourly(month),
        minimum_wage: { hourly: "7.25" },
      });
      const verdict = new Dec(line.hourly).lt("7.25") ? "below_minimum" : "at_or_above_minimum";
      const item = page.locator(`#pay-${month}-US-USD-${line.minimum_wage!.id}`);
      expect(await item.getAttribute("data-verdict")).toBe(verdict);
      expect(await item.locator(`[id$="-hourly"]`).getAttribute("value")).toBe(expected.hourly(month));
      const sentence = en[verdict === "below_minimum" ? "pay.below" : "pay.atOrAbove"].split("{minimum}")[0]!;
      expect(await item.textContent()).toContain(sentence);
    }
    await page.close();
  });

  it("exports a CSV whose rows sum back to the page's totals (round trip)", async () => {
    const page = await open(pageUrl, 1280);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-csv")]);
    expect(download.suggestedFilename()).toBe("contribution-record.csv");
    const text = readFileSync((await download.path())!, "utf8");
    expect(text.split("\r\n")[0]!.startsWith("record,platform,event_id,type")).toBe(true);
    const csv = parse(text, { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
    const events = csv.filter((r) => r.record === "event");
    const entries = csv.filter((r) => r.record === "entry");
    expect(events.map((e) => e.event_id).sort()).toEqual(workerRows.map((r) => r.event_id).sort());
    expect(
      events.every(
        (e) => /^\d{4}-\d{2}-\d{2}$/.test(e.local_date!) && !Number.isNaN(Date.parse(e.occurred_at!)),
      ),
    ).toBe(true);
    const sum = (list: readonly Record<string, string>[]) =>
      usd(list.reduce((s, r) => s.plus(r.amount!), new Dec(0)));
    expect(sum(events)).toBe(await page.locator("#totals-payouts data").getAttribute("value"));
    for (const [scheme, payer] of [
      ["pension", "worker"],
      ["health", "worker"],
    ]) {
      expect(sum(entries.filter((e) => e.scheme === scheme && e.payer === payer))).toBe(
        await page.locator(`#total-US-${scheme}-${payer}-USD`).getAttribute("value"),
      );
    }
    expect(sum(entries.filter((e) => e.payer === "worker"))).toBe(
      await page.locator("#totals-withheld data").getAttribute("value"),
    );
    expect(
      entries.every((e) => e.rule !== "" && e.period === "2025" && e.rule_source_url!.startsWith("https://")),
    ).toBe(true);
    await page.close();
  });

  it("switches language by link and by Accept-Language, formatting amounts and dates for the locale", async () => {
    const page = await open(pageUrl, 360);
    await page.click("a[hreflang=fr]");
    await page.waitForURL(/\?lang=fr$/);
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.textContent("h1")).toBe(fr["page.title"]);
    const oasdi = page.locator("#total-US-pension-worker-USD");
    expect(await oasdi.textContent()).toBe(
      new Intl.NumberFormat("fr", { style: "currency", currency: "USD" }).format(
        expected.oasdi as Intl.StringNumericLiteral,
      ),
    );
    const month = new Intl.DateTimeFormat("fr", { month: "long", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${expected.months[0]}-01T00:00:00Z`),
    );
    expect(await page.textContent(`#month-${expected.months[0]}-h`)).toBe(month);
    await page.click("a[hreflang=es]");
    await page.waitForURL(/\?lang=es$/);
    expect(await page.textContent("h1")).toBe(es["page.title"]);
    await page.close();

    const spanish = await open(pageUrl, 360, { "accept-language": "es-MX,es;q=0.9,en;q=0.5" });
    expect(await spanish.getAttribute("html", "lang")).toBe("es");
    expect(await spanish.textContent("#pay-h")).toBe(es["pay.heading"]);
    await spanish.close();
  });

  it("has no axe-core violation in any language, and is screenshotted at phone and desktop widths", async () => {
    for (const lang of ["en", "fr", "es"]) {
      const page = await open(`${pageUrl}?lang=${lang}`, 360);
      await expectNoAxeViolations(page);
      await page.screenshot({ path: join(ARTIFACTS, `worker-page-${lang}-360.png`), fullPage: true });
      if (lang === "en") {
        // Nothing wider than the phone's screen: the page does not scroll sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.screenshot({ path: join(ARTIFACTS, "worker-page-en-1280.png"), fullPage: true });
      }
      await page.close();
    }
    const refused = await context.newPage();
    await refused.setViewportSize({ width: 360, height: 640 });
    expect((await refused.goto(`${inst.baseUrl}/w/not-a-token?lang=fr`))?.status()).toBe(403);
    expect(await refused.textContent("h1")).toBe(fr["problem.invalid.title"]);
    await expectNoAxeViolations(refused);
    await refused.screenshot({ path: join(ARTIFACTS, "worker-link-refused-fr-360.png") });
    await refused.close();
  });
});
