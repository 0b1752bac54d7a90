/**
 * Why the ledger refused one event. Routes turn it into RFC 9457 problem+json (http/problem.ts).
 * - invalid-event (422): the event failed schema validation; `errors` lists the failing fields.
 * - idempotency-conflict (409): the event id was recorded before with other content.
 * - fx-rate-unavailable, reversal-target-unknown, reversal-mismatch, reversal-exceeds-remaining (422).
 * - missing-fact (422): a rule in force needs a fact the event does not carry (`errors` names the field,
 *   e.g. worker.birth_date or task.attributes.vehicle); a missing fact never silently skips a contribution.
 * - rule-condition-failed (422): a rule's condition could not be evaluated on the event's facts.
 * - identity-conflict (422): the event's national id differs from the one this platform reported earlier
 *   (or earlier in the same delivery) for the same worker id.
 * - occurred-at-out-of-range (422): `occurred_at` before OCCURRED_AT_MIN or too far past the server clock.
 */
export type RejectionCode =
  | "invalid-event"
  | "idempotency-conflict"
  | "fx-rate-unavailable"
  | "reversal-target-unknown"
  | "reversal-mismatch"
  | "reversal-exceeds-remaining"
  | "missing-fact"
  | "rule-condition-failed"
  | "identity-conflict"
  | "occurred-at-out-of-range";

import type { FieldError } from "../domain/errors.js";

export type { FieldError };

export interface Rejection {
  code: RejectionCode;
  detail: string;
  errors?: FieldError[];
}
