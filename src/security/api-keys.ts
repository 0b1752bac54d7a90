/**
 * API keys and webhook secrets.
 * - API key: "clk_<role>_<32 random bytes base64url>"; stored only as SHA-256 hex (a high-entropy key
 *   needs no salt or slow hash), with a visible prefix ("clk_<role>_" and the first 8 random characters,
 *   48 bits) to recognise and revoke it (DELETE /v1/admin/api-keys/{prefix}).
 * - Webhook secret: Standard Webhooks format "whsec_<base64 of 24 random bytes>".
 */
import { encodeBase64, encodeBase64Url } from "hono/utils/encode";
import { randomBytes, sha256Hex } from "./digest.js";

export type Role = "admin" | "platform" | "agency";

export interface IssuedKey {
  key: string;
  hash: string;
  prefix: string;
}

export async function issueApiKey(role: Exclude<Role, "admin">): Promise<IssuedKey> {
  const head = `clk_${role}_`;
  const key = head + encodeBase64Url(randomBytes(32).buffer).replace(/=+$/, "");
  return { key, hash: await hashApiKey(key), prefix: key.slice(0, head.length + 8) };
}

/** The shape of a key prefix as issued (used to validate DELETE /v1/admin/api-keys/{prefix}). */
export const API_KEY_PREFIX = /^clk_(platform|agency)_[A-Za-z0-9_-]{8}$/;

export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(key);
}

export function newWebhookSecret(): string {
  return `whsec_${encodeBase64(randomBytes(24).buffer)}`;
}
