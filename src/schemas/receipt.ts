/**
 * The signed receipt of one recorded event (src/receipts/receipt.ts builds and signs it; README "Signed
 * receipts"): `receiptSchema` (published as Receipt) and `signedReceiptSchema` ({payload, jws}, published
 * as SignedReceipt), the answer of GET /v1/receipts/{event_id}, of a worker link's receipt route and a part
 * of every result of POST /v1/payouts.
 */
import { z } from "@hono/zod-openapi";

export const RECEIPT_TYPE = "contribution-receipt";

const money = z.object({
  amount: z.string().describe("decimal string in the currency's minor unit"),
  currency: z.string(),
});

export const receiptSchema = z
  .object({
    v: z.literal(1),
    type: z.literal(RECEIPT_TYPE),
    event: z.object({
      id: z.string(),
      type: z.enum(["payout", "reversal"]),
      reverses: z.string().optional(),
      ...money.shape,
      recorded_at: z.string().describe("when the ledger stored the event, RFC 3339 UTC"),
    }),
    platform: z.string().describe("the reporting platform's slug"),
    worker: z.object({
      id: z.string().describe("the platform's own worker id"),
      subject: z.string().describe("the ledger's pseudonymous subject; never a national id"),
      country: z.string(),
    }),
    contributions: z.array(
      z.object({
        rule: z.string(),
        scheme: z.string(),
        payer: z.enum(["worker", "platform"]),
        period: z.string(),
        ...money.shape,
      }),
    ),
    ledger_seq: z.int().describe("ledger sequence number: the event's position in the hash chain"),
    chain: z
      .object({ hash: z.string(), prev_hash: z.string() })
      .nullable()
      .describe("the chain link at ledger_seq once sealed, else null"),
  })
  .openapi("Receipt");

export const signedReceiptSchema = z
  .object({
    payload: receiptSchema,
    jws: z
      .string()
      .describe(
        "compact JWS (RFC 7515, alg EdDSA per RFC 8037, kid of a key at /.well-known/contribution-ledger/keys.json) whose payload is the JSON of `payload`",
      ),
  })
  .openapi("SignedReceipt");

export type Receipt = z.infer<typeof receiptSchema>;
export type SignedReceipt = z.infer<typeof signedReceiptSchema>;
