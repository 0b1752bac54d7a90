/**
 * Encryption at rest of secrets the service must read back (platform webhook secrets):
 * AES-256-GCM via WebCrypto with a 96-bit random nonce; stored as "v1.<base64 nonce>.<base64 ciphertext+tag>".
 * The key is 32 bytes, base64, from the environment (SECRETS_KEY). Throws on a wrong key or tampering.
 */
import { decodeBase64, encodeBase64 } from "hono/utils/encode";
import { randomBytes } from "./digest.js";

export class SecretBox {
  private constructor(private readonly key: CryptoKey) {}

  /** `keyBase64`: 32 random bytes, base64. */
  static async fromKey(keyBase64: string): Promise<SecretBox> {
    const raw = decodeBase64(keyBase64);
    if (raw.length !== 32) throw new Error("SECRETS_KEY must be 32 bytes, base64");
    return new SecretBox(await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
  }

  async seal(plaintext: string): Promise<string> {
    const nonce = randomBytes(12);
    const sealed = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv: nonce },
      this.key,
      new TextEncoder().encode(plaintext),
    );
    return `v1.${encodeBase64(nonce.buffer)}.${encodeBase64(sealed)}`;
  }

  async open(sealed: string): Promise<string> {
    const [version, nonce, ciphertext] = sealed.split(".");
    if (version !== "v1" || !nonce || !ciphertext) throw new Error("unrecognised sealed secret");
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: decodeBase64(nonce) },
      this.key,
      decodeBase64(ciphertext),
    );
    return new TextDecoder().decode(plain);
  }
}
