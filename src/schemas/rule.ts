/**
 * A contribution rule version and a jurisdiction as the operator publishes them (admin API, the rule
 * files under rules/ and the handed cases share this format; docs/design.md §3 and 3.1,
 * ../shared/cases/README.md "Format" and "Format, rules v2").
 *
 * Objects are strict: a field the format does not know is a 422, never silently dropped (a rule posted
 * with a misspelt or unsupported condition would otherwise apply to every payout of its jurisdiction).
 * Decimal strings throughout; rates and base fractions lie in [0, 1]; thresholds start at 0 and ascend;
 * `applies_when` must compile (src/domain/conditions.ts); sources are https URLs.
 */
import { z } from "zod";
import { COMPONENT_TYPES, DEFAULT_BASE_COMPONENTS } from "../domain/components.js";
import { ConditionError, compileCondition } from "../domain/conditions.js";
import { SCHEMES } from "../domain/contributions.js";
import { Dec } from "../domain/money.js";
import { isTimeZone } from "../domain/periods.js";
import { attributeName, calendarDate, countryCode, currencyCode, decimalString } from "./common.js";

/** A decimal string in [0, 1]: a rate or a share. */
const fraction = decimalString.refine(
  (s) => new Dec(s).lte(1),
  'must be between 0 and 1 (a rate of 12.4% is "0.124")',
);

export const bracketSchema = z.strictObject({
  threshold: decimalString,
  rate: fraction,
  amount: decimalString
    .optional()
    .describe("fixed sum in the rule's currency, due once the period-to-date base exceeds the threshold"),
});

export const baseFractionTableSchema = z.strictObject({
  by: attributeName.describe("the task attribute that chooses the fraction"),
  values: z
    .record(z.string().min(1).max(128), fraction)
    .refine((v) => Object.keys(v).length > 0 && Object.keys(v).length <= 64, "must list 1 to 64 values"),
  default: fraction
    .optional()
    .describe(
      "the fraction of payouts without the attribute or with a value not listed; without it such a payout is refused",
    ),
});

const componentList = z
  .array(z.enum(COMPONENT_TYPES))
  .min(1)
  .refine((list) => new Set(list).size === list.length, "must not repeat a component type");

const httpsUrl = z.url({ protocol: /^https$/, error: "must be an https:// URL" }).max(500);

export const ruleInputSchema = z
  .strictObject({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be lowercase letters, digits and dashes"),
    jurisdiction: countryCode,
    scheme: z.enum(SCHEMES),
    payer: z.enum(["worker", "platform"]),
    base_fraction: z.union([fraction, baseFractionTableSchema]).default("1"),
    base_components: componentList.default([...DEFAULT_BASE_COMPONENTS]),
    assessment: z.enum(["person", "platform"]).default("person"),
    applies_when: z
      .string()
      .min(1)
      .max(2000)
      .optional()
      .describe(
        "CEL expression over worker.age, worker.birth_date, worker.flags, task.type, task.attributes",
      ),
    brackets: z.array(bracketSchema).min(1).max(16),
    period: z.enum(["transaction", "month", "year", "tax_year"]),
    tax_year_start: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, "must be MM-DD")
      .optional(),
    currency: currencyCode,
    rounding: z.enum(["half_up", "half_even", "down", "up"]).default("half_up"),
    effective_from: calendarDate,
    effective_to: calendarDate.nullable().default(null),
    status: z.enum(["enacted", "proposed"]).default("enacted"),
    source: z
      .strictObject({ title: z.string().min(1).max(300), url: httpsUrl, retrieved: calendarDate })
      .default({ title: "unspecified", url: "https://example.invalid/unspecified", retrieved: "1970-01-01" }),
    note: z.string().max(2000).optional(),
  })
  .superRefine((rule, ctx) => {
    const thresholds = rule.brackets.map((b) => b.threshold);
    const [first] = thresholds;
    if (first !== undefined && !new Dec(first).isZero())
      ctx.addIssue({
        code: "custom",
        path: ["brackets", 0, "threshold"],
        message: "the first bracket must start at 0",
      });
    for (const [k, threshold] of thresholds.entries()) {
      const previous = thresholds[k - 1];
      if (previous !== undefined && !new Dec(threshold).gt(previous)) {
        ctx.addIssue({
          code: "custom",
          path: ["brackets", k, "threshold"],
          message: "thresholds must ascend",
        });
      }
    }
    if (rule.period === "tax_year" && !rule.tax_year_start)
      ctx.addIssue({ code: "custom", path: ["tax_year_start"], message: "required for a tax_year period" });
    if (rule.effective_to !== null && rule.effective_to <= rule.effective_from) {
      ctx.addIssue({ code: "custom", path: ["effective_to"], message: "must be after effective_from" });
    }
    if (rule.applies_when !== undefined) {
      try {
        compileCondition(rule.applies_when);
      } catch (error) {
        if (!(error instanceof ConditionError)) throw error;
        ctx.addIssue({ code: "custom", path: ["applies_when"], message: error.message });
      }
    }
  });

export type RuleInput = z.infer<typeof ruleInputSchema>;

export const jurisdictionInputSchema = z.strictObject({
  code: countryCode,
  name: z.string().min(1).max(100).optional(),
  timezone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin"),
  currency: currencyCode.optional(),
});

export type JurisdictionInput = z.infer<typeof jurisdictionInputSchema>;

const payerOf = z.enum(["worker", "platform"]);

/** A rule version as GET /v1/rules publishes it (src/db/rules-repo.ts `publicRule`): the input, filled in. */
export const publishedRuleSchema = z
  .object({
    code: z.string(),
    jurisdiction: z.string(),
    scheme: z.string(),
    payer: payerOf,
    base_fraction: z.union([
      z.string(),
      z.object({ by: z.string(), values: z.record(z.string(), z.string()), default: z.string().optional() }),
    ]),
    base_components: z.array(z.enum(COMPONENT_TYPES)),
    assessment: z.enum(["person", "platform"]),
    applies_when: z.string().optional(),
    brackets: z.array(z.object({ threshold: z.string(), rate: z.string(), amount: z.string().optional() })),
    period: z.enum(["transaction", "month", "year", "tax_year"]),
    tax_year_start: z.string().optional(),
    currency: z.string(),
    rounding: z.enum(["half_up", "half_even", "down", "up"]),
    effective_from: z.string(),
    effective_to: z.string().nullable(),
    status: z.enum(["enacted", "proposed"]),
    source: z.object({ title: z.string(), url: z.string(), retrieved: z.string() }),
    note: z.string().optional(),
  })
  .meta({ title: "Rule version" });
export type PublishedRule = z.infer<typeof publishedRuleSchema>;

/** GET /v1/rules: the jurisdiction's rule versions (with `on`, those in force that day; else on: null). */
export const rulesAnswerSchema = z.object({
  jurisdiction: z.string(),
  on: z.string().nullable(),
  rules: z.array(publishedRuleSchema),
});
export type RulesAnswer = z.infer<typeof rulesAnswerSchema>;

/** GET /v1/jurisdictions. */
export const jurisdictionsAnswerSchema = z.object({
  jurisdictions: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      timezone: z.string().describe("IANA time zone of the jurisdiction's local dates"),
      currency: z.string().nullable(),
    }),
  ),
});
export type JurisdictionsAnswer = z.infer<typeof jurisdictionsAnswerSchema>;

/** POST /v1/admin/rules: the ids of the versions published, in the order given. */
export const publishedRuleIdsSchema = z.object({ ids: z.array(z.int()) });
