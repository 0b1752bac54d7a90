/**
 * A contribution rule version and a jurisdiction as the operator publishes them (admin API, seed data
 * and the handed cases share this format; DESIGN.md 3 and ../shared/cases/README.md).
 */
import { z } from "zod";
import { SCHEMES } from "../domain/contributions.js";
import { Dec } from "../domain/money.js";
import { isTimeZone } from "../domain/periods.js";
import { calendarDate, countryCode, currencyCode, decimalString } from "./common.js";

export const bracketSchema = z.object({ threshold: decimalString, rate: decimalString });

export const ruleInputSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be lowercase letters, digits and dashes"),
    jurisdiction: countryCode,
    scheme: z.enum(SCHEMES),
    payer: z.enum(["worker", "platform"]),
    base_fraction: decimalString.default("1"),
    brackets: z.array(bracketSchema).min(1).max(16),
    period: z.enum(["transaction", "month", "year", "tax_year"]),
    tax_year_start: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, "must be MM-DD").optional(),
    currency: currencyCode,
    rounding: z.enum(["half_up", "half_even", "down", "up"]).default("half_up"),
    effective_from: calendarDate,
    effective_to: calendarDate.nullable().default(null),
    status: z.enum(["enacted", "proposed"]).default("enacted"),
    source: z
      .object({ title: z.string().min(1).max(300), url: z.url().max(500), retrieved: calendarDate })
      .default({ title: "unspecified", url: "https://example.invalid/unspecified", retrieved: "1970-01-01" }),
    note: z.string().max(2000).optional(),
  })
  .superRefine((rule, ctx) => {
    const thresholds = rule.brackets.map((b) => b.threshold);
    if (thresholds[0] !== "0") ctx.addIssue({ code: "custom", path: ["brackets", 0, "threshold"], message: "the first bracket must start at 0" });
    for (let k = 1; k < rule.brackets.length; k++) {
      if (!new Dec(thresholds[k]!).gt(thresholds[k - 1]!)) {
        ctx.addIssue({ code: "custom", path: ["brackets", k, "threshold"], message: "thresholds must ascend" });
      }
    }
    if (rule.period === "tax_year" && !rule.tax_year_start) ctx.addIssue({ code: "custom", path: ["tax_year_start"], message: "required for a tax_year period" });
    if (rule.effective_to !== null && rule.effective_to <= rule.effective_from) {
      ctx.addIssue({ code: "custom", path: ["effective_to"], message: "must be after effective_from" });
    }
  });

export type RuleInput = z.infer<typeof ruleInputSchema>;

export const jurisdictionInputSchema = z.object({
  code: countryCode,
  name: z.string().min(1).max(100).optional(),
  timezone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin"),
  currency: currencyCode.optional(),
});

export type JurisdictionInput = z.infer<typeof jurisdictionInputSchema>;
