/**
 * The agency monthly report's published contract, version 1: zod schemas of the JSON report (rows,
 * totals, corrections, fair pay, paging) and of its two CSV sections (one record per row, cells in
 * column order), from which src/agency-reports/monthly-report.ts takes its types and GET /schemas/… serves
 * JSON Schema (draft 2020-12, `z.toJSONSchema`) at stable versioned URLs (src/routes/schemas.ts).
 *
 * The contract is closed (`additionalProperties: false`, fixed CSV columns): a field or column added,
 * removed or changed is a new version served beside this one, never an edit of v1. The committed copies
 * under schemas/monthly-report/v1/ are what a test compares the served documents with.
 *
 * Money is a signed decimal string in the currency's minor unit (`contribution`, `contribution_base`);
 * counts are integers (in CSV, integer strings). Hashes are lowercase hex SHA-256.
 */
import { z } from "zod";

export const REPORT_SCHEMA_VERSION = "v1";
/** Canonical base of the schemas' `$id` (as the problem types under https://contribution-ledger.dev/problems/). */
export const SCHEMA_ID_BASE = "https://contribution-ledger.dev/schemas";

const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, "a signed decimal string")
  .describe('decimal string in the currency\'s minor unit, e.g. "9.30" or "-3.72"');
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .describe("ISO 4217 code of the rule's currency");
const payer = z
  .enum(["worker", "platform"])
  .describe("who owes the contribution: the worker (withheld by the platform) or the platform");
const count = z.int().min(0);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const instant = z.iso.datetime({ offset: true }).describe("RFC 3339 instant, UTC");
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe("local month YYYY-MM of the payouts in the jurisdiction's time zone");

/** The cells a report row and a CSV record share (CSV: the same text; counts as integer strings). */
const rowFields = {
  worker: z
    .string()
    .min(1)
    .describe(
      'pseudonymous worker key: "nid:<keyed hash>" (known by national id) or "p<platform id>:<worker id>"',
    ),
  national_id_hash: z
    .string()
    .regex(/^([0-9a-f]{64})?$/)
    .describe("keyed hash (HMAC-SHA256, hex) of the national id when the worker is known by one, else empty"),
  worker_ref: z.string().describe("the platform's own worker id"),
  platform: z.string().describe("platform slug"),
  rule: z.string().describe("rule code, e.g. de-pension-worker"),
  scheme: z.string().describe("scheme, e.g. pension, health"),
  payer,
  period: z
    .string()
    .describe('contribution period key: a month "2026-03", a year "2026" or a tax year "2026/27"'),
  contribution_base: decimal.describe(
    "exact sum of the base changes, rounded half-up to the minor unit for display",
  ),
  rates: z
    .string()
    .describe(
      'marginal rates of the rule versions applied, one part per version ("|"-separated, oldest first)',
    ),
  contribution: decimal.describe("sum of the contributions, exact (integer minor units summed)"),
  currency,
} as const;

export const reportRowSchema = z
  .object({
    ...rowFields,
    payouts: count.describe("distinct payout events behind the row"),
    reversals: count.describe("distinct reversal events behind the row"),
    why: z
      .array(z.string())
      .optional()
      .describe("why the rule applied as it did, in English (JSON only; not under the checksum)"),
  })
  .meta({ title: "Report row" });

export const correctionRowSchema = reportRowSchema
  .extend({ original_period: month.describe("the closed month the late entries belong to") })
  .meta({ title: "Correction row" });

const schemeTotal = z.object({
  scheme: z.string(),
  payer,
  currency,
  contribution_base: decimal,
  contribution: decimal,
});
export const platformSchemeTotalSchema = schemeTotal.extend({ platform: z.string() });
export const payerTotalSchema = z.object({ payer, currency, contribution: decimal });
export const correctionTotalSchema = schemeTotal.extend({ original_period: month });

export const reportTotalsSchema = z.object({
  by_platform_scheme: z.array(platformSchemeTotalSchema),
  by_scheme: z.array(schemeTotal),
  by_payer: z.array(payerTotalSchema),
});

const checksum = z.object({
  algorithm: z.literal("SHA-256"),
  value: sha256Hex.describe("SHA-256 of the section's canonical CSV (the CSV served, byte for byte)"),
});

export const correctionsSectionSchema = z.object({
  row_count: count,
  checksum,
  rows: z.array(correctionRowSchema),
  totals: z.array(correctionTotalSchema),
});

export const underMinimumCountSchema = z.object({
  workers_compared: count.describe(
    "workers with at least one line compared with a minimum wage in the month",
  ),
  workers_under_minimum: count.describe(
    "of those, workers with a line below the minimum wage per hour of task time",
  ),
  workers_not_compared: count.describe(
    "workers with task durations but no minimum wage or rate to compare with",
  ),
});

export const monthlyReportSchema = z
  .object({
    jurisdiction: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .describe("ISO 3166-1 alpha-2"),
    period: month,
    status: z
      .enum(["closed", "provisional"])
      .describe("closed: final, byte-identical on every pull; provisional: may still change"),
    closed_at: instant.nullable(),
    generated_at: instant.describe("when the report was computed; for a closed report, the close instant"),
    chain_head: z
      .object({ event_seq: count, hash: sha256Hex })
      .describe("the last sealed ledger event the report covers"),
    row_count: count,
    checksum,
    rows: z.array(reportRowSchema),
    totals: reportTotalsSchema,
    corrections: correctionsSectionSchema,
    fair_pay: underMinimumCountSchema,
    next_cursor: z
      .string()
      .nullable()
      .optional()
      .describe("paged reads (limit/cursor) only: the cursor of the next page, null on the last"),
  })
  .meta({ title: "Agency monthly report (JSON)" });

/** CSV cells: the row's text; counts as integer strings. */
const csvCells = {
  ...rowFields,
  payouts: z.string().regex(/^\d+$/),
  reversals: z.string().regex(/^\d+$/),
  original_period: month,
} as const;
type CsvColumn = keyof typeof csvCells;

/** Column order of the rows CSV (and of the JSON row objects). */
export const REPORT_COLUMNS = [
  "worker",
  "national_id_hash",
  "worker_ref",
  "platform",
  "rule",
  "scheme",
  "payer",
  "period",
  "contribution_base",
  "rates",
  "contribution",
  "currency",
  "payouts",
  "reversals",
] as const satisfies readonly CsvColumn[];
/** Column order of the corrections CSV. */
export const CORRECTION_COLUMNS = [
  "original_period",
  ...REPORT_COLUMNS,
] as const satisfies readonly CsvColumn[];

/** One CSV record (after the header record, which holds the column names in this order): cells in column order. */
function csvRecordSchema(columns: readonly CsvColumn[], title: string) {
  const [first, ...rest] = columns.map((c): z.ZodType => csvCells[c].meta({ title: c }));
  if (!first) throw new Error(`${title}: a CSV record has at least one column`);
  return z.tuple([first, ...rest]).meta({
    title,
    description: `RFC 4180, CRLF line ends, UTF-8; the first record is the header: ${columns.join(",")}`,
  });
}
export const reportCsvRecordSchema = csvRecordSchema(
  REPORT_COLUMNS,
  "Agency monthly report, rows CSV record",
);
export const correctionCsvRecordSchema = csvRecordSchema(
  CORRECTION_COLUMNS,
  "Agency monthly report, corrections CSV record",
);

/** The published documents by file name under /schemas/monthly-report/<version>/. */
export const REPORT_SCHEMAS = {
  "report.json": monthlyReportSchema,
  "rows.csv.json": reportCsvRecordSchema,
  "corrections.csv.json": correctionCsvRecordSchema,
} as const;
export type ReportSchemaName = keyof typeof REPORT_SCHEMAS;

/** The JSON Schema document `name`, with its canonical `$id`. */
export function reportJsonSchema(name: ReportSchemaName): Record<string, unknown> {
  return {
    $id: `${SCHEMA_ID_BASE}/monthly-report/${REPORT_SCHEMA_VERSION}/${name}`,
    ...z.toJSONSchema(REPORT_SCHEMAS[name]),
  };
}
