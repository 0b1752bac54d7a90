/**
 * Webhook secret rotation with an overlap (Standard Webhooks "multiple signatures / key rotation").
 *
 * A platform has a current secret and, after a rotation, the previous one, valid until
 * `previous_webhook_secret_expires_at` (RFC 3339 UTC, exclusive). Both are stored sealed (AES-GCM,
 * secret-box.ts). A rotation is one UPDATE that moves current -> previous and seals a new current, so
 * two concurrent rotations serialise in the database; rotating again inside the overlap ends the oldest
 * secret's validity at once (only two secrets are ever valid).
 */
import { eq, sql } from "drizzle-orm";
import { platforms } from "../db/schema.js";
import type { AppDeps } from "../deps.js";
import { newWebhookSecret } from "./api-keys.js";

/** Default overlap during which the previous secret stays valid: 24 hours, in seconds. */
export const DEFAULT_ROTATION_OVERLAP_S = 86_400;
/** Longest overlap accepted: 7 days, in seconds. */
export const MAX_ROTATION_OVERLAP_S = 7 * 86_400;

/** The sealed secrets of a platform row that verify deliveries at `now`: the current one first. */
export function validSealedSecrets(
  row: { current: string; previous: string | null; previousExpiresAt: string | null },
  now: Date,
): string[] {
  const previousValid =
    row.previous !== null && row.previousExpiresAt !== null && now.toISOString() < row.previousExpiresAt;
  return previousValid ? [row.current, row.previous!] : [row.current];
}

/**
 * Prepares a rotation of platform `platformId`'s secret at `now` with `overlapS` seconds of overlap:
 * returns the new secret (to show once), the previous secret's expiry, and the UPDATE (with `returning`
 * of the id, empty when no such platform) for the caller to batch with its audit row.
 */
export async function prepareRotation(deps: AppDeps, platformId: number, overlapS: number) {
  const secret = newWebhookSecret();
  const previousExpiresAt = new Date(deps.now().getTime() + overlapS * 1000).toISOString();
  const update = deps.database.db
    .update(platforms)
    .set({
      previousWebhookSecretCiphertext: sql`${platforms.webhookSecretCiphertext}`,
      previousWebhookSecretExpiresAt: previousExpiresAt,
      webhookSecretCiphertext: await deps.secretBox.seal(secret),
    })
    .where(eq(platforms.id, platformId))
    .returning({ id: platforms.id });
  return { secret, previousExpiresAt, update };
}
