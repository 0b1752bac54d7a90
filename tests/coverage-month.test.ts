/**
 * Month-level coverage on the worker page (src/agency-reports/coverage.ts monthCoverage) from the dated
 * coverage rules: DE counts a month with any pension contribution (SGB VI § 55, seeded without a
 * minimum), a month with nothing paid does not count and misses one minor unit, schemes and
 * jurisdictions without a monthly rule (DE health, US yearly credits) and proposed rules (MY) are not
 * assessed; a rule with a minimum reports what is missing.
 */
import { describe, expect, it } from "vitest";
import { startLocalInstance } from "../scripts/lib/local-instance.js";
import type { CoverageRule } from "../src/db/seed/coverage-rules.js";
import { Dec } from "../src/domain/money.js";
import { monthCoverage } from "../src/agency-reports/coverage.js";
import { payoutEvent } from "./support/ledger-test-kit.js";

describe("monthCoverage", () => {
  it("counts a German month with any pension contribution", () => {
    expect(monthCoverage("DE", "pension", "EUR", "2026-03", new Dec(1))).toEqual({ status: "counts" });
  });

  it("does not count a German month whose contributions were fully reversed, one cent missing", () => {
    expect(monthCoverage("DE", "pension", "EUR", "2026-03", new Dec(0))).toEqual({
      status: "does_not_count",
      missing: { amount: "0.01", currency: "EUR" },
    });
  });

  it("does not assess schemes and jurisdictions without an enacted monthly rule", () => {
    expect(monthCoverage("DE", "health", "EUR", "2026-03", new Dec(500))).toEqual({ status: "not_assessed" });
    expect(monthCoverage("US", "pension", "USD", "2026-03", new Dec(500))).toEqual({
      status: "not_assessed",
    });
    expect(monthCoverage("MY", "employment_injury", "MYR", "2026-03", new Dec(500))).toEqual({
      status: "not_assessed",
    });
    expect(monthCoverage("DE", "pension", "EUR", "2024-12", new Dec(500))).toEqual({
      status: "not_assessed",
    });
  });

  it("reports what is missing under a minimum monthly contribution", () => {
    const rule: CoverageRule = {
      code: "xx-test-minimum",
      jurisdiction: "DE",
      scheme: "pension",
      kind: "month_with_contribution",
      currency: "EUR",
      minimum_monthly_contribution: "103.42",
      effective_from: "2026-01-01",
      effective_to: null,
      status: "enacted",
      source: { title: "test rule", url: "https://example.invalid/test", retrieved: "2026-11-30" },
    };
    // 100.00 EUR paid (10,000 cents) against a 103.42 EUR minimum: 3.42 EUR missing.
    expect(monthCoverage("DE", "pension", "EUR", "2026-03", new Dec(10_000), [rule])).toEqual({
      status: "does_not_count",
      missing: { amount: "3.42", currency: "EUR" },
    });
    expect(monthCoverage("DE", "pension", "EUR", "2026-03", new Dec(10_342), [rule])).toEqual({
      status: "counts",
    });
  });
});

describe("the worker's record shows each month's coverage", () => {
  it("marks a German month with a pension contribution as counting and health as not assessed", async () => {
    const instance = await startLocalInstance();
    try {
      const platform = await instance.createPlatform("cov");
      expect(
        (await platform.sender.send(payoutEvent({ id: "cov-1", worker: "w-cov", amount: "100.00" }))).status,
      ).toBe(201);
      const link = await fetch(`${instance.baseUrl}/v1/workers/w-cov/access-links`, {
        method: "POST",
        headers: { authorization: `Bearer ${platform.apiKey}` },
      });
      const { url } = (await link.json()) as { url: string };
      const record = (await (await fetch(`${url}/record.json`)).json()) as {
        months: { month: string; schemes: { scheme: string; coverage: { status: string } }[] }[];
      };
      const march = record.months.find((m) => m.month === "2026-03")!;
      expect(Object.fromEntries(march.schemes.map((s) => [s.scheme, s.coverage.status]))).toEqual({
        pension: "counts",
        health: "not_assessed",
      });
    } finally {
      await instance.close();
    }
  });
});
