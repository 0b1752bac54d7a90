/**
 * Platform accounts: registration, webhook secret rotation (by the operator or by the platform itself) and
 * suspension. Every mutation checks the caller first, runs as one `db.batch` that also writes its audit
 * row (audit.ts), and drops the process's platform cache after it (src/security/platform-keys.ts).
 *
 * Errors (src/domain/errors.ts): `ForbiddenError` for a caller without the operator's scope,
 * `NotFoundError` for an unknown slug, `ConflictError` for a slug taken. Any other driver error (a NOT NULL
 * or CHECK violation is a bug) is rethrown as it is.
 */
import { eq, sql } from "drizzle-orm";
import { platforms } from "../db/schema.js";
import { isUniqueViolationOn } from "../db/driver-errors.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../domain/errors.js";
import { issueApiKey, newWebhookSecret } from "../security/api-keys.js";
import { planRotation } from "../security/webhook-secrets.js";
import { auditRow } from "./audit.js";
import type { AccountsDeps } from "./account-deps.js";
import type { Principal } from "./principal.js";
import { assertOperator } from "./scope.js";

/** A registered platform; `webhook_secret` and `api_key` are shown once and kept only sealed or hashed. */
export interface RegisteredPlatform {
  id: number;
  slug: string;
  name: string;
  webhook_secret: string;
  api_key: string;
  api_key_prefix: string;
}

/** Registers platform `slug` (unique) with a new webhook secret and API key. */
export async function registerPlatform(
  deps: AccountsDeps,
  caller: Principal,
  input: { slug: string; name: string },
): Promise<RegisteredPlatform> {
  assertOperator(caller);
  const { db } = deps.database;
  const secret = newWebhookSecret();
  const apiKey = await issueApiKey("platform");
  const insert = db
    .insert(platforms)
    .values({
      slug: input.slug,
      name: input.name,
      webhookSecretCiphertext: await deps.secretBox.seal(secret),
      apiKeyHash: apiKey.hash,
      apiKeyPrefix: apiKey.prefix,
    })
    .returning({ id: platforms.id });
  try {
    const [[row]] = await db.batch([
      insert,
      auditRow(deps, caller, "platform.register", `${input.slug} key ${apiKey.prefix}`),
    ]);
    if (!row) throw new Error("platform insert returned no row");
    deps.platformKeys.invalidate();
    return {
      id: row.id,
      slug: input.slug,
      name: input.name,
      webhook_secret: secret,
      api_key: apiKey.key,
      api_key_prefix: apiKey.prefix,
    };
  } catch (error) {
    if (isUniqueViolationOn(error, "platforms", ["slug"]))
      throw new ConflictError(`a platform with slug "${input.slug}" exists`);
    throw error;
  }
}

/** The platform of `slug`; `NotFoundError` when there is none. */
async function platformOfSlug(deps: AccountsDeps, slug: string) {
  const [platform] = await deps.database.db
    .select({ id: platforms.id, suspendedAt: platforms.suspendedAt })
    .from(platforms)
    .where(eq(platforms.slug, slug));
  if (!platform) throw new NotFoundError(`no platform "${slug}"`);
  return platform;
}

/** A rotation's answer: the new secret (shown once) and the previous secret's expiry (RFC 3339 UTC). */
export interface RotatedSecret {
  webhook_secret: string;
  previous_secret_expires_at: string;
}

/**
 * Rotates the webhook secret of the platform `target` names: a slug (the operator) or "self" (the
 * calling platform's own). The previous secret keeps verifying for `overlapS` seconds.
 */
export async function rotateWebhookSecret(
  deps: AccountsDeps,
  caller: Principal,
  target: { slug: string } | "self",
  overlapS: number,
): Promise<RotatedSecret> {
  let platform: { id: number; slug: string };
  if (target === "self") {
    if (caller.role !== "platform") throw new ForbiddenError("this operation needs a platform key");
    platform = { id: caller.platformId, slug: caller.slug };
  } else {
    assertOperator(caller);
    platform = { id: (await platformOfSlug(deps, target.slug)).id, slug: target.slug };
  }
  const { db } = deps.database;
  const rotation = planRotation(deps.now(), overlapS);
  await db.batch([
    db
      .update(platforms)
      .set({
        previousWebhookSecretCiphertext: sql`${platforms.webhookSecretCiphertext}`,
        previousWebhookSecretExpiresAt: rotation.previousExpiresAt,
        webhookSecretCiphertext: await deps.secretBox.seal(rotation.secret),
      })
      .where(eq(platforms.id, platform.id)),
    auditRow(
      deps,
      caller,
      "platform.webhook-secret.rotate",
      `${platform.slug} previous valid until ${rotation.previousExpiresAt}`,
    ),
  ]);
  deps.platformKeys.invalidate();
  return { webhook_secret: rotation.secret, previous_secret_expires_at: rotation.previousExpiresAt };
}

/** A platform's suspension state: since when (RFC 3339 UTC) it is suspended, null when not. */
export interface Suspension {
  slug: string;
  suspended_at: string | null;
}

/**
 * Suspends (`suspend`) or reinstates platform `slug`. Suspending is idempotent: the first instant is
 * kept. A suspended platform's webhooks and reads get 403 (src/http/auth.ts `refuseSuspended`).
 */
export async function setSuspension(
  deps: AccountsDeps,
  caller: Principal,
  slug: string,
  suspend: boolean,
): Promise<Suspension> {
  assertOperator(caller);
  const { db } = deps.database;
  const platform = await platformOfSlug(deps, slug);
  const suspendedAt = suspend ? (platform.suspendedAt ?? deps.now().toISOString()) : null;
  await db.batch([
    db.update(platforms).set({ suspendedAt }).where(eq(platforms.id, platform.id)),
    auditRow(deps, caller, suspend ? "platform.suspend" : "platform.reinstate", slug),
  ]);
  deps.platformKeys.invalidate();
  return { slug, suspended_at: suspendedAt };
}
