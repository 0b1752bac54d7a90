/**
 * SHA-256 and HMAC-SHA256 computed synchronously by `node:crypto` (Node; workerd through the
 * `nodejs_compat` flag of wrangler.toml), for the server's per-event hot path: the webhook signature
 * check, the idempotency content hash and the seal of each event. WebCrypto (digest.ts) costs a job on
 * the thread pool and a promise per call, which profiling showed as about a third of a single-event
 * delivery's CPU (BENCHMARKS.md); the results are the same bytes. Keys are the same WebCrypto CryptoKeys
 * (turned into a KeyObject once each). The platform client (src/client/) must run in browsers and keeps
 * to digest.ts.
 */
import { createHash, createHmac, KeyObject, timingSafeEqual } from "node:crypto";

const keyObjects = new WeakMap<CryptoKey, KeyObject>();

function keyObjectOf(key: CryptoKey): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = KeyObject.from(key as Parameters<typeof KeyObject.from>[0]);
    keyObjects.set(key, object);
  }
  return object;
}

/** SHA-256 of a UTF-8 string, lowercase hex. */
export function sha256HexSync(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** HMAC-SHA256 of a UTF-8 string, lowercase hex. */
export function hmacHexSync(key: CryptoKey, text: string): string {
  return createHmac("sha256", keyObjectOf(key)).update(text, "utf8").digest("hex");
}

/** Constant-time check of `signature` as the HMAC-SHA256 of `data` (a UTF-8 string or bytes). */
export function hmacVerifySync(key: CryptoKey, signature: Uint8Array, data: string | Uint8Array): boolean {
  const expected = createHmac("sha256", keyObjectOf(key)).update(data).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected);
}
