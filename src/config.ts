/**
 * Environment, parsed with zod. Keys are base64 strings of random bytes; none has a default in
 * production. `npm start` creates development keys in data/dev-keys.json when they are absent.
 *
 * - ADMIN_API_KEY: bearer key of the operator (≥ 32 characters).
 * - SECRETS_KEY: 32 bytes; AES-256-GCM key that encrypts webhook secrets at rest.
 * - NATIONAL_ID_KEY: ≥ 32 bytes; HMAC key for national social-security ids (stored only hashed).
 * - LINK_SIGNING_KEY: ≥ 32 bytes; HMAC key of worker access links.
 * - PUBLIC_URL: base URL used in access links (default: the request's origin).
 * - OCCURRED_AT_MAX_FUTURE_S: how far past the server clock an event's `occurred_at` may lie, seconds
 *   (default 86,400: one day; src/ledger/occurred-at.ts). A scenario runner that replays future-dated
 *   cases raises it; a production deployment keeps the default.
 */
import { z } from "zod";
import { decodeBase64, encodeBase64 } from "hono/utils/encode";
import { randomBytes } from "./security/digest.js";

const base64Key = (minBytes: number) =>
  z.string().refine((s) => {
    try {
      return decodeBase64(s).length >= minBytes;
    } catch {
      return false;
    }
  }, `must be base64 of at least ${minBytes} random bytes`);

export const keysSchema = z.object({
  ADMIN_API_KEY: z.string().min(32),
  SECRETS_KEY: base64Key(32),
  NATIONAL_ID_KEY: base64Key(32),
  LINK_SIGNING_KEY: base64Key(32),
  PUBLIC_URL: z.url().optional(),
  OCCURRED_AT_MAX_FUTURE_S: z.string().regex(/^[0-9]{1,9}$/, "must be a whole number of seconds").optional(),
});

export type KeysConfig = z.infer<typeof keysSchema>;

/** Fresh random keys in the shape keysSchema requires; `label` tags the admin key ("clk_admin_<label>_…"). */
export function generateKeys(label: string): KeysConfig {
  const key = () => encodeBase64(randomBytes(32).buffer);
  return { ADMIN_API_KEY: `clk_admin_${label}_${key().replace(/[^A-Za-z0-9]/g, "")}`, SECRETS_KEY: key(), NATIONAL_ID_KEY: key(), LINK_SIGNING_KEY: key() };
}

/** Where `npm start` keeps the development keys and accounts it creates (git-ignored). */
export const DEV_KEYS_FILE = "data/dev-keys.json";

/**
 * Node entry environment. RATE_LIMIT_BURST and RATE_LIMIT_PER_S: each platform's token bucket (burst
 * size, refill per second; src/http/rate-limit.ts), defaults DEFAULT_TOKEN_BUCKET's.
 * GROUP_COMMIT_MAX_QUEUE (events, default 10,000) and GROUP_COMMIT_MAX_WAIT_MS (default 2,000): the
 * bounds of the webhook write queue (src/ledger/group-commit.ts); beyond them a delivery gets 503.
 */
export const nodeEnvSchema = z.object({
  GROUP_COMMIT_MAX_QUEUE: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  GROUP_COMMIT_MAX_WAIT_MS: z.coerce.number().int().min(1).max(600_000).default(2_000),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  RATE_LIMIT_PER_S: z.coerce.number().positive().max(1_000_000).default(5_000),
  DATABASE_URL: z.string().default("file:data/ledger.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default("127.0.0.1"),
});
