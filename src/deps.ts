/**
 * Everything the app needs from outside, built once per process (Node) or isolate (Workers):
 * the database, keys (the receipt signer among them), the clock, the FX cache, the sealer, the per-platform rate limit (a token bucket
 * per platform in this process, or the Workers Rate Limiting binding: src/http/rate-limit.ts), the
 * webhook path's platform cache (src/security/platform-keys.ts) and the ledger's group committer
 * (src/ledger/group-commit.ts). Tests build it with a temporary database.
 */
import { decodeBase64 } from "hono/utils/encode";
import type { KeysConfig } from "./config.js";
import type { Database } from "./db/client.js";
import { FxRates } from "./db/fx-repo.js";
import { RuleBook } from "./db/rule-book.js";
import {
  DEFAULT_TOKEN_BUCKET,
  TokenBucketStore,
  type PlatformRateLimit,
  type RateLimitBinding,
  type TokenBucketOptions,
} from "./http/rate-limit.js";
import { DEFAULT_GROUP_COMMIT, GroupCommitter, type GroupCommitOptions } from "./ledger/group-commit.js";
import { MAX_FUTURE_MS } from "./ledger/occurred-at.js";
import { Sealer } from "./ledger/seal.js";
import { importHmacKey, sha256Hex } from "./security/digest.js";
import { ReceiptSigner } from "./security/receipt-keys.js";
import { PlatformKeys } from "./security/platform-keys.js";
import { SecretBox } from "./security/secret-box.js";

export interface AppDeps {
  database: Database;
  adminKeyHash: string;
  secretBox: SecretBox;
  nationalIdKey: CryptoKey;
  linkKey: CryptoKey;
  /** Signs receipts and closed reports (RECEIPT_SIGNING_KEY) and publishes the key set. */
  receiptSigner: ReceiptSigner;
  publicUrl: string | undefined;
  now: () => Date;
  fx: FxRates;
  ruleBook: RuleBook;
  sealer: Sealer;
  rateLimit: PlatformRateLimit;
  /** How far past `now` an event's occurred_at may lie, ms (OCCURRED_AT_MAX_FUTURE_S; default one day). */
  occurredAtMaxFutureMs: number;
  /** Platforms and their decrypted webhook keys, by slug; invalidate after changing a platform. */
  platformKeys: PlatformKeys;
  /** The one way deliveries are recorded: grouped into atomic writes. */
  ledger: GroupCommitter;
}

/**
 * `rateLimit`: the Workers binding, or token bucket parameters (default DEFAULT_TOKEN_BUCKET), whose
 * buckets live as long as these deps (a Node process). `groupCommit`: the write queue's bounds (default
 * DEFAULT_GROUP_COMMIT; GROUP_COMMIT_MAX_QUEUE and GROUP_COMMIT_MAX_WAIT_MS on Node, src/config.ts).
 */
export async function buildDeps(
  database: Database,
  keys: KeysConfig,
  now: () => Date = () => new Date(),
  rateLimit: RateLimitBinding | TokenBucketOptions = DEFAULT_TOKEN_BUCKET,
  groupCommit: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
): Promise<AppDeps> {
  const secretBox = await SecretBox.fromKey(keys.SECRETS_KEY);
  const nationalIdKey = await importHmacKey(decodeBase64(keys.NATIONAL_ID_KEY));
  const fx = new FxRates(database.db);
  const ruleBook = new RuleBook(database.db);
  const occurredAtMaxFutureMs =
    keys.OCCURRED_AT_MAX_FUTURE_S === undefined
      ? MAX_FUTURE_MS
      : Number(keys.OCCURRED_AT_MAX_FUTURE_S) * 1000;
  return {
    database,
    adminKeyHash: await sha256Hex(keys.ADMIN_API_KEY),
    secretBox,
    nationalIdKey,
    linkKey: await importHmacKey(decodeBase64(keys.LINK_SIGNING_KEY)),
    receiptSigner: await ReceiptSigner.fromConfig(keys),
    publicUrl: keys.PUBLIC_URL,
    now,
    fx,
    ruleBook,
    sealer: new Sealer(database.db),
    occurredAtMaxFutureMs,
    rateLimit:
      "limit" in rateLimit ? { binding: rateLimit } : { store: new TokenBucketStore(rateLimit, now) },
    platformKeys: new PlatformKeys(database.db, secretBox, now),
    ledger: new GroupCommitter(
      { db: database.db, fx, ruleBook, nationalIdKey, now, occurredAtMaxFutureMs },
      groupCommit,
    ),
  };
}
