/**
 * API keys and webhook secrets.
 * - API key: "clk_<role>_<32 random bytes base64url>"; stored only as SHA-256 hex (a high-entropy key
 *   needs no salt or slow hash), with a visible prefix (first 12 characters) to recognise it.
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
  const key = `clk_${role}_${encodeBase64Url(randomBytes(32).buffer).replace(/=+$/, "")}`;
  return { key, hash: await hashApiKey(key), prefix: key.slice(0, 12) };
}

export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(key);
}

export function newWebhookSecret(): string {
  return `whsec_${encodeBase64(randomBytes(24).buffer)}`;
}
