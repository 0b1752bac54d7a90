/**
 * API key revocation by the operator: DELETE /v1/admin/api-keys/{prefix} ends a platform's or an agency's
 * key at once (the key then gets 401, src/http/auth.ts). The key is found by its visible prefix
 * ("clk_<platform|agency>_<8 characters>", src/security/api-keys.ts); the revocation and its audit row are
 * one batch. `NotFoundError` when no live key has the prefix.
 */
import { and, eq, isNull } from "drizzle-orm";
import { agencies, platforms } from "../db/schema.js";
import { NotFoundError } from "../domain/errors.js";
import { auditRow } from "./audit.js";
import type { AccountsDeps } from "./account-deps.js";
import type { Principal } from "./principal.js";
import { assertOperator } from "./scope.js";

/** Revokes the live key of `prefix`; returns when (RFC 3339 UTC). */
export async function revokeApiKey(
  deps: AccountsDeps,
  caller: Principal,
  prefix: string,
): Promise<{ prefix: string; revoked_at: string }> {
  assertOperator(caller);
  const { db } = deps.database;
  const at = deps.now().toISOString();
  const table = prefix.startsWith("clk_platform_") ? platforms : agencies;
  const live = and(eq(table.apiKeyPrefix, prefix), isNull(table.apiKeyRevokedAt));
  const [found] = await db.select({ id: table.id }).from(table).where(live);
  if (!found) throw new NotFoundError(`no live API key with prefix ${prefix}`);
  await db.batch([
    db.update(table).set({ apiKeyRevokedAt: at }).where(live),
    auditRow(deps, caller, "api-key.revoke", prefix),
  ]);
  deps.platformKeys.invalidate();
  return { prefix, revoked_at: at };
}
