/**
 * What POST /v1/payouts answers (src/routes/payouts.ts; figures from src/ledger/event-result.ts, built
 * from ledger rows only, so a first delivery and a redelivery give the same):
 * - `eventResultSchema`: one event's contributions per applied rule, what to withhold from the worker and
 *   what the platform owes (decimal strings in the currency's minor unit, negative for a reversal);
 * - `payoutAnswerSchema`: that result with the event's signed receipt, the answer to one event (201
 *   recorded, 200 duplicate) and a recorded item of a batch;
 * - `rejectedEventSchema`: an event of a batch that was not recorded, with its problem;
 * - `batchAnswerSchema`: `{results}` in delivery order.
 */
import { z } from "@hono/zod-openapi";
import { problemSchema } from "./problem.js";
import { signedReceiptSchema } from "./receipt.js";

export const moneySchema = z.object({
  amount: z.string().describe("decimal string in the currency's minor unit"),
  currency: z.string().describe("ISO 4217"),
});
export type Money = z.infer<typeof moneySchema>;

const payer = z.enum(["worker", "platform"]);

export const contributionLineSchema = z.object({
  rule: z.string().describe("rule code"),
  scheme: z.string(),
  payer,
  period: z.string().describe('contribution period key: "2026-03", "2026" or "2026/27"'),
  base: z
    .string()
    .describe(
      "change of the contribution base, rounded half-up to the minor unit for display (the ledger keeps it exact)",
    ),
  amount: z.string(),
  currency: z.string(),
  fx_rate: z.string().optional().describe("units of the rule's currency per unit of the payout's"),
  why: z
    .array(z.string())
    .optional()
    .describe(
      "why the rule applied as it did, in English words; absent when unconditional on the whole payout",
    ),
});
export type ContributionLine = z.infer<typeof contributionLineSchema>;

export const eventResultSchema = z.object({
  id: z.string().describe("the platform's event id"),
  status: z.enum(["recorded", "duplicate"]),
  type: z.enum(["payout", "reversal"]),
  reverses: z.string().optional(),
  worker: z.object({ id: z.string(), country: z.string() }),
  amount: moneySchema,
  contributions: z.array(contributionLineSchema),
  withhold_from_worker: z.array(moneySchema),
  platform_owes: z.array(moneySchema),
});
export type EventResult = z.infer<typeof eventResultSchema>;

export const payoutAnswerSchema = eventResultSchema.extend({ receipt: signedReceiptSchema });
/** An event's answer: its result and its signed receipt. */
export type PayoutAnswer = z.infer<typeof payoutAnswerSchema>;

export const rejectedEventSchema = z
  .object({
    id: z.string().optional().describe("the event's id, when it had one"),
    status: z.enum(["rejected", "conflict"]),
    problem: problemSchema,
  })
  .openapi("RejectedEvent");
export type RejectedEvent = z.infer<typeof rejectedEventSchema>;

export const batchAnswerSchema = z.object({
  results: z.array(z.union([payoutAnswerSchema, rejectedEventSchema])).describe("in delivery order"),
});
export type BatchAnswer = z.infer<typeof batchAnswerSchema>;
