/**
 * A throw-away instance of the service for tests, cases and benchmarks: a temporary libSQL file
 * (copied from a template that is migrated and holds the ECB rates, built once per process), fresh
 * random keys, and the real app listening on a loopback port through @hono/node-server.
 */
import { serve, type ServerType } from "@hono/node-server";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { encodeBase64 } from "hono/utils/encode";
import { createApp, type App } from "../../src/app.js";
import type { KeysConfig } from "../../src/config.js";
import { openLibsql, type Database } from "../../src/db/client.js";
import { migrateLibsql } from "../../src/db/migrate.js";
import { seedFxRates, seedRulesData } from "../../src/db/seed.js";
import { buildDeps, type AppDeps } from "../../src/deps.js";
import { randomBytes } from "../../src/security/digest.js";
import { webhookSender, type Sender } from "./deliver.js";

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

export interface PlatformAccount {
  slug: string;
  webhookSecret: string;
  apiKey: string;
  sender: Sender;
}

export interface LocalInstance {
  baseUrl: string;
  dbPath: string;
  database: Database;
  deps: AppDeps;
  app: App;
  adminKey: string;
  /** POST/GET with the admin key (JSON body). */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  createPlatform(slug: string): Promise<PlatformAccount>;
  createAgency(jurisdictions: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface InstanceOptions {
  /** Load the seeded jurisdictions and rules (default true); the handed cases bring their own. */
  seedRules?: boolean;
  now?: () => Date;
}

export async function startLocalInstance(options: InstanceOptions = {}): Promise<LocalInstance> {
  const dir = mkdtempSync(join(tmpdir(), "ledger-"));
  const dbPath = join(dir, "ledger.db");
  copyFileSync(await templateDb(), dbPath);
  const database = await openLibsql(`file:${dbPath}`);
  if (options.seedRules ?? true) await seedRulesData(database);
  const key = () => encodeBase64(randomBytes(32).buffer);
  const keys: KeysConfig = { ADMIN_API_KEY: `clk_admin_test_${key()}`, SECRETS_KEY: key(), NATIONAL_ID_KEY: key(), LINK_SIGNING_KEY: key() };
  const deps = await buildDeps(database, keys, options.now);
  const app = createApp(deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${keys.ADMIN_API_KEY}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    baseUrl,
    dbPath,
    database,
    deps,
    app,
    adminKey: keys.ADMIN_API_KEY,
    admin,
    async createPlatform(slug) {
      const res = await admin("POST", "/v1/admin/platforms", { slug, name: slug });
      if (res.status !== 201) throw new Error(`platform ${slug}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { webhook_secret: string; api_key: string };
      return { slug, webhookSecret: body.webhook_secret, apiKey: body.api_key, sender: await webhookSender(baseUrl, slug, body.webhook_secret) };
    },
    async createAgency(jurisdictions) {
      const res = await admin("POST", "/v1/admin/agencies", { name: `agency ${jurisdictions.join(",")}`, jurisdictions });
      if (res.status !== 201) throw new Error(`agency: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { api_key: string }).api_key;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.sealer.flush().catch(() => undefined);
      await deps.sealer.close();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
