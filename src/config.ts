/**
 * Environment, parsed with zod. Keys are base64 strings of random bytes; none has a default in
 * production. `npm start` creates development keys in data/dev-keys.json when they are absent.
 *
 * - ADMIN_API_KEY: bearer key of the operator (≥ 32 characters).
 * - SECRETS_KEY: 32 bytes; AES-256-GCM key that encrypts webhook secrets at rest.
 * - NATIONAL_ID_KEY: ≥ 32 bytes; HMAC key for national social-security ids (stored only hashed).
 * - LINK_SIGNING_KEY: ≥ 32 bytes; HMAC key of worker access links.
 * - RECEIPT_SIGNING_KEY: Ed25519 private key, base64 of its PKCS #8 DER (`openssl genpkey -algorithm
 *   ed25519 -outform DER | base64 -w0`); signs receipts and closed reports (src/security/receipt-keys.ts).
 * - RECEIPT_SIGNING_KEY_ID: its key id (`kid`); default the RFC 7638 thumbprint of its public key.
 * - RECEIPT_PREVIOUS_KEYS: optional JSON JWKS ({"keys": [...]}) of earlier public keys, each with its
 *   `kid`, still published at /.well-known/contribution-ledger/keys.json after a rotation.
 * - PUBLIC_URL: base URL used in access links (default: the request's origin).
 * - OCCURRED_AT_MAX_FUTURE_S: how far past the server clock an event's `occurred_at` may lie, seconds
 *   (default 86,400: one day; src/ledger/occurred-at.ts). A scenario runner that replays future-dated
 *   cases raises it; a production deployment keeps the default.
 */
import { z } from "zod";
import { decodeBase64, encodeBase64 } from "hono/utils/encode";
import { isCountry } from "./domain/countries.js";
import { randomBytes } from "./security/digest.js";
import { parsePreviousKeys } from "./security/receipt-keys.js";

const base64Key = (minBytes: number) =>
  z.string().refine((s) => {
    try {
      return decodeBase64(s).length >= minBytes;
    } catch {
      return false;
    }
  }, `must be base64 of at least ${minBytes} random bytes`);

/** The PKCS #8 DER prefix of an Ed25519 private key (RFC 8410): the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = [
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/** True for base64 of an Ed25519 PKCS #8 private key (the prefix, then 32 bytes of seed). */
function isEd25519Pkcs8(text: string): boolean {
  try {
    const der = decodeBase64(text);
    return (
      der.length === ED25519_PKCS8_PREFIX.length + 32 &&
      ED25519_PKCS8_PREFIX.every((byte, i) => der[i] === byte)
    );
  } catch {
    return false;
  }
}

export const keysSchema = z.object({
  ADMIN_API_KEY: z.string().min(32),
  SECRETS_KEY: base64Key(32),
  NATIONAL_ID_KEY: base64Key(32),
  LINK_SIGNING_KEY: base64Key(32),
  RECEIPT_SIGNING_KEY: z
    .string()
    .refine(isEd25519Pkcs8, "must be base64 of an Ed25519 private key as PKCS #8 DER (48 bytes)"),
  RECEIPT_SIGNING_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1 to 64 letters, digits, dots, dashes or underscores")
    .optional(),
  RECEIPT_PREVIOUS_KEYS: z
    .string()
    .max(16_384)
    .superRefine((text, ctx) => {
      const parsed = parsePreviousKeys(text);
      if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
    })
    .optional(),
  PUBLIC_URL: z.url().optional(),
  OCCURRED_AT_MAX_FUTURE_S: z
    .string()
    .regex(/^[0-9]{1,9}$/, "must be a whole number of seconds")
    .optional(),
});

export type KeysConfig = z.infer<typeof keysSchema>;

/** A fresh Ed25519 private key as RECEIPT_SIGNING_KEY takes it: base64 of PKCS #8 DER around a random seed. */
export function generateReceiptSigningKey(): string {
  return encodeBase64(new Uint8Array([...ED25519_PKCS8_PREFIX, ...randomBytes(32)]).buffer);
}

/** Fresh random keys in the shape keysSchema requires; `label` tags the admin key ("clk_admin_<label>_…"). */
export function generateKeys(label: string): KeysConfig {
  const key = () => encodeBase64(randomBytes(32).buffer);
  return {
    ADMIN_API_KEY: `clk_admin_${label}_${key().replace(/[^A-Za-z0-9]/g, "")}`,
    SECRETS_KEY: key(),
    NATIONAL_ID_KEY: key(),
    LINK_SIGNING_KEY: key(),
    RECEIPT_SIGNING_KEY: generateReceiptSigningKey(),
  };
}

/** Where `npm start` keeps the development keys and accounts it creates (git-ignored). */
export const DEV_KEYS_FILE = "data/dev-keys.json";

/** One ledger shard of the Node entry: the jurisdiction it holds and its libSQL URL. */
export interface ShardUrl {
  jurisdiction: string;
  url: string;
}

const SHARD_ENTRY = /^([A-Z]{2})=((?:file:|libsql:\/\/|https?:\/\/|wss?:\/\/).+)$/;

/**
 * LEDGER_SHARDS: comma-separated `CC=url` entries, one ledger shard per jurisdiction (src/db/shards.ts),
 * e.g. `DE=file:data/ledger-de.db,FR=libsql://ledger-fr.example.turso.io?authToken=…` (a remote
 * server's token rides in the URL's `authToken` parameter, as @libsql/client reads it). Empty or unset:
 * no shard, every jurisdiction on the default shard (DATABASE_URL). A code given twice, an unknown
 * country or an URL of another scheme is refused.
 */
export const ledgerShardsSchema = z
  .string()
  .default("")
  .transform((text, ctx): ShardUrl[] => {
    const entries = text
      .split(",")
      .map((e) => e.trim())
      .filter((e) => e.length > 0);
    const shards: ShardUrl[] = [];
    for (const entry of entries) {
      const match = SHARD_ENTRY.exec(entry);
      const [jurisdiction, url] = [match?.[1], match?.[2]];
      if (!jurisdiction || !url || !isCountry(jurisdiction)) {
        ctx.addIssue({
          code: "custom",
          message: `"${entry.split("=")[0]}=…" must be CC=url with an ISO 3166-1 code and a file:, libsql://, https:// or wss:// URL`,
        });
      } else if (shards.some((s) => s.jurisdiction === jurisdiction)) {
        ctx.addIssue({ code: "custom", message: `${jurisdiction} is given twice` });
      } else shards.push({ jurisdiction, url });
    }
    return shards;
  });

/**
 * Node entry environment. RATE_LIMIT_BURST and RATE_LIMIT_PER_S: each platform's token bucket (burst
 * size, refill per second; src/http/rate-limit.ts), defaults DEFAULT_TOKEN_BUCKET's.
 * GROUP_COMMIT_MAX_QUEUE (events, default 10,000) and GROUP_COMMIT_MAX_WAIT_MS (default 2,000): the
 * bounds of the webhook write queue (src/ledger/group-commit.ts); beyond them a delivery gets 503.
 * LEDGER_SHARDS: the ledger shards (ledgerShardsSchema); DATABASE_URL stays the control plane and default shard.
 */
export const nodeEnvSchema = z.object({
  GROUP_COMMIT_MAX_QUEUE: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  GROUP_COMMIT_MAX_WAIT_MS: z.coerce.number().int().min(1).max(600_000).default(2_000),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  RATE_LIMIT_PER_S: z.coerce.number().positive().max(1_000_000).default(5_000),
  DATABASE_URL: z.string().default("file:data/ledger.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  LEDGER_SHARDS: ledgerShardsSchema,
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default("127.0.0.1"),
});
