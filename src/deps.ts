/**
 * Everything the app needs from outside, built once per process (Node) or isolate (Workers):
 * the database, keys, the clock, the FX cache and the sealer. Tests build it with a temporary database.
 */
import { decodeBase64 } from "hono/utils/encode";
import type { KeysConfig } from "./config.js";
import type { Database } from "./db/client.js";
import { FxRates } from "./db/fx-repo.js";
import { RuleBook } from "./db/rule-book.js";
import { Sealer } from "./ledger/seal.js";
import { importHmacKey, sha256Hex } from "./security/digest.js";
import { SecretBox } from "./security/secret-box.js";

export interface AppDeps {
  database: Database;
  adminKeyHash: string;
  secretBox: SecretBox;
  nationalIdKey: CryptoKey;
  linkKey: CryptoKey;
  publicUrl: string | undefined;
  now: () => Date;
  fx: FxRates;
  ruleBook: RuleBook;
  sealer: Sealer;
}

export async function buildDeps(database: Database, keys: KeysConfig, now: () => Date = () => new Date()): Promise<AppDeps> {
  return {
    database,
    adminKeyHash: await sha256Hex(keys.ADMIN_API_KEY),
    secretBox: await SecretBox.fromKey(keys.SECRETS_KEY),
    nationalIdKey: await importHmacKey(decodeBase64(keys.NATIONAL_ID_KEY)),
    linkKey: await importHmacKey(decodeBase64(keys.LINK_SIGNING_KEY)),
    publicUrl: keys.PUBLIC_URL,
    now,
    fx: new FxRates(database.db),
    ruleBook: new RuleBook(database.db),
    sealer: new Sealer(database.db),
  };
}
