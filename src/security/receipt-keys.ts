/**
 * The Ed25519 keys that sign receipts and closed reports (README "Signed receipts"), through WebCrypto
 * (crypto.subtle on Node 20 and in workerd) and the maintained `jose` library: a signature is a JWS in
 * compact serialisation (RFC 7515) with `alg: "EdDSA"` (RFC 8037) and the key's `kid` in its protected
 * header; its payload is the UTF-8 JSON of the signed document.
 *
 * Keys: RECEIPT_SIGNING_KEY (base64 PKCS #8 DER, src/config.ts) signs; its public half, with
 * RECEIPT_SIGNING_KEY_ID or else its RFC 7638 thumbprint as `kid`, heads the published key set (JWKS,
 * RFC 7517), followed by the earlier public keys of RECEIPT_PREVIOUS_KEYS, so a document signed before a
 * rotation still verifies. The private key is imported non-extractable for signing; only its public `x`
 * ever leaves this module.
 *
 * `verifyJws(jwks, jws)` checks a compact JWS against a key set (the key named by `kid`, EdDSA only) and
 * returns the decoded payload; it never throws on any input.
 */
import { defined } from "../domain/invariant.js";
import { calculateJwkThumbprint, CompactSign, compactVerify, createLocalJWKSet, exportJWK } from "jose";
import { decodeBase64 } from "hono/utils/encode";
import { z } from "zod";

export const RECEIPT_ALG = "EdDSA";

/** One published public key (JWK, RFC 8037 OKP Ed25519). */
export const publicKeySchema = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be the base64url of 32 bytes"),
  kid: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  alg: z.literal(RECEIPT_ALG).default(RECEIPT_ALG),
  use: z.literal("sig").default("sig"),
});

/** A published key set; a private key (`d`) in it is refused, so a misplaced secret is never served. */
export const jwksSchema = z.object({
  keys: z
    .array(
      z
        .looseObject({})
        .refine((k) => !("d" in k), "must hold public keys only (no `d`)")
        .pipe(publicKeySchema),
    )
    .min(1)
    .max(16),
});

/** The key set as published (the shape the OpenAPI document shows). */
export const publishedJwksSchema = z.object({ keys: z.array(publicKeySchema) });

export type PublicKey = z.infer<typeof publicKeySchema>;
export type Jwks = z.infer<typeof jwksSchema>;

/** RECEIPT_PREVIOUS_KEYS parsed: its keys, or the zod error message. */
export function parsePreviousKeys(text: string): { keys: PublicKey[] } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'must be JSON: a JWKS {"keys": [...]}' };
  }
  const parsed = jwksSchema.safeParse(json);
  return parsed.success
    ? { keys: parsed.data.keys }
    : { error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
}

export interface ReceiptKeyConfig {
  RECEIPT_SIGNING_KEY: string;
  RECEIPT_SIGNING_KEY_ID?: string | undefined;
  RECEIPT_PREVIOUS_KEYS?: string | undefined;
}

const encoder = new TextEncoder();

/** Signers by configuration (ReceiptSigner.fromConfig). */
const signers = new Map<string, ReceiptSigner>();

/** Signs documents with the current key and publishes the key set. */
export class ReceiptSigner {
  private constructor(
    private readonly key: CryptoKey,
    /** Key id of the current signing key. */
    readonly kid: string,
    /** The published key set: the current key first, then the previous ones. */
    readonly jwks: Jwks,
  ) {}

  /**
   * Imports the keys of the environment (validated by src/config.ts); throws on a key WebCrypto refuses.
   * The signer of a configuration is kept for the process or isolate (the Worker builds its deps per
   * request): a CryptoKey holds no I/O, so one request may sign with a key another one imported.
   */
  static async fromConfig(config: ReceiptKeyConfig): Promise<ReceiptSigner> {
    const memo = `${config.RECEIPT_SIGNING_KEY}\n${config.RECEIPT_SIGNING_KEY_ID ?? ""}\n${config.RECEIPT_PREVIOUS_KEYS ?? ""}`;
    const known = signers.get(memo);
    if (known) return known;
    const signer = await ReceiptSigner.imported(config);
    if (signers.size >= 16) signers.clear(); // bounded: only tests make many configurations
    signers.set(memo, signer);
    return signer;
  }

  private static async imported(config: ReceiptKeyConfig): Promise<ReceiptSigner> {
    const der = decodeBase64(config.RECEIPT_SIGNING_KEY);
    const [signing, exportable] = await Promise.all([
      crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, false, ["sign"]),
      crypto.subtle.importKey("pkcs8", der, { name: "Ed25519" }, true, ["sign"]),
    ]);
    const x = defined((await exportJWK(exportable)).x, "the public x of the receipt signing key");
    const kid =
      config.RECEIPT_SIGNING_KEY_ID ?? (await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x }));
    const current: PublicKey = { kty: "OKP", crv: "Ed25519", x, kid, alg: RECEIPT_ALG, use: "sig" };
    const previous =
      config.RECEIPT_PREVIOUS_KEYS === undefined
        ? { keys: [] }
        : parsePreviousKeys(config.RECEIPT_PREVIOUS_KEYS);
    if ("error" in previous) throw new Error(`RECEIPT_PREVIOUS_KEYS ${previous.error}`);
    return new ReceiptSigner(signing, kid, {
      keys: [current, ...previous.keys.filter((k) => k.kid !== kid)],
    });
  }

  /** A compact JWS (EdDSA, this key's kid) whose payload is the JSON of `document`. Deterministic (RFC 8032). */
  sign(document: unknown): Promise<string> {
    return new CompactSign(encoder.encode(JSON.stringify(document)))
      .setProtectedHeader({ alg: RECEIPT_ALG, kid: this.kid })
      .sign(this.key);
  }
}

export type JwsCheck = { ok: true; kid: string; payload: unknown } | { ok: false; reason: string };

/** Verifies a compact JWS against `jwks`: EdDSA only, the key its `kid` names; the payload decoded as JSON. */
export async function verifyJws(jwks: Jwks, jws: string): Promise<JwsCheck> {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks), {
      algorithms: [RECEIPT_ALG],
    });
    return {
      ok: true,
      kid: protectedHeader.kid ?? "",
      payload: JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(payload)),
    };
  } catch (error) {
    return {
      ok: false,
      reason:
        (error as { code?: string }).code === "ERR_JWKS_NO_MATCHING_KEY"
          ? "no published key matches the signature's kid"
          : `the signature does not verify (${(error as Error).message})`,
    };
  }
}
