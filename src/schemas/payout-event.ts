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
 *
 * Issue 14: the wire event is parsed once, by `parsePayoutEvent` (`payoutCommandSchema`), into a
 * `PayoutCommand`: camelCase, amounts in integer minor units of `currency`, `occurredAt` a Date. The
 * ledger takes only commands. `canonicalJson` is the JSON of the parsed wire event (keys in schema order,
 * unknown keys dropped, lists normalised as above): the idempotency content the ledger hashes, the same
 * bytes as before the command existed, so a redelivery of an event stored earlier stays a duplicate.
 */
import { z } from "zod";
import { COMPONENT_TYPES } from "../domain/components.js";
import { minorUnitOf } from "../domain/currencies.js";
import type { FieldError } from "../domain/errors.js";
import type { Components } from "../domain/components.js";
import {
  MAX_REASON_NOTE_LENGTH,
  REVERSAL_REASONS,
  type ReversalReason,
  WORKER_STATUSES,
  type WorkerStatus,
} from "../domain/reversal-reasons.js";
import { Dec, decimalsOf, formatMinor, parseMinor, powerOfTen } from "../domain/money.js";
import {
  attributeName,
  calendarDate,
  countryCode,
  currencyCode,
  decimalString,
  fieldErrors,
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
    const decimals = decimalsOf(event.amount);
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

/** The wire event after parsing (snake_case, amounts as decimal strings): what `canonicalJson` holds. */
export type PayoutEvent = z.infer<typeof payoutEventSchema>;

/** What every command carries, payout or reversal. */
interface CommandBase {
  id: string;
  /** The instant the work was paid (RFC 3339 on the wire). */
  occurredAt: Date;
  worker: {
    id: string;
    /** ISO 3166-1 alpha-2: the jurisdiction. */
    country: string;
    nationalId?: string;
    /** Calendar date YYYY-MM-DD. */
    birthDate?: string;
    /** Sorted and unique; [] when none were sent. */
    flags: readonly string[];
    status?: WorkerStatus;
  };
  /** The amount in integer minor units of `currency` (1234 = 12.34 EUR), > 0. */
  amountMinor: number;
  /** ISO 4217. */
  currency: string;
  task?: {
    id?: string;
    type?: string;
    durationS?: number;
    /** Sorted by name. */
    attributes?: Readonly<Record<string, string>>;
  };
  /** Pay by kind in minor units, zero components left out; undefined when the event sent none. */
  components?: Components;
  /** Units of the rule's currency per unit of `currency` the platform applied (decimal string). */
  fxRate?: string;
  /** JSON of the parsed wire event: the idempotency content (module doc). */
  canonicalJson: string;
}

/** A valid event as the ledger takes it (module doc): a payout, or a reversal naming its payout. */
export type PayoutCommand =
  | (CommandBase & { type: "payout" })
  | (CommandBase & {
      type: "reversal";
      /** The id of the payout it corrects. */
      reverses: string;
      reason?: ReversalReason;
      reasonNote?: string;
    });

/** Integer minor units of a decimal string the schema accepted, or an issue at `path` (never a float). */
function minorOf(
  amount: string,
  currency: string,
  path: PropertyKey[],
  ctx: z.RefinementCtx,
): number | undefined {
  const minor = parseMinor(amount, currency);
  if (minor === undefined)
    ctx.addIssue({ code: "custom", path, message: `must be an amount of ${currency}`, input: amount });
  return minor;
}

/** The wire event as a command (the transform of `payoutCommandSchema`). */
function toCommand(event: PayoutEvent, ctx: z.RefinementCtx): PayoutCommand {
  const amountMinor = minorOf(event.amount, event.currency, ["amount"], ctx);
  let components: Components | undefined;
  for (const [i, c] of (event.components ?? []).entries()) {
    const minor = minorOf(c.amount, event.currency, ["components", i, "amount"], ctx);
    components ??= {};
    if (minor) components[c.type] = minor;
  }
  if (amountMinor === undefined) return z.NEVER;
  const { worker, task } = event;
  const base: CommandBase = {
    id: event.id,
    occurredAt: new Date(event.occurred_at),
    worker: {
      id: worker.id,
      country: worker.country,
      ...(worker.national_id !== undefined ? { nationalId: worker.national_id } : {}),
      ...(worker.birth_date !== undefined ? { birthDate: worker.birth_date } : {}),
      flags: worker.flags ?? [],
      ...(worker.status !== undefined ? { status: worker.status } : {}),
    },
    amountMinor,
    currency: event.currency,
    ...(task
      ? {
          task: {
            ...(task.id !== undefined ? { id: task.id } : {}),
            ...(task.type !== undefined ? { type: task.type } : {}),
            ...(task.duration_s !== undefined ? { durationS: task.duration_s } : {}),
            ...(task.attributes !== undefined ? { attributes: task.attributes } : {}),
          },
        }
      : {}),
    ...(components ? { components } : {}),
    ...(event.fx_rate !== undefined ? { fxRate: event.fx_rate } : {}),
    canonicalJson: JSON.stringify(event),
  };
  if (event.type === "payout") return { ...base, type: "payout" };
  // superRefine required `reverses` of a reversal; a transform runs only on an event without issues.
  if (event.reverses === undefined) return z.NEVER;
  return {
    ...base,
    type: "reversal",
    reverses: event.reverses,
    ...(event.reason !== undefined ? { reason: event.reason } : {}),
    ...(event.reason_note !== undefined ? { reasonNote: event.reason_note } : {}),
  };
}

/** The wire event parsed into a `PayoutCommand` (module doc); its issues are the wire schema's. */
export const payoutCommandSchema = payoutEventSchema.transform(toCommand);

/** One parsed event of a delivery: its command, or its id (when it has a string one) and failing fields. */
export type ParsedEvent =
  | { ok: true; command: PayoutCommand }
  | { ok: false; id: string | undefined; errors: FieldError[] };

/** Parses one wire event of a delivery (the only parse of a payout event). */
export function parsePayoutEvent(input: unknown): ParsedEvent {
  const result = payoutCommandSchema.safeParse(input);
  if (result.success) return { ok: true, command: result.data };
  const id = (input as { id?: unknown } | null)?.id;
  return { ok: false, id: typeof id === "string" ? id : undefined, errors: fieldErrors(result.error) };
}

/** Maximum number of events in one delivery (documented in README and OpenAPI). */
export const MAX_EVENTS_PER_DELIVERY = 1000;

/** Body of POST /v1/payouts: one event, or {events: [...]}; events are validated one by one afterwards. */
export const deliveryEnvelopeSchema = z.union([
  z.object({ events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_DELIVERY) }),
  z
    .record(z.string(), z.unknown())
    .refine((body) => !("events" in body), "events must be an array of 1 to 1000 events"),
]);
