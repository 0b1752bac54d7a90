/**
 * The range of `occurred_at` the ledger accepts (README "Choices made where the design was silent"):
 * from OCCURRED_AT_MIN (2000-01-01T00:00:00Z, inclusive) to MAX_FUTURE_MS (one day, or the deployment's
 * OCCURRED_AT_MAX_FUTURE_S) past the server clock (`deps.now`, inclusive). Older or later instants would give period keys outside four-digit years,
 * and an append-only ledger could never correct them; a day of slack covers clock skew and time zones.
 */
import type { Rejection } from "./rejection.js";

export const OCCURRED_AT_MIN = "2000-01-01T00:00:00Z";
export const MAX_FUTURE_MS = 86_400_000;

const MIN_MS = Date.parse(OCCURRED_AT_MIN);

/** Null when `occurredAt` lies in range at `now`, else the 422 rejection. */
export function occurredAtRejection(
  occurredAt: Date,
  now: Date,
  maxFutureMs: number = MAX_FUTURE_MS,
): Rejection | null {
  const ms = occurredAt.getTime();
  const latest = now.getTime() + maxFutureMs;
  if (ms >= MIN_MS && ms <= latest) return null;
  const message = `must lie between ${OCCURRED_AT_MIN} and ${maxFutureMs / 1000} s past the server clock (${new Date(latest).toISOString()})`;
  return {
    code: "occurred-at-out-of-range",
    detail: `occurred_at ${message}`,
    errors: [{ path: "occurred_at", message }],
  };
}
