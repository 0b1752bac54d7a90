/**
 * The zod schemas of disputes (issue 16, "Disputes"), parsed at the edge:
 * - `disputeFormSchema`: the worker's form (application/x-www-form-urlencoded, POST /w/{token}/disputes).
 *   Empty fields (a browser sends every field of the form) count as absent. `kind` "wrong-payout" needs
 *   `payout` ("<platform id>:<event id>", a payout of the link's worker, from the form's list);
 *   "missing-payout" needs `date` (YYYY-MM-DD, from 2000-01-01, not after today: checked by the service),
 *   `amount` (decimal string > 0 with at most the currency's decimals) and `currency` (ISO 4217), and
 *   `platform` (a platform id) when the link shows several platforms. `note` is required: 1 to
 *   MAX_DISPUTE_NOTE_LENGTH characters after trimming, no control characters but line breaks and tabs.
 *   `lang` only carries the page language through the redirect.
 * - `disputeAnswerSchema`: the platform's answer (JSON, strict): exactly one of `correction_event_id`
 *   (the id of an event the platform recorded through POST /v1/payouts) or `explanation` (1 to 2,000
 *   characters).
 * - `disputeSchema`: a dispute as the platform and agency APIs list it.
 */
import { decimalsOf } from "../domain/money.js";
import { z } from "zod";
import { minorUnitOf } from "../domain/currencies.js";
import { calendarDate, currencyCode, positiveDecimalString } from "./common.js";

export const MAX_DISPUTE_NOTE_LENGTH = 1000;
export const MAX_EXPLANATION_LENGTH = 2000;
export const DISPUTE_KINDS = ["wrong-payout", "missing-payout"] as const;
export const DISPUTE_STATES = ["open", "corrected", "explained"] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

const eventIdentifier = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");
const blankIsAbsent = (s: unknown) => (typeof s === "string" && s.trim() === "" ? undefined : s);
const optionalField = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsAbsent, schema.optional());
/** Free text: trimmed, bounded, no control characters but tab, CR and LF. */
const freeText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max)
    .refine((text) => !/\p{Cc}/u.test(text.replace(/[\t\n\r]/g, "")), "must not hold control characters");

export const disputeFormSchema = z
  .strictObject({
    kind: z.enum(DISPUTE_KINDS),
    payout: optionalField(
      z.string().regex(/^[1-9][0-9]{0,9}:[\x21-\x7e]{1,128}$/, "must be a payout from the list"),
    ),
    platform: optionalField(z.string().regex(/^[1-9][0-9]{0,9}$/, "must be a platform from the list")),
    date: optionalField(calendarDate.refine((d) => d >= "2000-01-01", "must be on or after 2000-01-01")),
    amount: optionalField(positiveDecimalString),
    currency: optionalField(currencyCode),
    note: freeText(MAX_DISPUTE_NOTE_LENGTH),
    lang: optionalField(z.string().max(8)),
  })
  .superRefine((form, ctx) => {
    if (form.kind === "wrong-payout" && form.payout === undefined)
      ctx.addIssue({ code: "custom", path: ["payout"], message: "choose the payout that is wrong" });
    if (form.kind === "missing-payout") {
      for (const field of ["date", "amount", "currency"] as const)
        if (form[field] === undefined)
          ctx.addIssue({ code: "custom", path: [field], message: "required for a missing payout" });
      const exponent = form.currency === undefined ? undefined : minorUnitOf(form.currency);
      const decimals = form.amount === undefined ? 0 : decimalsOf(form.amount);
      if (exponent !== undefined && decimals > exponent)
        ctx.addIssue({
          code: "custom",
          path: ["amount"],
          message: `${form.currency} allows at most ${exponent} decimals`,
        });
    }
  });
export type DisputeForm = z.infer<typeof disputeFormSchema>;

export const disputeAnswerSchema = z
  .strictObject({
    correction_event_id: eventIdentifier
      .optional()
      .describe(
        "an event (payout or reversal) this platform recorded through POST /v1/payouts that corrects the disputed payout",
      ),
    explanation: freeText(MAX_EXPLANATION_LENGTH).optional().describe("why the record stands as it is"),
  })
  .refine((a) => (a.correction_event_id === undefined) !== (a.explanation === undefined), {
    message: "give exactly one of correction_event_id or explanation",
    path: ["correction_event_id"],
  });
export type DisputeAnswer = z.infer<typeof disputeAnswerSchema>;

export const disputeSchema = z
  .object({
    id: z.int(),
    platform: z.string().describe("the platform's slug"),
    jurisdiction: z.string(),
    worker_id: z.string().describe("the platform's own worker id"),
    worker: z.string().describe("the ledger's pseudonymous subject"),
    kind: z.enum(DISPUTE_KINDS),
    event_id: z.string().nullable().describe("wrong-payout: the disputed payout"),
    claimed: z
      .object({ date: z.string(), amount: z.string(), currency: z.string() })
      .nullable()
      .describe("missing-payout: what the worker says was due"),
    note: z.string().describe("the worker's text, as typed (escape it when showing it)"),
    filed_at: z.string(),
    status: z.enum(DISPUTE_STATES),
    answer: z
      .object({
        correction_event_id: z.string().nullable(),
        explanation: z.string().nullable(),
        answered_at: z.string(),
      })
      .nullable(),
  })
  .meta({ title: "Dispute" });
export type DisputeView = z.infer<typeof disputeSchema>;

export const agencyDisputeSchema = disputeSchema.extend({
  age_s: z
    .int()
    .describe(
      "seconds since filing (to the answer for an answered dispute's answer time, see answer_time_s)",
    ),
  answer_time_s: z.int().nullable().describe("seconds from filing to the answer; null while open"),
});
