/**
 * The typed errors services throw (docs/design.md, "One error model"). They carry no HTTP status: the
 * HTTP edge maps each kind once (src/http/problem.ts `problemOfDomainError`, used by `app.onError`), and a
 * Cron job or script reads the same error without any HTTP in sight.
 *
 * - `NotFoundError` (kind "not-found"): the resource does not exist, or is outside the caller's scope in a
 *   way that must not reveal it exists.
 * - `ForbiddenError` ("forbidden"): the caller is known but may not do this (another jurisdiction, role).
 * - `ConflictError` ("conflict"): the request conflicts with the ledger's state (closed period, an answer
 *   given before, a concurrent write that won).
 * - `InvalidError` ("invalid"): the request is well-formed but not acceptable (a field fails a rule that
 *   needs the database to check); `fields` names the failing fields.
 * - `BusyError` ("busy"): the service cannot take more work now; `retryAfterSeconds` says when to retry.
 *
 * `code` is the stable problem type slug (https://contribution-ledger.dev/problems/<code>); each class
 * has a default, and a service may give a more precise one (e.g. "identity-conflict").
 */

/** One failing field: `path` in the request ("worker.country", "period"), `message` in English. */
export interface FieldError {
  path: string;
  message: string;
}

export type DomainErrorKind = "not-found" | "forbidden" | "conflict" | "invalid" | "busy";

/** Base of the service errors; `kind` says what went wrong, `code` which problem type it is. */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = "not-found";
  constructor(detail: string, code = "not-found") {
    super(code, detail);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
  constructor(detail: string, code = "forbidden") {
    super(code, detail);
  }
}

export class ConflictError extends DomainError {
  readonly kind = "conflict";
  constructor(detail: string, code = "conflict") {
    super(code, detail);
  }
}

export class InvalidError extends DomainError {
  readonly kind = "invalid";
  constructor(
    detail: string,
    readonly fields: FieldError[] = [],
    code = "invalid-request",
  ) {
    super(code, detail);
  }
}

export class BusyError extends DomainError {
  readonly kind = "busy";
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
    code = "ledger-busy",
  ) {
    super(code, detail);
  }
}
