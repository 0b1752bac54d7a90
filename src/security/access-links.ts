/**
 * Worker access tokens: signed, expiring, single-purpose bearer tokens carried in the path of a worker
 * link (`/w/<token>`), so a worker can read their own record without an account.
 *
 * Format: `<payload>.<signature>`, both base64url without padding (RFC 4648 §5):
 *   payload   = UTF-8 JSON {purpose: "worker-record", sub: <ledger subject_key>, platform: <platform id> | null,
 *               exp: <unix s>, iat: <unix s>}
 *   `platform` scopes the link: a link a platform made shows only what that platform reported (its id);
 *   null is the cross-platform view, issued only by an agency (README "Worker identity"). A token without
 *   the claim (made before scoping existed) is malformed: it must be issued again.
 *   signature = HMAC-SHA256 under LINK_SIGNING_KEY (`deps.linkKey`) of the payload segment as sent.
 * The signature is checked first, with WebCrypto's constant-time verify, and only a correctly signed
 * payload is parsed; so a tampered token is always "bad-signature", whatever it claims.
 * Tokens are stateless: one cannot be revoked before `exp` except by rotating LINK_SIGNING_KEY.
 */
import { decodeBase64, decodeBase64Url, encodeBase64Url } from "hono/utils/encode";
import { z } from "zod";
import { hmacBase64, hmacVerify } from "./digest.js";

export const ACCESS_PURPOSE = "worker-record";

/** Longest token accepted (a subject key is at most ~140 characters, so real tokens are ~300). */
const MAX_TOKEN_LENGTH = 2048;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

export interface AccessPayload {
  purpose: typeof ACCESS_PURPOSE;
  /** The ledger's subject_key of the worker ("nid:<hash>" or "p<platform id>:<worker ref>"). */
  sub: string;
  /** The platform whose events the link shows, or null for every platform (agency-issued links only). */
  platform: number | null;
  /** Expiry, Unix seconds (exclusive: the token is refused from this second on). */
  exp: number;
  /** Issue time, Unix seconds. */
  iat: number;
}

/** Why a token was refused: not a token, signed with another key or altered, past `exp`, or made for another use. */
export type AccessFailure = "malformed" | "bad-signature" | "expired" | "wrong-purpose";

const payloadSchema = z.object({
  purpose: z.string(),
  sub: z.string().min(1).max(512),
  platform: z.int().positive().nullable(),
  exp: z.int().nonnegative(),
  iat: z.int().nonnegative(),
});

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const unpadded = (base64url: string) => base64url.replace(/=+$/, "");

/**
 * Signs any payload object (callers pass an AccessPayload; tests may sign other shapes to probe the
 * verifier). Returns the token string.
 */
export async function signAccessToken(
  key: CryptoKey,
  payload: AccessPayload | Record<string, unknown>,
): Promise<string> {
  const body = unpadded(encodeBase64Url(encoder.encode(JSON.stringify(payload)).buffer));
  const signature = unpadded(encodeBase64Url(decodeBase64(await hmacBase64(key, body)).buffer));
  return `${body}.${signature}`;
}

/** Builds and signs the payload for `sub` seen by `platform` (null: every platform), valid from `now` for `ttlSeconds`. */
export async function issueAccessToken(
  key: CryptoKey,
  sub: string,
  platform: number | null,
  now: Date,
  ttlSeconds: number,
): Promise<{ token: string; payload: AccessPayload }> {
  const iat = Math.floor(now.getTime() / 1000);
  const payload: AccessPayload = { purpose: ACCESS_PURPOSE, sub, platform, exp: iat + ttlSeconds, iat };
  return { token: await signAccessToken(key, payload), payload };
}

/**
 * Checks a token at `nowSeconds` (Unix seconds). Order: shape, signature (constant time), payload
 * shape, purpose, expiry. Never throws on any input.
 */
export async function verifyAccessToken(
  key: CryptoKey,
  token: string,
  nowSeconds: number,
): Promise<{ ok: true; payload: AccessPayload } | { ok: false; reason: AccessFailure }> {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: "malformed" };
  const parts = token.split(".");
  if (parts.length !== 2 || !parts.every((p) => SEGMENT.test(p))) return { ok: false, reason: "malformed" };
  const [body, signatureText] = parts as [string, string];
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = decodeBase64Url(signatureText);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  // One spelling per signature: reject variants whose unused trailing bits differ.
  if (signature.length !== 32 || unpadded(encodeBase64Url(signature.buffer)) !== signatureText)
    return { ok: false, reason: "malformed" };
  if (!(await hmacVerify(key, signature, body))) return { ok: false, reason: "bad-signature" };

  let claims: unknown;
  try {
    claims = JSON.parse(decoder.decode(decodeBase64Url(body)));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = payloadSchema.safeParse(claims);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  if (parsed.data.purpose !== ACCESS_PURPOSE) return { ok: false, reason: "wrong-purpose" };
  if (nowSeconds >= parsed.data.exp) return { ok: false, reason: "expired" };
  return { ok: true, payload: { ...parsed.data, purpose: ACCESS_PURPOSE } };
}
