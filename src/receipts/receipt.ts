/**
 * The signed receipt of one recorded event (README "Signed receipts"): what the ledger recorded for it,
 * signed by the service's Ed25519 key (src/security/receipt-keys.ts).
 *
 * Shape (src/schemas/receipt.ts `signedReceiptSchema`, in the OpenAPI document as SignedReceipt):
 *   { payload: Receipt, jws: "<compact JWS, EdDSA, kid>" }
 * where the JWS's payload is the JSON of `payload` itself; `payload` is a readable copy, and a verifier
 * trusts only what the JWS carries (src/receipts/verify-signed.ts also checks that the copy equals it).
 * Receipt (v 1):
 * - `event`: the platform's event id, type, `reverses` (reversals), amount and currency as recorded,
 *   `recorded_at` (when the ledger stored it, RFC 3339 UTC);
 * - `platform`: the platform's slug; `worker`: the platform's own worker id and the ledger's
 *   pseudonymous subject (`p<platform id>:<worker id>` or `nid:<keyed hash of the national id>`, never
 *   the national id), with its `country` (the jurisdiction);
 * - `contributions`: every entry (rule code, scheme, payer, contribution period, amount and currency;
 *   amounts are decimal strings in the currency's minor unit, negative for a reversal);
 * - `ledger_seq`: the event's ledger sequence number, its position in the hash chain;
 * - `chain`: null until the event is sealed, then the chain link at that position: `hash` (SHA-256 of
 *   the previous link and the event's sealed content, src/ledger/seal.ts) and `prev_hash`.
 * Built from ledger rows only, so a redelivery, a later GET and the first answer give the same
 * receipt, except that `chain` is filled in once sealed. Ed25519 signatures are deterministic, so the
 * same payload always carries the same JWS.
 */
import type { EventResult } from "../ledger/event-result.js";
import { RECEIPT_TYPE, type Receipt, type SignedReceipt } from "../schemas/receipt.js";
import type { ReceiptSigner } from "../security/receipt-keys.js";

/** Where an event sits in the ledger: its sequence number, storage time, subject and chain link (if sealed). */
export interface LedgerPosition {
  seq: number;
  recordedAt: string;
  subjectKey: string;
  seal: { hash: string; prevHash: string } | null;
}

/** The receipt of `result` (an event result of src/ledger/event-result.ts) at `position`, for the platform `platform`. */
export function receiptOf(result: EventResult, position: LedgerPosition, platform: string): Receipt {
  return {
    v: 1,
    type: RECEIPT_TYPE,
    event: {
      id: result.id,
      type: result.type,
      ...(result.reverses ? { reverses: result.reverses } : {}),
      ...result.amount,
      recorded_at: position.recordedAt,
    },
    platform,
    worker: { id: result.worker.id, subject: position.subjectKey, country: result.worker.country },
    contributions: result.contributions.map((c) => ({
      rule: c.rule,
      scheme: c.scheme,
      payer: c.payer,
      period: c.period,
      amount: c.amount,
      currency: c.currency,
    })),
    ledger_seq: position.seq,
    chain: position.seal ? { hash: position.seal.hash, prev_hash: position.seal.prevHash } : null,
  };
}

/** The receipt signed: the payload and its compact JWS. */
export async function signReceipt(signer: ReceiptSigner, receipt: Receipt): Promise<SignedReceipt> {
  return { payload: receipt, jws: await signer.sign(receipt) };
}
