/**
 * A payout event as a platform sends it (docs/design.md §5), parsed with zod at the edge.
 *
 * `amount` is a decimal string in `currency` with no more decimals than its ISO 4217 minor unit and > 0.
 * A `reversal` names the payout it corrects in `reverses`. `fx_rate`, when given, is the number of units
 * of the rule's currency per unit of `currency` that the platform applied (otherwise the ECB rate is used).
 *
 * Rules v2 facts (../shared/cases/README.md "Format, rules v2"): `worker.birth_date` (YYYY-MM-DD, from
 * 1900; the ledger derives the age a rule reads and never stores the date), `worker.flags` (strings the
 * platform asserts for this payout, e.g. "sg-cpf-opt-in"), `task.attributes` (string values, e.g.
 * {"vehicle": "motorcycle"}) and `components` (pay by kind, adding up exactly to `amount`). The parsed
 * event is normalised for idempotency: flags sorted and unique, attributes and components sorted, so the
 * same content in another order hashes the same.
 *
 * Issue 16: a reversal may carry `reason` (src/domain/reversal-reasons.ts) and `reason_note` (at most 500
 * characters, no control characters); `worker.status` ("employee" | "self-employed") is stored for the
 * platform-work report. All three are part of the idempotency content (absent ones hash as before).
 */
import { z } from "zod";
import { COMPONENT_TYPES } from "../domain/components.js";
import { minorUnitOf } from "../domain/currencies.js";
import { MAX_REASON_NOTE_LENGTH, REVERSAL_REASONS, WORKER_STATUSES } from "../domain/reversal-reasons.js";
import { Dec, formatMinor, parseMinor, powerOfTen } from "../domain/money.js";
import {
  attributeName,
  calendarDate,
  countryCode,
  currencyCode,
  decimalString,
  positiveDecimalString,
  rfc3339Instant,
} from "./common.js";

const identifier = z
  .string()
  .min(1, "must not be empty")
  .max(128)
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

/**
 * Largest payout accepted, in minor units (10^14: 1 trillion for a two-decimal currency). It keeps every
 * amount, and the sums the ledger carries in integer columns, far inside exact integer range.
 */
export const MAX_AMOUNT_MINOR = 100_000_000_000_000;

const flag = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.:-]{0,63}$/, "must be lowercase letters, digits and _ . : -");

const component = z.strictObject({ type: z.enum(COMPONENT_TYPES), amount: decimalString });

export const payoutEventSchema = z
  .object({
    id: identifier,
    type: z.enum(["payout", "reversal"]),
    occurred_at: rfc3339Instant,
    worker: z.object({
      id: identifier,
      country: countryCode,
      national_id: z.string().min(1).max(64).optional(),
      birth_date: calendarDate.refine((d) => d >= "1900-01-01", "must be on or after 1900-01-01").optional(),
      flags: z
        .array(flag)
        .max(32)
        .transform((list) => [...new Set(list)].sort())
        .optional(),
      status: z
        .enum(WORKER_STATUSES)
        .optional()
        .describe("the worker's contractual status for this payout, when the platform knows it"),
    }),
    amount: positiveDecimalString,
    currency: currencyCode,
    reverses: identifier.optional(),
    reason: z
      .enum(REVERSAL_REASONS)
      .optional()
      .describe("a reversal's reason; without one it counts as unspecified"),
    reason_note: z
      .string()
      .min(1)
      .max(MAX_REASON_NOTE_LENGTH)
      .regex(/^[^\p{Cc}]*$/u, "must not hold control characters")
      .optional()
      .describe("the platform's note on a reversal's reason"),
    task: z
      .object({
        id: z.string().max(128).optional(),
        type: z.string().max(64).optional(),
        duration_s: z
          .number()
          .int()
          .min(0)
          .max(31 * 86_400)
          .optional(),
        attributes: z
          .record(attributeName, z.string().min(1).max(128))
          .refine((a) => Object.keys(a).length <= 32, "at most 32 attributes")
          .transform((a) => Object.fromEntries(Object.entries(a).sort(([x], [y]) => (x < y ? -1 : 1))))
          .optional(),
      })
      .optional(),
    components: z
      .array(component)
      .min(1)
      .max(COMPONENT_TYPES.length)
      .refine(
        (list) => new Set(list.map((c) => c.type)).size === list.length,
        "each component type at most once",
      )
      .transform((list) =>
        [...list].sort((a, b) => COMPONENT_TYPES.indexOf(a.type) - COMPONENT_TYPES.indexOf(b.type)),
      )
      .optional(),
    fx_rate: positiveDecimalString.optional(),
  })
  .superRefine((event, ctx) => {
    // Refinements run even when a field failed its own check: look at the amount only once it is well formed.
    const exponent = positiveDecimalString.safeParse(event.amount).success
      ? minorUnitOf(event.currency)
      : undefined;
    const decimals = event.amount.includes(".") ? event.amount.split(".")[1]!.length : 0;
    if (exponent !== undefined && decimals > exponent) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: `${event.currency} allows at most ${exponent} decimals`,
      });
    } else if (
      exponent !== undefined &&
      !new Dec(event.amount).times(powerOfTen(exponent)).lte(MAX_AMOUNT_MINOR)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: `must be at most ${MAX_AMOUNT_MINOR} minor units of ${event.currency}`,
      });
    }
    if (exponent !== undefined && event.components)
      componentIssues(event.components, event.amount, event.currency, ctx);
    if (event.type === "reversal" && event.reverses === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["reverses"],
        message: "a reversal must name the payout it reverses",
      });
    }
    if (event.type === "payout" && event.reverses !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["reverses"],
        message: "only a reversal may name a payout to reverse",
      });
    }
    for (const field of ["reason", "reason_note"] as const) {
      if (event.type === "payout" && event[field] !== undefined)
        ctx.addIssue({ code: "custom", path: [field], message: "only a reversal carries a reason" });
    }
  });

/** Components must use the currency's decimals and add up exactly to the amount (compared in minor units). */
function componentIssues(
  components: readonly { type: string; amount: string }[],
  amount: string,
  currency: string,
  ctx: z.RefinementCtx,
): void {
  let sum = 0;
  for (const [i, c] of components.entries()) {
    const minor = decimalString.safeParse(c.amount).success ? parseMinor(c.amount, currency) : undefined;
    if (minor === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["components", i, "amount"],
        message: `must be a decimal string with at most ${minorUnitOf(currency)} decimals of ${currency}`,
      });
      return;
    }
    sum += minor;
  }
  if (sum !== parseMinor(amount, currency))
    ctx.addIssue({
      code: "custom",
      path: ["components"],
      message: `the components add up to ${formatMinor(sum, currency)}, not the amount ${amount}`,
    });
}

export type PayoutEvent = z.infer<typeof payoutEventSchema>;

/** Maximum number of events in one delivery (documented in README and OpenAPI). */
export const MAX_EVENTS_PER_DELIVERY = 1000;

/** Body of POST /v1/payouts: one event, or {events: [...]}; events are validated one by one afterwards. */
export const deliveryEnvelopeSchema = z.union([
  z.object({ events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_DELIVERY) }),
  z
    .record(z.string(), z.unknown())
    .refine((body) => !("events" in body), "events must be an array of 1 to 1000 events"),
]);
