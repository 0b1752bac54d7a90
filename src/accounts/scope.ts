/**
 * The jurisdiction scope of a caller, in one place: an agency key reads and acts on the data of its own
 * jurisdictions only; the operator (admin) and a platform are not jurisdiction-scoped (a platform is scoped
 * to its own data by every query, filtered by its id). Used by the reports, the period closes, the agency
 * lookup, the worker links and the agency's dispute list; and the operator's scope of the account
 * operations (src/accounts/platforms.ts, agencies.ts, api-keys.ts, rule-publishing.ts).
 */
import { ForbiddenError } from "../domain/errors.js";
import type { Principal, PrincipalOf } from "./principal.js";

/** True when `caller` may see `jurisdiction`'s data (ISO 3166-1 alpha-2 code). */
export function isJurisdictionInScope(caller: Principal, jurisdiction: string): boolean {
  return caller.role !== "agency" || caller.jurisdictions.includes(jurisdiction);
}

/**
 * Throws `ForbiddenError` unless `caller` may see `jurisdiction`. `action` completes the refusal
 * "this agency key may <action> <its jurisdictions> only, not <jurisdiction>", e.g. "read reports for".
 */
export function assertJurisdictionInScope(caller: Principal, jurisdiction: string, action: string): void {
  if (caller.role === "agency" && !isJurisdictionInScope(caller, jurisdiction))
    throw new ForbiddenError(
      `this agency key may ${action} ${caller.jurisdictions.join(", ")} only, not ${jurisdiction}`,
    );
}

/** Throws `ForbiddenError` unless `caller` is the operator (the routes require the admin key already). */
export function assertOperator(caller: Principal): asserts caller is PrincipalOf<"admin"> {
  if (caller.role !== "admin") throw new ForbiddenError("this operation needs a admin key");
}
