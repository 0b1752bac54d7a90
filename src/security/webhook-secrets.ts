/**
 * Webhook secrets (Standard Webhooks "whsec_<base64 key>"): the key inside one, and rotation with an
 * overlap ("multiple signatures / key rotation"): the secret arithmetic only, no storage (the write is
 * src/accounts/platforms.ts `rotateWebhookSecret`).
 *
 * A platform has a current secret and, after a rotation, the previous one, valid until
 * `previous_webhook_secret_expires_at` (RFC 3339 UTC, exclusive). Both are stored sealed (AES-GCM,
 * secret-box.ts). A rotation is one UPDATE that moves current -> previous and seals a new current, so
 * two concurrent rotations serialise in the database; rotating again inside the overlap ends the oldest
 * secret's validity at once (only two secrets are ever valid).
 */
import { decodeBase64 } from "hono/utils/encode";
import { newWebhookSecret } from "./api-keys.js";
import { importHmacKey } from "./digest.js";

/** Default overlap during which the previous secret stays valid: 24 hours, in seconds. */
export const DEFAULT_ROTATION_OVERLAP_S = 86_400;
/** Longest overlap accepted: 7 days, in seconds. */
export const MAX_ROTATION_OVERLAP_S = 7 * 86_400;

/** The HMAC key inside a "whsec_<base64 key>" secret (Standard Webhooks). */
export function webhookKey(secret: string): Promise<CryptoKey> {
  return importHmacKey(decodeBase64(secret.startsWith("whsec_") ? secret.slice(6) : secret));
}

/** The sealed secrets of a platform row that verify deliveries at `now`: the current one first. */
export function validSealedSecrets(
  row: { current: string; previous: string | null; previousExpiresAt: string | null },
  now: Date,
): string[] {
  const { current, previous, previousExpiresAt } = row;
  const previousValid =
    previous !== null && previousExpiresAt !== null && now.toISOString() < previousExpiresAt;
  return previousValid ? [current, previous] : [current];
}

/** A rotation decided at `now` with `overlapS` seconds of overlap: the new secret (shown once) and when the previous one stops verifying. */
export interface Rotation {
  secret: string;
  /** RFC 3339 UTC, exclusive: `now` + `overlapS`. */
  previousExpiresAt: string;
}

/** The rotation of a secret at `now` with `overlapS` seconds (0..MAX_ROTATION_OVERLAP_S) of overlap. */
export function planRotation(now: Date, overlapS: number): Rotation {
  return {
    secret: newWebhookSecret(),
    previousExpiresAt: new Date(now.getTime() + overlapS * 1000).toISOString(),
  };
}
