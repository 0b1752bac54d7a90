/**
 * The webhook path's view of a platform, by slug: its id, its suspension and the decrypted HMAC keys of
 * every webhook secret valid now (the current one, and the previous one during a rotation overlap).
 *
 * Kept in memory so that a delivery reads no platform row and decrypts no secret (issue 13): a platform's
 * row is read once per `ttlMs` (PLATFORM_CACHE_TTL_MS, 5 s) and each sealed secret is decrypted once per
 * process (keyed by its ciphertext). Which secrets are valid is decided at every lookup against the clock,
 * so a previous secret stops verifying the instant its overlap ends. Changes made through this process
 * (rotation, API key revocation, suspension, reinstatement: src/accounts/platforms.ts, api-keys.ts)
 * call `invalidate()`, so the next delivery sees them at once; a change made by another process (a second
 * server on the same database) is seen within `ttlMs`. Unknown slugs are not cached (a platform created
 * elsewhere is found at once). Bounded: beyond 4,096 platforms or sealed secrets the cache starts over.
 *
 * On Workers the app, and so this cache, is built per request (src/worker.ts): there it is one row read
 * and one decryption per delivery, as before.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { platforms } from "../db/schema.js";
import type { SecretBox } from "./secret-box.js";
import { validSealedSecrets, webhookKey } from "./webhook-secrets.js";

export const PLATFORM_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 4_096;

export interface WebhookPlatform {
  platformId: number;
  suspendedAt: string | null;
  /** HMAC keys of the secrets valid at the lookup's instant, the current one first. */
  keys: CryptoKey[];
}

interface PlatformRow {
  id: number;
  suspendedAt: string | null;
  current: string;
  previous: string | null;
  previousExpiresAt: string | null;
}

export class PlatformKeys {
  private readonly rows = new Map<string, { at: number; row: Promise<PlatformRow | undefined> }>();
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  constructor(
    private readonly db: Db,
    private readonly secretBox: SecretBox,
    private readonly now: () => Date,
    private readonly ttlMs = PLATFORM_CACHE_TTL_MS,
  ) {}

  /** The platform `slug` with its valid keys, or undefined when there is none. */
  async lookup(slug: string): Promise<WebhookPlatform | undefined> {
    const row = await this.row(slug);
    if (!row) return undefined;
    const sealed = validSealedSecrets(row, this.now());
    return {
      platformId: row.id,
      suspendedAt: row.suspendedAt,
      keys: await Promise.all(sealed.map((s) => this.keyOf(s))),
    };
  }

  /** Forget what is known of the platforms (after a rotation, a revocation, a suspension or a reinstatement). */
  invalidate(): void {
    this.rows.clear();
  }

  private row(slug: string): Promise<PlatformRow | undefined> {
    const cached = this.rows.get(slug);
    if (cached && Date.now() - cached.at <= this.ttlMs) return cached.row;
    if (this.rows.size >= MAX_ENTRIES) this.rows.clear();
    const row = this.db
      .select({
        id: platforms.id,
        suspendedAt: platforms.suspendedAt,
        current: platforms.webhookSecretCiphertext,
        previous: platforms.previousWebhookSecretCiphertext,
        previousExpiresAt: platforms.previousWebhookSecretExpiresAt,
      })
      .from(platforms)
      .where(eq(platforms.slug, slug))
      .then(([found]) => found);
    const entry = { at: Date.now(), row };
    this.rows.set(slug, entry);
    const forget = () => this.rows.get(slug) === entry && this.rows.delete(slug);
    row.then((found) => found ?? forget(), forget);
    return row;
  }

  private keyOf(ciphertext: string): Promise<CryptoKey> {
    let key = this.keys.get(ciphertext);
    if (!key) {
      if (this.keys.size >= MAX_ENTRIES) this.keys.clear();
      key = this.secretBox.open(ciphertext).then(webhookKey);
      this.keys.set(ciphertext, key);
      key.catch(() => this.keys.delete(ciphertext));
    }
    return key;
  }
}
