/**
 * Pure mapping from a row of the real payout data set (data/crowdflower-sample.csv, the full
 * ../shared/data/crowdflower-payouts.csv; columns documented in data/README.md) to the payout event a
 * platform sends to POST /v1/payouts (src/schemas/payout-event.ts). No I/O: scripts/lib/replay.ts
 * streams the file and sends the events.
 *
 * The row is checked only for what the mapping needs (column presence, an RFC 3339 `occurred_at` and an
 * integer `duration_s`); everything else is passed through as is, so that the service judges it: the
 * 30 rows with an empty `country` become events with `worker.country` "" and are rejected by the
 * service (422 invalid-event), not dropped here.
 */
import { z } from "zod";
import { rfc3339Instant } from "../../src/schemas/common.js";
import type { payoutEventSchema } from "../../src/schemas/payout-event.js";

/** The columns the replay reads (others, such as `channel` and `started_at`, are ignored). */
export const payoutCsvRowSchema = z.object({
  event_id: z.string(),
  worker_ref: z.string(),
  country: z.string(),
  occurred_at: rfc3339Instant,
  duration_s: z
    .string()
    .regex(/^[0-9]{1,9}$/, "must be a whole number of seconds")
    .transform(Number),
  amount: z.string(),
  currency: z.string(),
  task_type: z.string(),
});

export type PayoutCsvRow = z.output<typeof payoutCsvRowSchema>;

/** A payout event as sent on the wire (the service's input shape, before its validation). */
export type PayoutEventInput = z.input<typeof payoutEventSchema>;

/**
 * Parses one CSV record (an object keyed by the header's column names, as csv-parse gives it with
 * `columns: true`). Throws an Error naming `line` (1-based line in the file) and the failing columns
 * when the file does not have the data set's shape; the replay stops on it.
 */
export function parsePayoutRow(record: unknown, line: number): PayoutCsvRow {
  const parsed = payoutCsvRowSchema.safeParse(record);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .map((issue) => `${issue.path.join(".") || "row"}: ${issue.message}`)
    .join("; ");
  throw new Error(`line ${line}: not a payout row of the data set (${issues})`);
}

const DAY_MS = 86_400_000;

/**
 * The offset in milliseconds (a whole number of days, may be negative) that moves the UTC date of
 * `firstOccurredAt` to `shiftTo` ("YYYY-MM-DD", a calendar date already validated by the caller).
 * Adding it to every timestamp keeps the time of day and all the gaps between rows.
 * Example: shiftOffsetMs("2014-06-27T14:49:50Z", "2025-01-01") === 3841 * 86_400_000.
 */
export function shiftOffsetMs(firstOccurredAt: string, shiftTo: string): number {
  const firstDay = Math.floor(Date.parse(firstOccurredAt) / DAY_MS) * DAY_MS;
  return Date.parse(`${shiftTo}T00:00:00Z`) - firstDay;
}

/**
 * Maps a row to its payout event: id = event_id, worker {id: worker_ref, country}, amount and currency
 * verbatim, task {type: task_type, duration_s} (the data set has no task id). `occurred_at` is moved by
 * `offsetMs` and written as UTC (`toISOString`, millisecond precision); with offset 0 the original
 * string is kept, so a replay without --shift-to redelivers byte-identical content.
 */
export function toPayoutEvent(row: PayoutCsvRow, offsetMs: number): PayoutEventInput {
  return {
    id: row.event_id,
    type: "payout",
    occurred_at:
      offsetMs === 0 ? row.occurred_at : new Date(Date.parse(row.occurred_at) + offsetMs).toISOString(),
    worker: { id: row.worker_ref, country: row.country },
    amount: row.amount,
    currency: row.currency,
    task: { type: row.task_type, duration_s: row.duration_s },
  };
}
