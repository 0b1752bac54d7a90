/**
 * Everything the app needs from outside, built once per process (Node) or isolate (Workers):
 * the database, keys (the receipt signer among them), the clock, the FX cache, the sealer, the per-platform rate limit (a token bucket
 * per platform in this process, or the Workers Rate Limiting binding: src/http/rate-limit.ts), the
 * webhook path's platform cache (src/security/platform-keys.ts) and the ledger's group committer
 * (src/ledger/group-commit.ts). Tests build it with a temporary database.
 *
 * Ledger shards (src/db/shards.ts): `database` is the control plane and the default shard; `shards` the
 * shard map; `ledger` routes deliveries to each shard's own committer and sealer
 * (src/ledger/shard-router.ts); `sealer` is the default shard's. A read of one jurisdiction's ledger takes
 * `shardDeps(deps, code)`: the same deps with that shard's database and sealer.
 */
import { decodeBase64 } from "hono/utils/encode";
import type { KeysConfig } from "./config.js";
import type { Database, Db } from "./db/client.js";
import { FxRates } from "./db/fx-repo.js";
import { RuleBook } from "./db/rule-book.js";
import { LedgerShards, ReferenceMirror, type ShardDatabase } from "./db/shards.js";
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
import { ShardRouter, type ShardWriter } from "./ledger/shard-router.js";
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
  /** The control plane and the ledger shards (src/db/shards.ts). */
  shards: LedgerShards;
  /** The one way deliveries are recorded: routed to their shards, grouped into atomic writes per shard. */
  ledger: ShardRouter;
}

/** Ledger shards and how their sealers are made (default: a background Sealer per shard). */
export interface ShardOptions {
  shards?: readonly ShardDatabase[];
  sealerOf?: (db: Db) => Sealer;
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
  { shards: own = [], sealerOf = (db) => new Sealer(db) }: ShardOptions = {},
): Promise<AppDeps> {
  const secretBox = await SecretBox.fromKey(keys.SECRETS_KEY);
  const nationalIdKey = await importHmacKey(decodeBase64(keys.NATIONAL_ID_KEY));
  const fx = new FxRates(database.db);
  const ruleBook = new RuleBook(database.db);
  const occurredAtMaxFutureMs =
    keys.OCCURRED_AT_MAX_FUTURE_S === undefined
      ? MAX_FUTURE_MS
      : Number(keys.OCCURRED_AT_MAX_FUTURE_S) * 1000;
  const shards = new LedgerShards(database, own);
  const writers: ShardWriter[] = shards.all().map((shard) => ({
    shard,
    sealer: sealerOf(shard.database.db),
    committer: new GroupCommitter(
      { db: shard.database.db, fx, ruleBook, nationalIdKey, now, occurredAtMaxFutureMs },
      groupCommit,
    ),
    ...(shard.database === database
      ? {}
      : { mirror: new ReferenceMirror(database.db, shard.database.db, ruleBook) }),
  }));
  const ledger = new ShardRouter(database.db, writers);
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
    sealer: ledger.forJurisdiction(undefined).sealer,
    occurredAtMaxFutureMs,
    rateLimit:
      "limit" in rateLimit ? { binding: rateLimit } : { store: new TokenBucketStore(rateLimit, now) },
    platformKeys: new PlatformKeys(database.db, secretBox, now),
    shards,
    ledger,
  };
}
