/**
 * Who is calling: the principal a bearer key resolves to (src/http/auth.ts finds it, the services read it).
 * It lives below the HTTP layer so every service can check the caller's scope without importing Hono.
 *
 * - `admin`: the operator's key (ADMIN_API_KEY); every scope.
 * - `platform`: a platform's key; its own workers, events and account. `suspendedAt` (RFC 3339 UTC) is set
 *   while the operator has suspended it.
 * - `agency`: an agency's key; the data of `jurisdictions` (ISO 3166-1 alpha-2 codes) only (scope.ts).
 *
 * `actor` is what the audit trail records ("admin", "platform:<slug>", "agency:<id>").
 */
import type { Role } from "../security/api-keys.js";

export type Principal =
  | { role: "admin"; actor: string }
  | { role: "platform"; actor: string; platformId: number; slug: string; suspendedAt?: string | null }
  | { role: "agency"; actor: string; agencyId: number; jurisdictions: string[] };

/** The principal of one of `R`'s roles, e.g. `PrincipalOf<"platform">`. */
export type PrincipalOf<R extends Role> = Extract<Principal, { role: R }>;

/** True when `principal` has one of `roles` (a type guard: the principal is narrowed to those roles). */
export function hasRole<R extends Role>(
  principal: Principal,
  roles: readonly R[],
): principal is PrincipalOf<R> {
  return (roles as readonly Role[]).includes(principal.role);
}
