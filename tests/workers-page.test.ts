/**
 * Rendering of the worker page from a record (src/pages/worker-page.tsx): the per-month coverage slot in
 * its three states (written by hand here; tests/coverage-month.test.ts checks the states the coverage
 * rules produce), the chart's bars, and a page that needs no script.
 * The record is written by hand here; the HTTP tests (workers*.test.ts, tests/browser/) cover real ones.
 */
import { describe, expect, it } from "vitest";
import { MESSAGES } from "../src/i18n/translate.js";
import { workerPageHtml } from "../src/pages/worker-page.js";
import type { MonthRecord, MonthScheme, WorkerRecord } from "../src/schemas/worker-record.js";

const scheme = (total: string, coverage: MonthScheme["coverage"]): MonthScheme => ({
  jurisdiction: "DE",
  scheme: "pension",
  currency: "EUR",
  withheld_from_you: total,
  paid_by_platform: "0.00",
  total,
  coverage,
});
const month = (m: string, schemes: MonthScheme[]): MonthRecord => ({
  month: m,
  platforms: [],
  withheld_from_you: [],
  paid_by_platform: [],
  schemes,
});

function record(months: MonthRecord[]): WorkerRecord {
  return {
    platforms: [{ slug: "alpha", name: "Alpha" }],
    months,
    totals: { payouts: [], reversals: [], by_scheme: [], withheld_from_you: [], paid_by_platform: [] },
    coverage: [],
    rules: [],
    effective_pay: [],
  };
}

const render = (months: MonthRecord[], locale: "en" | "fr" | "es" = "en") =>
  workerPageHtml({
    record: record(months),
    receipts: [],
    expiresAt: new Date("2026-12-01T00:00:00Z"),
    token: "t",
    locale,
  });

describe("the month's coverage line", () => {
  it("renders each state in the page's language, with the amount still missing", async () => {
    const html = await render(
      [
        month("2026-01", [scheme("1.00", { status: "not_assessed" })]),
        month("2026-02", [scheme("2.00", { status: "counts" })]),
        month("2026-03", [
          scheme("3.00", { status: "does_not_count", missing: { amount: "4.50", currency: "EUR" } }),
        ]),
      ],
      "fr",
    );
    expect(html).toContain('data-coverage="not_assessed"');
    expect(html).toContain(MESSAGES.fr["coverage.not_assessed"].split("{amount}")[1]);
    expect(html).toContain('data-coverage="counts"');
    expect(html).toContain(MESSAGES.fr["coverage.counts"].split("{amount}")[1]);
    expect(html).toContain('data-coverage="does_not_count"');
    const missing = new Intl.NumberFormat("fr", { style: "currency", currency: "EUR" }).format(4.5);
    expect(html).toContain(`<data value="4.50" data-currency="EUR">${missing}</data>`);
  });
});

describe("the contributions chart", () => {
  it("draws one bar per month scaled to the highest month, none for a month with a negative total", async () => {
    const html = await render([
      month("2026-01", [scheme("1.00", { status: "not_assessed" })]),
      month("2026-02", [scheme("0.50", { status: "not_assessed" })]),
      month("2026-03", [scheme("-0.20", { status: "not_assessed" })]),
    ]);
    // Plot height 180 − 20 (top) − 34 (bottom) = 126 units: 1.00 is the full height, 0.50 half of it.
    expect([...html.matchAll(/<rect [^>]*height="([0-9.]+)"/g)].map((m) => m[1])).toEqual(["126", "63"]);
    expect(html).toContain('role="img" aria-labelledby="chart-EUR-title chart-EUR-desc"');
    expect(html).toContain('<title id="chart-EUR-title">Contributions per month and scheme, in EUR</title>');
    expect([...html.matchAll(/<g>/g)]).toHaveLength(3);
  });

  it("is left out when no month has a positive contribution", async () => {
    const html = await render([month("2026-01", [scheme("0.00", { status: "not_assessed" })])]);
    expect(html).not.toContain("<svg");
    expect(html).not.toContain(MESSAGES.en["chart.heading"]);
  });
});

describe("without JavaScript", () => {
  it("has no script and switches language with plain links", async () => {
    const html = await render([]);
    expect(html).not.toMatch(/<script/i);
    for (const lang of ["en", "fr", "es"]) expect(html).toContain(`href="?lang=${lang}"`);
  });
});
