/**
 * Why the ledger refused one event. Routes turn it into RFC 9457 problem+json (http/problem.ts).
 * - invalid-event (422): the event failed schema validation; `errors` lists the failing fields.
 * - idempotency-conflict (409): the event id was recorded before with other content.
 * - fx-rate-unavailable, reversal-target-unknown, reversal-mismatch, reversal-exceeds-remaining (422).
 */
export type RejectionCode =
  | "invalid-event"
  | "idempotency-conflict"
  | "fx-rate-unavailable"
  | "reversal-target-unknown"
  | "reversal-mismatch"
  | "reversal-exceeds-remaining";

export interface FieldError {
  path: string;
  message: string;
}

export interface Rejection {
  code: RejectionCode;
  detail: string;
  errors?: FieldError[];
}
