/**
 * RFC 9457 problem details (`application/problem+json`). Every error the API returns goes through here,
 * with a stable `type` URI under PROBLEM_BASE, a `title`, a `detail`, and for validation the failing fields.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { BusyError, type DomainError, type DomainErrorKind, InvalidError } from "../domain/errors.js";
import type { FieldError, Rejection, RejectionCode } from "../ledger/rejection.js";

export const PROBLEM_BASE = "https://contribution-ledger.dev/problems/";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  event_id?: string;
  errors?: FieldError[];
}

const TITLES: Record<string, string> = {
  "invalid-request": "The request is not valid",
  "invalid-event": "The event is not valid",
  "idempotency-conflict": "The event id was used before with other content",
  "fx-rate-unavailable": "No exchange rate is available for the payout",
  "reversal-target-unknown": "The payout to reverse is unknown",
  "reversal-mismatch": "The reversal does not match its payout",
  "reversal-exceeds-remaining": "The reversal exceeds what remains of the payout",
  "missing-fact": "A rule in force needs a fact the event does not carry",
  "rule-condition-failed": "A rule's condition could not be evaluated on the event",
  unauthorized: "Authentication is required",
  forbidden: "Not allowed for this key",
  "invalid-signature": "The webhook signature is not valid",
  "not-found": "Not found",
  conflict: "Conflict",
  "payload-too-large": "The request body is too large",
  "unsupported-media-type": "Unsupported content type",
  "ledger-busy": "The ledger is busy; retry",
  "rate-limited": "Too many requests from this platform",
  "identity-conflict": "The national id conflicts with the one this worker id was reported with",
  "correction-event-unknown":
    "The correction event is not one this platform recorded for the dispute's worker",
  "internal-error": "Internal error",
};

export function problemOf(
  code: string,
  status: number,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return { type: PROBLEM_BASE + code, title: TITLES[code] ?? code, status, detail, ...extra };
}

/** The one place a service error (src/domain/errors.ts) gets its HTTP status. */
const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  "not-found": 404,
  forbidden: 403,
  conflict: 409,
  invalid: 422,
  busy: 503,
};

/** A service error as problem+json, with the headers it needs (Retry-After for "busy"). */
export function problemOfDomainError(error: DomainError): {
  problem: Problem;
  headers: Record<string, string>;
} {
  const fields = error instanceof InvalidError ? error.fields : [];
  const problem = problemOf(error.code, STATUS_OF_KIND[error.kind], error.message, {
    ...(fields.length > 0 ? { errors: fields } : {}),
  });
  const headers: Record<string, string> =
    error instanceof BusyError ? { "retry-after": String(error.retryAfterSeconds) } : {};
  return { problem, headers };
}

export function statusOfRejection(code: RejectionCode): 409 | 422 {
  return code === "idempotency-conflict" ? 409 : 422;
}

export function problemOfRejection(rejection: Rejection, eventId: string | undefined): Problem {
  return problemOf(rejection.code, statusOfRejection(rejection.code), rejection.detail, {
    ...(eventId !== undefined ? { event_id: eventId } : {}),
    ...(rejection.errors ? { errors: rejection.errors } : {}),
  });
}

export function problemResponse(
  c: Context,
  problem: Problem,
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    "content-type": "application/problem+json",
    ...headers,
  });
}

/** Thrown by handlers and middleware; the app's error handler renders it. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
  }
}

export function fail(
  code: string,
  status: number,
  detail: string,
  extra: Partial<Problem> = {},
  headers: Record<string, string> = {},
): never {
  throw new ProblemError(problemOf(code, status, detail, extra), headers);
}
