/**
 * What the account services (src/accounts/) need from outside, as narrow structural types: the app's
 * dependencies (src/deps.ts `AppDeps`) satisfy it, and so does a script or a test that builds only these.
 * No service below the routes imports `AppDeps` or any Hono type.
 *
 * - `database`: the drizzle handle (libSQL or D1); every mutation is one `db.batch`.
 * - `now`: the app clock; audit rows and expiry instants are RFC 3339 UTC strings of it.
 * - `secretBox`: seals webhook secrets at rest (src/security/secret-box.ts).
 * - `ruleBook`, `platformKeys`: in-process caches to drop after a change (rules; platforms and their keys).
 * - `nationalIdKey`: HMAC key of the national-id subject (src/security/national-id.ts).
 * - `linkKey`: HMAC key of worker access links (src/security/access-links.ts).
 */
import type { Database } from "../db/client.js";

export interface AccountsDeps {
  database: Database;
  now: () => Date;
  secretBox: { seal(plaintext: string): Promise<string> };
  ruleBook: { invalidate(): void };
  platformKeys: { invalidate(): void };
  nationalIdKey: CryptoKey;
  linkKey: CryptoKey;
}

/** The part of the deps an audit row needs. */
export type AuditDeps = Pick<AccountsDeps, "database" | "now">;
