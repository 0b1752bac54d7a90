/**
 * A throw-away instance of the service for tests, cases and benchmarks: a temporary libSQL file
 * (copied from a template that is migrated and holds the ECB rates, built once per process), fresh
 * random keys, and the real app listening on a loopback port through @hono/node-server. With `shards`,
 * each of those jurisdictions gets its own ledger shard, a temporary file copied from the same template.
 */
import { serve, type ServerType } from "@hono/node-server";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { createApp, type App } from "../../src/app.js";
import { generateKeys, type KeysConfig } from "../../src/config.js";
import { openLibsql, type Database } from "../../src/db/client.js";
import { migrateLibsql } from "../../src/db/migrate.js";
import { seedFxRates, seedRulesData } from "../../src/db/seed.js";
import { buildDeps, type AppDeps } from "../../src/deps.js";
import type { AppHost } from "../../src/host.js";
import { nodeHost } from "../../src/node-host.js";
import type { LogSink } from "../../src/observability/logging.js";
import type { TokenBucketOptions } from "../../src/http/rate-limit.js";
import type { GroupCommitOptions } from "../../src/ledger/group-commit.js";
import { operatorClient, type OperatorClient, type PlatformAccount } from "./operator-client.js";

const ECB_CSV = new URL("../../data/ecb-eurofxref-hist.csv", import.meta.url);
let template: Promise<string> | undefined;

/** Path of a migrated database file holding the ECB rates and no rules (built once per process). */
function templateDb(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "ledger-template-"));
    const path = join(dir, "template.db");
    const database = await openLibsql(`file:${path}`);
    await migrateLibsql(database.db);
    await seedFxRates(database, readFileSync(ECB_CSV, "utf8"));
    await database.db.run("PRAGMA wal_checkpoint(TRUNCATE)");
    database.close();
    return path;
  })();
  return template;
}

export type { PlatformAccount };

export interface LocalInstance extends OperatorClient {
  baseUrl: string;
  dbPath: string;
  database: Database;
  deps: AppDeps;
  host: AppHost;
  app: App;
  adminKey: string;
  /** The instance's keys (tests look for them where they must not be). */
  keys: KeysConfig;
  /** Every ledger shard's database, the default (the control database) first. */
  ledgerDatabases(): Database[];
  close(): Promise<void>;
}

export interface InstanceOptions {
  /** Load the seeded jurisdictions and rules (default true); the handed cases bring their own. */
  seedRules?: boolean;
  now?: () => Date;
  /** Where the app's JSON log lines go (default: nowhere, so test output stays readable). */
  log?: LogSink;
  /** Each platform's token bucket (default DEFAULT_TOKEN_BUCKET, src/http/rate-limit.ts). */
  rateLimit?: TokenBucketOptions;
  /** Bounds of the webhook write queue (default DEFAULT_GROUP_COMMIT, src/ledger/group-commit.ts). */
  groupCommit?: GroupCommitOptions;
  /** OCCURRED_AT_MAX_FUTURE_S of the instance (default one day); the case runner raises it for future-dated cases. */
  occurredAtMaxFutureS?: number;
  /** Keys to use instead of fresh ones (e.g. a receipt key and its predecessors, to test a rotation). */
  keys?: Partial<KeysConfig>;
  /** Jurisdictions that get a ledger shard of their own, each a temporary libSQL file (src/db/shards.ts). */
  shards?: readonly string[];
}

export async function startLocalInstance(options: InstanceOptions = {}): Promise<LocalInstance> {
  const dir = mkdtempSync(join(tmpdir(), "ledger-"));
  const dbPath = join(dir, "ledger.db");
  copyFileSync(await templateDb(), dbPath);
  const database = await openLibsql(`file:${dbPath}`);
  if (options.seedRules ?? true) await seedRulesData(database);
  const keys: KeysConfig = {
    ...generateKeys("test"),
    ...(options.occurredAtMaxFutureS !== undefined
      ? { OCCURRED_AT_MAX_FUTURE_S: String(options.occurredAtMaxFutureS) }
      : {}),
    ...options.keys,
  };
  const shards = await Promise.all(
    (options.shards ?? []).map(async (jurisdiction) => {
      const path = join(dir, `ledger-${jurisdiction.toLowerCase()}.db`);
      copyFileSync(await templateDb(), path);
      return { jurisdiction, database: await openLibsql(`file:${path}`) };
    }),
  );
  const deps = await buildDeps(database, keys, options.now, options.rateLimit, options.groupCommit, {
    shards,
  });
  const host = nodeHost(options.log ?? (() => undefined));
  const app = createApp(deps, host);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const operator = operatorClient(baseUrl, keys.ADMIN_API_KEY);
  return {
    baseUrl,
    dbPath,
    database,
    deps,
    host,
    app,
    adminKey: keys.ADMIN_API_KEY,
    keys,
    ...operator,
    ledgerDatabases: () => deps.ledger.all().map((w) => w.shard.database),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const { sealer } of deps.ledger.all()) {
        await sealer.flush().catch(() => undefined);
        await sealer.close();
      }
      database.close();
      for (const shard of shards) shard.database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
