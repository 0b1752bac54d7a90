/**
 * Property of the pure report assembly (src/agency-reports/monthly-report.ts `assembleReport`): for any groups of
 * entries, every total equals the sum of the rows it covers, the row count is the number of rows, and the
 * checksum is the SHA-256 of the rows' CSV. Expected sums are recomputed here with Dec from the rows.
 * Also: the CSV chunks (streamed body) concatenate to that CSV for any chunk size, JSON pages of any size
 * concatenate to the rows (src/agency-reports/report-pages.ts), and `ratesApplied` on hand-written versions.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec } from "../src/domain/money.js";
import {
  assembleReport,
  ratesApplied,
  REPORT_COLUMNS,
  reportCsv,
  reportCsvChunks,
  type ReportGroup,
} from "../src/agency-reports/monthly-report.js";
import { decodeCursor, reportPage } from "../src/agency-reports/report-pages.js";

const group = fc.record({
  worker: fc.constantFrom("nid:a", "nid:b", "p1:c"),
  workerRef: fc.constantFrom("w1", "w2"),
  platform: fc.constantFrom("alpha", "beta"),
  rule: fc.constantFrom("de-pension-worker", "de-health-platform", "jp-yen"),
  period: fc.constantFrom("2026-03", "2026"),
  month: fc.constant("2026-03"),
  baseDeltas: fc.array(
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => new Dec(n).div(1000).toString()),
    { minLength: 1, maxLength: 4 },
  ),
  contributionMinor: fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map((n) => new Dec(n.toString())),
  payouts: fc.nat(5),
  reversals: fc.nat(2),
  rates: fc.constantFrom("0.093", "0.0855|0.0875", "0.05/0.1"),
});

const schemeOf = (rule: string) =>
  rule.includes("pension") ? "pension" : rule.includes("health") ? "health" : "pension";
const payerOf = (rule: string) => (rule.endsWith("platform") ? "platform" : "worker");
const currencyOf = (rule: string) => (rule.startsWith("jp") ? "JPY" : "EUR");

type RawGroup = typeof group extends fc.Arbitrary<infer T> ? T : never;
const fairPay = { workers_compared: 0, workers_under_minimum: 0, workers_not_compared: 0 };
const assembled = async (raw: RawGroup[]) => {
  const groups: ReportGroup[] = raw.map((g) => ({
    ...g,
    scheme: schemeOf(g.rule),
    payer: payerOf(g.rule),
    currency: currencyOf(g.rule),
    bases: [],
  }));
  return (
    await assembleReport(groups, [], {
      jurisdiction: "DE",
      period: "2026-03",
      chainHead: { eventSeq: 1, hash: "0".repeat(64) },
      generatedAt: new Date(0),
      closedAt: null,
      fairPay,
      csvFormat: 2,
    })
  ).report;
};
const uniqueGroups = fc.uniqueArray(group, {
  selector: (g) => `${g.worker}|${g.workerRef}|${g.platform}|${g.rule}|${g.period}`,
  maxLength: 30,
});

describe("assembleReport", () => {
  it("totals always equal the sum of their rows; checksum is SHA-256 of the CSV", async () => {
    await fc.assert(
      fc.asyncProperty(uniqueGroups, async (raw) => {
        const report = await assembled(raw);
        const csv = reportCsv(report.rows);
        expect(report.row_count).toBe(raw.length);
        expect(report.checksum.value).toBe(createHash("sha256").update(csv, "utf8").digest("hex"));
        const sum = (rows: typeof report.rows, field: "contribution" | "contribution_base") =>
          rows.reduce((s, r) => s.plus(r[field]), new Dec(0));
        for (const t of report.totals.by_platform_scheme) {
          const rows = report.rows.filter(
            (r) =>
              r.platform === t.platform &&
              r.scheme === t.scheme &&
              r.payer === t.payer &&
              r.currency === t.currency,
          );
          expect(new Dec(t.contribution).eq(sum(rows, "contribution"))).toBe(true);
          expect(new Dec(t.contribution_base).eq(sum(rows, "contribution_base"))).toBe(true);
        }
        for (const t of report.totals.by_scheme) {
          const rows = report.rows.filter(
            (r) => r.scheme === t.scheme && r.payer === t.payer && r.currency === t.currency,
          );
          expect(new Dec(t.contribution).eq(sum(rows, "contribution"))).toBe(true);
        }
        for (const t of report.totals.by_payer) {
          expect(
            new Dec(t.contribution).eq(
              sum(
                report.rows.filter((r) => r.payer === t.payer && r.currency === t.currency),
                "contribution",
              ),
            ),
          ).toBe(true);
        }
        const covered = report.totals.by_payer.reduce(
          (s, t) => s + report.rows.filter((r) => r.payer === t.payer && r.currency === t.currency).length,
          0,
        );
        expect(covered).toBe(report.rows.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe("report rows, CSV chunks and pages", () => {
  it("national_id_hash is the hash of an nid: worker key, else empty; rates are the group's", async () => {
    await fc.assert(
      fc.asyncProperty(uniqueGroups, async (raw) => {
        const report = await assembled(raw);
        for (const row of report.rows) {
          expect(row.national_id_hash).toBe(row.worker.startsWith("nid:") ? row.worker.split(":")[1] : "");
          expect(row.rates).toBe(
            raw.find(
              (g) =>
                g.worker === row.worker &&
                g.workerRef === row.worker_ref &&
                g.platform === row.platform &&
                g.rule === row.rule &&
                g.period === row.period,
            )!.rates,
          );
        }
      }),
      { numRuns: 50 },
    );
  });

  it("CSV chunks of any size concatenate to the checksummed CSV, header first", async () => {
    await fc.assert(
      fc.asyncProperty(uniqueGroups, fc.integer({ min: 1, max: 7 }), async (raw, size) => {
        const report = await assembled(raw);
        const chunks = [...reportCsvChunks(report.rows, REPORT_COLUMNS, size)];
        expect(chunks).toHaveLength(Math.max(1, Math.ceil(report.rows.length / size)));
        expect(chunks[0]!.startsWith(`${REPORT_COLUMNS.join(",")}\r\n`)).toBe(true);
        expect(createHash("sha256").update(chunks.join(""), "utf8").digest("hex")).toBe(
          report.checksum.value,
        );
      }),
      { numRuns: 100 },
    );
  });

  it("pages of any limit, followed by next_cursor, concatenate to the rows and carry the whole report's metadata", async () => {
    await fc.assert(
      fc.asyncProperty(uniqueGroups, fc.integer({ min: 1, max: 8 }), async (raw, limit) => {
        const report = await assembled(raw);
        const rows: typeof report.rows = [];
        let cursor: string | null | undefined;
        let pages = 0;
        do {
          const page = reportPage(report, cursor ? decodeCursor(cursor) : undefined, limit);
          expect(page.rows.length).toBeLessThanOrEqual(limit);
          expect({ ...page, rows: [], next_cursor: null }).toEqual({
            ...report,
            rows: [],
            next_cursor: null,
          });
          rows.push(...page.rows);
          cursor = page.next_cursor;
          pages++;
        } while (cursor !== null);
        expect(rows).toEqual(report.rows);
        expect(pages).toBe(Math.max(1, Math.ceil(report.rows.length / limit)));
      }),
      { numRuns: 100 },
    );
  });
});

describe("ratesApplied", () => {
  const version = (id: number, effectiveFrom: string, rates: string[]) => ({
    id,
    effectiveFrom,
    brackets: rates.map((rate, k) => ({ threshold: new Dec(k * 1000), rate: new Dec(rate) })),
  });
  it("lists each version's non-zero marginal rates, oldest version first", () => {
    // Written from the rule data: DE health worker 2025 [{0, 0.0855}, {5512.50, 0}] and 2026 [{0, 0.0875}, {5812.50, 0}].
    expect(
      ratesApplied([version(2, "2026-01-01", ["0.0875", "0"]), version(1, "2025-01-01", ["0.0855", "0"])]),
    ).toBe("0.0855|0.0875");
    expect(ratesApplied([version(1, "2026-01-01", ["0.093", "0"])])).toBe("0.093");
    expect(ratesApplied([version(1, "2026-01-01", ["0", "0.05", "0.1"])])).toBe("0.05/0.1");
    expect(ratesApplied([version(1, "2026-01-01", ["0"])])).toBe("0");
  });
});
