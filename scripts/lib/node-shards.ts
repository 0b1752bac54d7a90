/**
 * The ledger shards of a Node script (npm run verify, npm run close-periods): the control database given
 * to the script and the shards of LEDGER_SHARDS (src/config.ts), opened and migrated, with a sealer and
 * a reference mirror each (src/db/shards.ts). Without LEDGER_SHARDS, only the control database.
 */
import { openLibsql, type Database } from "../../src/db/client.js";
import { migrateLibsql } from "../../src/db/migrate.js";
import { RuleBook } from "../../src/db/rule-book.js";
import { LedgerShards, ReferenceMirror } from "../../src/db/shards.js";
import { ledgerShardsSchema } from "../../src/config.js";
import { Sealer } from "../../src/ledger/seal.js";
import type { ShardReader, ShardReaders } from "../../src/ledger/shard-router.js";

export interface NodeShards extends ShardReaders {
  control: Database;
  /** Flushes and stops every sealer and closes every database. */
  close(): Promise<void>;
}

/** Opens `controlUrl` and the shards of `shardsEnv` (LEDGER_SHARDS syntax); throws on a bad value. */
export async function openNodeShards(
  controlUrl: string,
  authToken: string | undefined,
  shardsEnv: string | undefined,
): Promise<NodeShards> {
  const control = await openLibsql(controlUrl, authToken);
  const own = await Promise.all(
    ledgerShardsSchema.parse(shardsEnv).map(async ({ jurisdiction, url }) => {
      const database = await openLibsql(url);
      await migrateLibsql(database.db);
      return { jurisdiction, database };
    }),
  );
  const map = new LedgerShards(control, own);
  const ruleBook = new RuleBook(control.db);
  const readers: ShardReader[] = map.all().map((shard) => ({
    shard,
    sealer: new Sealer(shard.database.db),
    ...(shard.database === control
      ? {}
      : { mirror: new ReferenceMirror(control.db, shard.database.db, ruleBook) }),
  }));
  const byName = new Map(readers.map((r) => [r.shard.name, r]));
  return {
    control,
    all: () => readers,
    forJurisdiction: (code) => byName.get(map.forJurisdiction(code).name) ?? (readers[0] as ShardReader),
    async close() {
      for (const r of readers) await r.sealer.close();
      for (const r of readers) r.shard.database.close();
    },
  };
}
