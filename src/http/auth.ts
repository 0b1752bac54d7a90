/**
 * Bearer-key authentication and role checks, one middleware per route family.
 * A key is recognised by its SHA-256 (the database holds no key in clear): the operator's key from the
 * environment, or a platform's or an agency's key that is not revoked. The principal is put on the
 * context as `principal`. The scheme is matched case-insensitively (RFC 9110 §11.1: "bearer" = "Bearer").
 * A suspended platform's valid key gets 403 (suspension, src/accounts/platforms.ts). A platform's requests
 * count against its rate limit (src/http/rate-limit.ts) once authenticated. The principal type is
 * src/accounts/principal.ts; a route that puts `requireRole(deps, ...roles)` in its own `middleware` sees
 * `c.var.principal` narrowed to those roles, so no handler checks a role again.
 */
import { eq } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { hasRole, type Principal, type PrincipalOf } from "../accounts/principal.js";
import { agencies, platforms } from "../db/schema.js";
import type { AppDeps } from "../deps.js";
import { hashApiKey, type Role } from "../security/api-keys.js";
import { fail } from "./problem.js";
import { platformRateLimit } from "./rate-limit.js";

/** An agency row's `jurisdictions`: a JSON array of ISO 3166-1 alpha-2 codes. */
const agencyJurisdictions = z.array(z.string());

export type AppEnv = { Variables: { principal: Principal; requestId: string } };
/** The env of a route behind `requireRole(deps, ...roles)`: its principal has one of `R`. */
export type RoleEnv<R extends Role> = { Variables: { principal: PrincipalOf<R>; requestId: string } };

async function principalOf(deps: AppDeps, key: string): Promise<Principal | undefined> {
  const hash = await hashApiKey(key);
  if (hash === deps.adminKeyHash) return { role: "admin", actor: "admin" };
  const { db } = deps.database;
  if (key.startsWith("clk_platform_")) {
    const [p] = await db.select().from(platforms).where(eq(platforms.apiKeyHash, hash));
    if (p && p.apiKeyRevokedAt === null)
      return {
        role: "platform",
        actor: `platform:${p.slug}`,
        platformId: p.id,
        slug: p.slug,
        suspendedAt: p.suspendedAt,
      };
  }
  if (key.startsWith("clk_agency_")) {
    const [a] = await db.select().from(agencies).where(eq(agencies.apiKeyHash, hash));
    if (a && a.apiKeyRevokedAt === null)
      return {
        role: "agency",
        actor: `agency:${a.id}`,
        agencyId: a.id,
        jurisdictions: agencyJurisdictions.parse(JSON.parse(a.jurisdictions)),
      };
  }
  return undefined;
}

/** 403 for a suspended platform (its signed webhooks and its key alike). */
export function refuseSuspended(principal: Principal): void {
  if (principal.role === "platform" && principal.suspendedAt)
    fail(
      "forbidden",
      403,
      `platform "${principal.slug}" is suspended since ${principal.suspendedAt}; ask the operator to reinstate it`,
    );
}

/**
 * Requires a bearer key of one of `roles`; 401 without a valid key, 403 for another role or a suspended
 * platform, 429 when a platform is over its rate limit. A second requireRole on the same request (nested
 * route families) reuses the principal and does not count the request again.
 */
export function requireRole<R extends Role>(deps: AppDeps, ...roles: R[]) {
  const limited = platformRateLimit<RoleEnv<R>>(deps.rateLimit, deps.now);
  const refuseRole = (): never => fail("forbidden", 403, `this operation needs a ${roles.join(" or ")} key`);
  return createMiddleware<RoleEnv<R>>(async (c, next) => {
    const known = c.get("principal") as Principal | undefined;
    if (known) {
      if (!hasRole(known, roles)) refuseRole();
      return next();
    }
    const header = c.req.header("authorization") ?? "";
    const key = /^bearer +([\x21-\x7e]{16,200})$/i.exec(header)?.[1];
    const principal = key === undefined ? undefined : await principalOf(deps, key);
    if (!principal) fail("unauthorized", 401, "send a valid API key as 'Authorization: Bearer <key>'");
    if (!hasRole(principal, roles)) return refuseRole();
    refuseSuspended(principal);
    c.set("principal", principal);
    return limited(c, next);
  });
}
