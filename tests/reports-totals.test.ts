/**
 * Property of the pure report assembly (src/reports/monthly-report.ts `assembleReport`): for any groups of
 * entries, every total equals the sum of the rows it covers, the row count is the number of rows, and the
 * checksum is the SHA-256 of the rows' CSV. Expected sums are recomputed here with Dec from the rows.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec } from "../src/domain/money.js";
import { assembleReport, type ReportGroup } from "../src/reports/monthly-report.js";

const group = fc.record({
  worker: fc.constantFrom("nid:a", "nid:b", "p1:c"),
  workerRef: fc.constantFrom("w1", "w2"),
  platform: fc.constantFrom("alpha", "beta"),
  rule: fc.constantFrom("de-pension-worker", "de-health-platform", "jp-yen"),
  period: fc.constantFrom("2026-03", "2026"),
  month: fc.constant("2026-03"),
  baseDeltas: fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => new Dec(n).div(1000).toString()), { minLength: 1, maxLength: 4 }),
  contributionMinor: fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map((n) => new Dec(n.toString())),
  payouts: fc.nat(5),
  reversals: fc.nat(2),
});

const schemeOf = (rule: string) => (rule.includes("pension") ? "pension" : rule.includes("health") ? "health" : "pension");
const payerOf = (rule: string) => (rule.endsWith("platform") ? "platform" : "worker");
const currencyOf = (rule: string) => (rule.startsWith("jp") ? "JPY" : "EUR");

describe("assembleReport", () => {
  it("totals always equal the sum of their rows; checksum is SHA-256 of the CSV", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(group, { selector: (g) => `${g.worker}|${g.workerRef}|${g.platform}|${g.rule}|${g.period}`, maxLength: 30 }), async (raw) => {
        const groups: ReportGroup[] = raw.map((g) => ({ ...g, scheme: schemeOf(g.rule), payer: payerOf(g.rule), currency: currencyOf(g.rule) }));
        const fairPay = { workers_compared: 0, workers_under_minimum: 0, workers_not_compared: 0 };
        const { report, csv } = await assembleReport(groups, [], { jurisdiction: "DE", period: "2026-03", chainHead: { eventSeq: 1, hash: "0".repeat(64) }, generatedAt: new Date(0), closedAt: null, fairPay });
        expect(report.row_count).toBe(groups.length);
        expect(report.checksum.value).toBe(createHash("sha256").update(csv, "utf8").digest("hex"));
        const sum = (rows: typeof report.rows, field: "contribution" | "contribution_base") => rows.reduce((s, r) => s.plus(r[field]), new Dec(0));
        for (const t of report.totals.by_platform_scheme) {
          const rows = report.rows.filter((r) => r.platform === t.platform && r.scheme === t.scheme && r.payer === t.payer && r.currency === t.currency);
          expect(new Dec(t.contribution).eq(sum(rows, "contribution"))).toBe(true);
          expect(new Dec(t.contribution_base).eq(sum(rows, "contribution_base"))).toBe(true);
        }
        for (const t of report.totals.by_scheme) {
          const rows = report.rows.filter((r) => r.scheme === t.scheme && r.payer === t.payer && r.currency === t.currency);
          expect(new Dec(t.contribution).eq(sum(rows, "contribution"))).toBe(true);
        }
        for (const t of report.totals.by_payer) {
          expect(new Dec(t.contribution).eq(sum(report.rows.filter((r) => r.payer === t.payer && r.currency === t.currency), "contribution"))).toBe(true);
        }
        const covered = report.totals.by_payer.reduce((s, t) => s + report.rows.filter((r) => r.payer === t.payer && r.currency === t.currency).length, 0);
        expect(covered).toBe(report.rows.length);
      }),
      { numRuns: 200 },
    );
  });
});
