/**
 * Coverage (src/agency-reports/coverage.ts, rule data in src/db/seed/coverage-rules.ts): when a jurisdiction's law
 * counts a period as covered for a worker, and the status the ledger derives from the contributions.
 * - `coverageRuleSchema`: a coverage rule version, dated like the contribution rules, with its source.
 * - `monthCoverageSchema`: whether one month counts towards a scheme's cover (the worker record's slot).
 * - `workerCoverageSchema` and `coverageAnswerSchema`: GET /v1/reports/coverage.
 * Amounts are decimal strings in the rule's currency.
 */
import { z } from "@hono/zod-openapi";
import { moneySchema } from "./payout-result.js";

export const coverageRuleSchema = z.object({
  code: z.string(),
  jurisdiction: z.string(),
  scheme: z.string(),
  kind: z.enum(["earnings_credits", "month_with_contribution"]),
  currency: z.string(),
  earnings_per_credit: z.string().optional(),
  max_credits_per_year: z.int().optional(),
  minimum_monthly_contribution: z.string().nullable().optional(),
  effective_from: z.string(),
  effective_to: z.string().nullable(),
  status: z.enum(["enacted", "proposed"]),
  source: z.object({ title: z.string(), url: z.string(), retrieved: z.string() }),
  note: z.string().optional(),
});
export type CoverageRule = z.infer<typeof coverageRuleSchema>;

/**
 * `not_assessed` where the ledger has no monthly condition for the scheme; `missing` is the contribution
 * still needed for the month to count.
 */
export const monthCoverageSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("not_assessed") }),
  z.object({ status: z.literal("counts") }),
  z.object({ status: z.literal("does_not_count"), missing: moneySchema }),
]);
export type MonthCoverage = z.infer<typeof monthCoverageSchema>;

export const workerCoverageSchema = z.object({
  worker: z.string().describe("the ledger's pseudonymous subject"),
  rule: z.string(),
  kind: coverageRuleSchema.shape.kind,
  status: coverageRuleSchema.shape.status,
  months_covered: z
    .array(z.string())
    .optional()
    .describe("month_with_contribution: covered months of the year up to the period, ascending"),
  period_covered: z
    .boolean()
    .optional()
    .describe("month_with_contribution: whether the reported month itself is covered"),
  credits: z
    .object({
      year: z.string(),
      earnings: z.string(),
      currency: z.string(),
      earnings_per_credit: z.string(),
      credits: z.int(),
      max_per_year: z.int(),
    })
    .optional()
    .describe("earnings_credits: the year's earnings, credits and cap so far"),
});
export type WorkerCoverage = z.infer<typeof workerCoverageSchema>;

export const coverageAnswerSchema = z
  .object({
    jurisdiction: z.string(),
    period: z.string(),
    chain_head: z.object({ event_seq: z.int().min(0), hash: z.string() }),
    rules: z.array(coverageRuleSchema),
    workers: z.array(workerCoverageSchema),
  })
  .meta({ title: "Coverage" });
export type CoverageAnswer = z.infer<typeof coverageAnswerSchema>;
