/**
 * Transparency to authorities (issue 16; src/agency-reports/platform-work.ts, src/agency-reports/reversals-by-reason.ts,
 * served by src/routes/platform-work.ts):
 * - `platformWorkReportSchema`: GET /v1/reports/platform-work (EU Directive 2024/2831), figures per
 *   platform for a half-year or a year, the activity bands with their source, what the ledger cannot know.
 * - `reversalsAnswerSchema`: GET /v1/reports/reversals, a month's reversals by reason per platform.
 * Amounts are decimal strings in their currency; persons are ledger subjects per platform.
 */
import { z } from "@hono/zod-openapi";
import { COUNTED_REASONS } from "../domain/reversal-reasons.js";

const chainHead = z.object({ event_seq: z.int(), hash: z.string() });

export const reasonLineSchema = z.object({
  platform: z.string().describe("the platform's slug"),
  reason: z.enum(COUNTED_REASONS),
  currency: z.string(),
  reversals: z.int().describe("number of reversal events"),
  amount: z.string().describe("sum of the reversed amounts, decimal string in `currency`"),
});
/** One line: a platform's reversals of one reason in one currency. */
export type ReasonLine = z.infer<typeof reasonLineSchema>;

const countBand = z.object({ band: z.string(), persons: z.int() });
export type CountBand = z.infer<typeof countBand>;

export const platformWorkSchema = z.object({
  platform: z.string(),
  persons_paid: z.int(),
  persons_with_task_durations: z.int(),
  by_task_hours: z.array(countBand),
  average_task_hours_per_week: z
    .string()
    .nullable()
    .describe("decimal string, 2 decimals; null when no person reported task durations"),
  income: z.array(
    z.object({
      currency: z.string(),
      persons: z.int(),
      total: z.string(),
      average_per_person: z.string(),
      average_per_person_per_month: z.string(),
    }),
  ),
  by_earnings: z.array(countBand.extend({ currency: z.string() })),
  by_contractual_status: z.object({ employee: z.int(), self_employed: z.int(), not_sent: z.int() }),
  reversals_by_reason: z.array(reasonLineSchema.omit({ platform: true })),
  persons_paid_by_month: z
    .array(z.object({ month: z.string(), persons: z.int() }))
    .optional()
    .describe("calendar-year periods only: persons paid in each month (the yearly file)"),
});
export type PlatformWork = z.infer<typeof platformWorkSchema>;

const band = z.object({
  code: z.string(),
  from: z.number().describe("lower bound, inclusive (hours a month, or major currency units a month)"),
  to: z.number().nullable().describe("upper bound, exclusive; null: open"),
});

export const platformWorkReportSchema = z
  .object({
    jurisdiction: z.string(),
    period: z.string().describe('"2026-H2", or "2026" for the yearly file'),
    from: z.string(),
    to_exclusive: z.string(),
    months: z.int(),
    weeks: z.string(),
    generated_at: z.string(),
    chain_head: chainHead,
    bands: z.object({
      task_hours_per_month: z.array(band).readonly(),
      earnings_per_month: z.array(band).readonly(),
      no_durations: z.string().describe("the band of persons without task durations"),
      source: z.string().describe("where the bands come from"),
    }),
    platforms: z.array(platformWorkSchema),
    cannot_know: z.array(z.string()).readonly(),
  })
  .meta({ title: "Platform-work report" });
export type PlatformWorkReport = z.infer<typeof platformWorkReportSchema>;

export const reversalsAnswerSchema = z
  .object({
    jurisdiction: z.string(),
    period: z.string(),
    chain_head: chainHead,
    reversals: z.array(reasonLineSchema),
  })
  .meta({ title: "Reversals by reason" });
export type ReversalsAnswer = z.infer<typeof reversalsAnswerSchema>;
