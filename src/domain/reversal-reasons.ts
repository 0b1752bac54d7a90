/**
 * Why a platform took a payout back (issue 16, "Non-payment made visible"; the seed report's criteria 7
 * and 11 on fair rules for non-payment and the right to contest it). A reversal may carry one `reason`;
 * one sent without is valid and counts as `unspecified` in every report.
 *
 * - `rejected-work`: the platform (or its client) rejected the work after paying for it;
 * - `refund`: the customer was refunded;
 * - `chargeback`: the customer's bank reversed the payment;
 * - `platform-error`: the platform paid by mistake (wrong amount, wrong worker, duplicate);
 * - `other`: any other reason (the note should say which).
 */
export const REVERSAL_REASONS = ["rejected-work", "refund", "chargeback", "platform-error", "other"] as const;
export type ReversalReason = (typeof REVERSAL_REASONS)[number];

/** How reports count a reversal without a reason. */
export const UNSPECIFIED_REASON = "unspecified";
export type CountedReason = ReversalReason | typeof UNSPECIFIED_REASON;

/** Every reason a report counts, in report order (unspecified last). */
export const COUNTED_REASONS: readonly CountedReason[] = [...REVERSAL_REASONS, UNSPECIFIED_REASON];

/** Longest reason note, in characters (UTF-16 code units, as zod counts). */
export const MAX_REASON_NOTE_LENGTH = 500;

/** A worker's contractual status as a platform may send it (worker.status); the ledger cannot know it otherwise. */
export const WORKER_STATUSES = ["employee", "self-employed"] as const;
export type WorkerStatus = (typeof WORKER_STATUSES)[number];
