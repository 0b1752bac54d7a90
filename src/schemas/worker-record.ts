/**
 * A worker's own record as GET /w/{token}/record.json answers it (src/worker-record/worker-record.ts
 * `assembleWorkerRecord`, the page's data; docs/design.md §1 and 5): month by month and platform by
 * platform, payouts, reversals and contributions, totals to date, the coverage slots, the rule versions
 * applied (with their legal sources) and the pay per hour of task time (src/worker-record/effective-pay.ts).
 * Amounts are decimal strings in the currency's minor unit; months are local "YYYY-MM".
 */
import { z } from "@hono/zod-openapi";
import { COMPONENT_TYPES } from "../domain/components.js";
import type { Basis } from "../domain/explanation.js";
import { monthCoverageSchema } from "./coverage.js";
import { contributionLineSchema, moneySchema } from "./payout-result.js";
import { publishedRuleSchema } from "./rule.js";

const payer = z.enum(["worker", "platform"]);

export const countedMoneySchema = moneySchema.extend({ count: z.int().min(0) });
export type CountedMoney = z.infer<typeof countedMoneySchema>;

/** The facts a contribution entry stores (src/domain/explanation.ts `Basis`). */
export const basisSchema: z.ZodType<Basis> = z.object({
  age: z.int().optional().describe("the age the rule's condition read"),
  facts: z.record(z.string(), z.string()).optional().describe("facts the condition read, by path"),
  fraction: z
    .object({ by: z.string(), value: z.string().optional(), fraction: z.string() })
    .optional()
    .describe("the attribute that chose the base fraction, its value and the fraction"),
  excluded: z.array(z.enum(COMPONENT_TYPES)).optional().describe("pay components the rule's base leaves out"),
});

export const contributionRowSchema = contributionLineSchema.omit({ fx_rate: true, why: true }).extend({
  rule_id: z.int(),
  jurisdiction: z.string(),
  why: z.array(z.string()).describe("why the rule applied as it did, in English"),
  facts: z.array(basisSchema).describe("the entries' distinct bases"),
});
/** Entries of one rule version and contribution period, for one platform's payouts of one month. */
export type ContributionRow = z.infer<typeof contributionRowSchema>;

export const platformMonthSchema = z.object({
  platform: z.string(),
  platform_name: z.string(),
  payouts: z.array(countedMoneySchema).describe("payouts dated in the month (gross), per currency"),
  reversals: z
    .array(countedMoneySchema)
    .describe("reversals of those payouts, per currency (positive amounts, subtracted from the payouts)"),
  contributions: z.array(contributionRowSchema),
});
export type PlatformMonth = z.infer<typeof platformMonthSchema>;

export const monthSchemeSchema = z.object({
  jurisdiction: z.string(),
  scheme: z.string(),
  currency: z.string(),
  withheld_from_you: z.string(),
  paid_by_platform: z.string(),
  total: z.string().describe("withheld_from_you + paid_by_platform"),
  coverage: monthCoverageSchema,
});
/** One scheme's contributions in a month (all platforms), in one currency, with the month's coverage slot. */
export type MonthScheme = z.infer<typeof monthSchemeSchema>;

export const monthRecordSchema = z.object({
  month: z.string(),
  platforms: z.array(platformMonthSchema),
  withheld_from_you: z.array(moneySchema),
  paid_by_platform: z.array(moneySchema),
  schemes: z.array(monthSchemeSchema).describe("sorted by jurisdiction, scheme, currency"),
});
export type MonthRecord = z.infer<typeof monthRecordSchema>;

export const recordSchemeTotalSchema = z.object({
  jurisdiction: z.string(),
  scheme: z.string(),
  payer,
  amount: z.string(),
  currency: z.string(),
});
/** A scheme's contributions to date, per payer and currency. */
export type RecordSchemeTotal = z.infer<typeof recordSchemeTotalSchema>;

export const appliedRuleSchema = publishedRuleSchema.extend({ id: z.int() });
export type AppliedRule = z.infer<typeof appliedRuleSchema>;

const source = z.object({ title: z.string(), url: z.string(), retrieved: z.string() });

export const minimumWageRefSchema = z.object({
  id: z.int(),
  name: z.string(),
  jurisdiction: z.string(),
  hourly: z.string().describe("decimal string, `currency` per hour"),
  currency: z.string(),
  effective_from: z.string(),
  effective_to: z.string().nullable(),
  source,
  note: z.string().optional(),
});
/** The minimum wage a line is compared with, as published. */
export type MinimumWageRef = z.infer<typeof minimumWageRefSchema>;

export const PAY_VERDICTS = ["below_minimum", "at_or_above_minimum", "not_compared"] as const;
export type PayVerdict = (typeof PAY_VERDICTS)[number];

export const effectivePayLineSchema = z.object({
  month: z.string(),
  jurisdiction: z.string(),
  currency: z
    .string()
    .describe("currency of earnings and hourly: the minimum wage's, or the payouts' when not converted"),
  payouts: z.int().min(0).describe("payouts with a task duration"),
  reversals: z.int().min(0).describe("reversals of them"),
  task_seconds: z.int().min(0),
  earnings: z.string().describe("net earnings of those payouts (rounded half-up for display)"),
  hourly: z.string().describe("earnings / hours, per hour (rounded half-up for display)"),
  converted_from: z
    .array(z.string())
    .describe("payout currencies converted into `currency` at ECB reference rates"),
  minimum_wage: minimumWageRefSchema.nullable(),
  verdict: z.enum(PAY_VERDICTS),
  not_compared_reason: z.enum(["no_minimum_wage", "no_exchange_rate"]).optional(),
});
/** One month, jurisdiction and minimum-wage version (or payout currency, when not compared). */
export type EffectivePayLine = z.infer<typeof effectivePayLineSchema>;

export const effectivePayMonthSchema = z.object({
  month: z.string(),
  lines: z.array(effectivePayLineSchema),
  payouts_without_duration: z
    .int()
    .min(0)
    .describe("payouts of the month without a task duration (left out of every line)"),
});
export type EffectivePayMonth = z.infer<typeof effectivePayMonthSchema>;

export const workerRecordSchema = z.object({
  platforms: z.array(z.object({ slug: z.string(), name: z.string() })),
  months: z.array(monthRecordSchema),
  totals: z.object({
    payouts: z.array(countedMoneySchema),
    reversals: z.array(countedMoneySchema),
    by_scheme: z.array(recordSchemeTotalSchema),
    withheld_from_you: z.array(moneySchema),
    paid_by_platform: z.array(moneySchema),
  }),
  coverage: z
    .array(z.object({ jurisdiction: z.string(), scheme: z.string(), months: z.array(z.string()) }))
    .describe(
      "months in which a net contribution was recorded, per jurisdiction and scheme (recorded, not a statement of insurance status)",
    ),
  rules: z.array(appliedRuleSchema),
  effective_pay: z.array(effectivePayMonthSchema),
});
export type WorkerRecord = z.infer<typeof workerRecordSchema>;

/** GET /w/{token}/record.json: the record with when it was made and when the link expires. */
export const workerRecordAnswerSchema = workerRecordSchema
  .extend({ generated_at: z.string(), link_expires_at: z.string() })
  .meta({ title: "Worker record" });
export type WorkerRecordAnswer = z.infer<typeof workerRecordAnswerSchema>;
