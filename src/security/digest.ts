/**
 * Hashes and keyed hashes through WebCrypto (works on Node 20 and in workerd; no node:crypto), and an
 * incremental SHA-256 (`Sha256Text`) where WebCrypto has none.
 * Hex output is lowercase; HMAC keys are raw bytes.
 */
import { Hash } from "fast-sha256";
import { encodeBase64 } from "hono/utils/encode";

const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * SHA-256 of UTF-8 text fed in parts, for a checksum taken while a body streams: WebCrypto has no
 * incremental digest, so this uses fast-sha256 (pure JavaScript, the same on Node and in workerd).
 * `hex()` ends it: lowercase hex, equal to `sha256Hex` of the parts joined.
 */
export class Sha256Text {
  private readonly hash = new Hash();

  update(text: string): void {
    this.hash.update(encoder.encode(text));
  }

  hex(): string {
    return hex(this.hash.digest().buffer as ArrayBuffer);
  }
}

/** Imports raw bytes as an HMAC-SHA256 key usable for sign and verify. */
export function importHmacKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/** HMAC-SHA256 of a UTF-8 string, hex. */
export async function hmacHex(key: CryptoKey, text: string): Promise<string> {
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(text)));
}

/** Signed data: a string (taken as its UTF-8 bytes) or the bytes themselves. */
export type SignedData = string | Uint8Array<ArrayBuffer>;

const bytesOf = (data: SignedData) => (typeof data === "string" ? encoder.encode(data) : data);

/** SHA-256 of a UTF-8 string or of raw bytes, hex. */
export async function sha256Hex(data: SignedData): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", bytesOf(data)));
}

/** HMAC-SHA256 of a UTF-8 string or of raw bytes, standard base64 (Standard Webhooks signatures). */
export async function hmacBase64(key: CryptoKey, data: SignedData): Promise<string> {
  return encodeBase64(await crypto.subtle.sign("HMAC", key, bytesOf(data)));
}

/** Constant-time HMAC check (WebCrypto verify) of `signature` bytes over a UTF-8 string or raw bytes. */
export function hmacVerify(
  key: CryptoKey,
  signature: Uint8Array<ArrayBuffer>,
  data: SignedData,
): Promise<boolean> {
  return crypto.subtle.verify("HMAC", key, signature, bytesOf(data));
}

/** `bytes` random bytes from the platform CSPRNG. */
export function randomBytes(bytes: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(bytes));
}
