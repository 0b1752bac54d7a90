/**
 * Standard Webhooks signature verification (https://www.standardwebhooks.com/, spec "Verifying webhooks").
 *
 * Headers: `webhook-id`, `webhook-timestamp` (Unix seconds), `webhook-signature` (space-separated
 * list of "v1,<base64 HMAC-SHA256>"). Signed content: "{id}.{timestamp}.{raw body}", the body as the
 * exact bytes received (a BOM, invalid UTF-8 and all: decoding comes after verification). Secret:
 * "whsec_<base64 key>" (its key: src/security/webhook-secrets.ts `webhookKey`). The timestamp must be within 5 minutes of the server clock, either way.
 * Comparison is constant-time (WebCrypto HMAC verify).
 */
import { decodeBase64 } from "hono/utils/encode";
import { hmacBase64, hmacVerify, type SignedData } from "../security/digest.js";

export const WEBHOOK_TOLERANCE_S = 5 * 60;

export type SignatureFailure = "missing-headers" | "bad-timestamp" | "stale-timestamp" | "bad-signature";

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** The signed content "{id}.{timestamp}.{body}" as bytes; a string body is taken as its UTF-8 bytes. */
function signedContent(id: string, timestamp: string, rawBody: SignedData): Uint8Array<ArrayBuffer> {
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const body = typeof rawBody === "string" ? new TextEncoder().encode(rawBody) : rawBody;
  const content = new Uint8Array(prefix.length + body.length);
  content.set(prefix);
  content.set(body, prefix.length);
  return content;
}

/**
 * Verifies a delivery; returns null when valid, else why not. `rawBody`: the body's bytes as received
 * (a string stands for its UTF-8 bytes). `nowS` is the server clock in Unix seconds.
 * `key` may be several keys (a rotation overlap): a signature under any of them is valid.
 * `check` is the constant-time HMAC check (default WebCrypto's; the server passes the synchronous one of
 * security/sync-digest.ts, which this module does not import so that the browser client can use it).
 */
export async function verifyWebhook(
  key: CryptoKey | readonly CryptoKey[],
  headers: WebhookHeaders,
  rawBody: SignedData,
  nowS: number,
  check: (
    key: CryptoKey,
    signature: Uint8Array<ArrayBuffer>,
    data: Uint8Array<ArrayBuffer>,
  ) => boolean | Promise<boolean> = hmacVerify,
): Promise<SignatureFailure | null> {
  const keys = Array.isArray(key) ? key : [key as CryptoKey];
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return "missing-headers";
  if (!/^[0-9]{1,12}$/.test(timestamp)) return "bad-timestamp";
  if (Math.abs(nowS - Number(timestamp)) > WEBHOOK_TOLERANCE_S) return "stale-timestamp";
  const content = signedContent(id, timestamp, rawBody);
  for (const candidate of signature.split(" ")) {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || !value || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value))
      continue;
    const bytes = decodeBase64(value);
    for (const k of keys) if (await check(k, bytes, content)) return null;
  }
  return "bad-signature";
}

/** Signs a delivery as a sender would (body as a UTF-8 string or raw bytes): the value of the `webhook-signature` header. */
export async function signWebhook(
  key: CryptoKey,
  id: string,
  timestampS: number,
  rawBody: SignedData,
): Promise<string> {
  return `v1,${await hmacBase64(key, signedContent(id, String(timestampS), rawBody))}`;
}
