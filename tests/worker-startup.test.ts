/**
 * The real Worker started the way production starts it: wrangler bundles src/worker.ts with the
 * settings of wrangler.toml (its dev environment, the engine of `wrangler dev` and of
 * `unstable_startWorker`) and workerd loads the
 * bundle, validating its exports as the deployed runtime does (a named export that is not a handler
 * stops it at start-up, issue 10). Unlike tests-workers/, which imports the module into
 * vitest-pool-workers, nothing here reaches into the module: requests go over HTTP to the port workerd
 * listens on, and the Cron Triggers are run through the runtime's own scheduled event.
 *
 * One path, offline, on a fresh local D1 under a temporary `--persist-to` directory (migrated with
 * `wrangler d1 migrations apply`, seeded with the rules by scripts/lib/d1-seed.ts; no ECB rates, the
 * payouts are in EUR): /health; /docs and its script (bundled as text); a platform and a DE agency registered through the admin API; one signed
 * payout two months back, read back through the agency's monthly report; the period close cron closes
 * that month; a second payout, then the sealing cron; the Worker stops, and the chain on disk is
 * checked without sealing first (every HTTP reader seals before it reads, so it could not tell
 * whether the cron did).
 *
 * DE 2026 rules (src/db/seed/rules.ts): pension 9.3 % and health 8.75 % each for the worker and the
 * platform; 100.00 EUR gives 9.30 and 8.75.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_DevEnv } from "wrangler";
import { migrateD1, openLocalD1, seedD1 } from "../scripts/lib/d1-seed.js";
import { operatorClient, type OperatorClient, type PlatformAccount } from "../scripts/lib/operator-client.js";
import { ROOT, useOfflineWranglerEnv } from "../scripts/lib/wrangler.js";
import { generateKeys } from "../src/config.js";
import type { SignedReceipt } from "../src/schemas/receipt.js";
import { verifySigned } from "../src/receipts/verify-signed.js";
import type { Jwks } from "../src/security/receipt-keys.js";
import { openD1 } from "../src/db/d1.js";
import { verifyChain } from "../src/ledger/seal.js";
import { CLOSE_PERIODS_CRON, SEAL_CRON } from "../src/worker-runtime.js";

type DevWorker = Awaited<ReturnType<unstable_DevEnv["startWorker"]>>;

/** `YYYY-MM` of the UTC month `back` months before `now`, and an instant on its 10th at noon UTC. */
function monthBefore(now: Date, back: number): { period: string; occurredAt: string } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 10, 12));
  return { period: day.toISOString().slice(0, 7), occurredAt: day.toISOString() };
}

const payout = (id: string, occurredAt: string) => ({
  id,
  type: "payout",
  occurred_at: occurredAt,
  worker: { id: "rider-startup", country: "DE" },
  amount: "100.00",
  currency: "EUR",
});

const keys = generateKeys("startup");
const persistTo = mkdtempSync(join(tmpdir(), "ledger-worker-startup-"));
const closedMonth = monthBefore(new Date(), 2);
let worker: DevWorker | undefined;
let baseUrl: string;
let operator: OperatorClient;
let platform: PlatformAccount;
let agencyKey: string;

/**
 * Fires the Cron Trigger `cron` at `scheduledTime` through the runtime's scheduled event: wrangler dev's
 * `/cdn-cgi/handler/scheduled` (miniflare calls the Worker's `scheduled` handler as workerd's Cron
 * Trigger does). Answers the outcome: "ok", or "exception" when the handler threw.
 */
async function fireCron(cron: string, scheduledTime: Date): Promise<string> {
  const res = await fetch(
    `${baseUrl}/cdn-cgi/handler/scheduled?${new URLSearchParams({ cron, time: String(scheduledTime.getTime()) })}`,
  );
  return res.text();
}

/**
 * Starts wrangler's dev Worker on a free loopback port over `persistTo`, with this run's keys as secrets;
 * resolves once `/health` has answered (whatever its status). Rejects with the runtime's error when
 * workerd does not start: wrangler reports that only as an "error" event of its dev environment, while
 * `ready` settles as soon as its proxy listens and requests to it wait for a runtime that never comes.
 */
async function startWorker(): Promise<DevWorker> {
  useOfflineWranglerEnv();
  const devEnv = new unstable_DevEnv();
  const failed = new Promise<never>((_, reject) => {
    devEnv.on("error", (event: unknown) => {
      const { source, reason, message, cause } = event as {
        source?: string;
        reason?: string;
        message?: string;
        cause?: Error;
      };
      reject(
        new Error(
          `the Worker did not start: ${message ?? `${source}: ${reason}: ${cause?.message}`} (workerd's own message is logged above)`,
        ),
      );
    });
  });
  const started = await devEnv.startWorker({
    config: join(ROOT, "wrangler.toml"),
    bindings: Object.fromEntries(
      Object.entries(keys).map(([name, value]) => [name, { type: "secret_text", value }]),
    ),
    // Only these keys: naming an env file that does not exist keeps wrangler from loading a developer's
    // .dev.vars (which may point the Worker at a remote LIBSQL_URL).
    envFiles: [join(persistTo, "none.env")],
    dev: {
      persist: persistTo,
      server: { hostname: "127.0.0.1", port: 0 },
      inspector: false,
      watch: false,
      logLevel: "warn",
    },
  });
  try {
    const health = fetch(new URL("/health", await started.url));
    health.catch(() => undefined); // left pending when the runtime fails; dispose() ends it
    await Promise.race([health, failed]);
  } catch (error) {
    await started.dispose().catch(() => undefined);
    throw error;
  }
  return started;
}

beforeAll(async () => {
  migrateD1("--local", persistTo);
  await seedD1("--local", { persistTo, fxRates: false });
  worker = await startWorker();
  baseUrl = (await worker.url).origin;
  operator = operatorClient(baseUrl, keys.ADMIN_API_KEY);
});

afterAll(async () => {
  await worker?.dispose();
  rmSync(persistTo, { recursive: true, force: true });
});

describe("the Worker started by wrangler from wrangler.toml", () => {
  it("answers /health", async () => {
    const res = await fetch(`${baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("serves /docs with its script (a text module of the bundle, wrangler.toml [[rules]])", async () => {
    const page = await fetch(`${baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`src="/docs/assets/scalar-api-reference.js"`);
    const script = await fetch(`${baseUrl}/docs/assets/scalar-api-reference.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toMatch(/@scalar\/api-reference \d+\.\d+\.\d+/);
  });

  it("records a signed payout and shows it in the agency's monthly report", async () => {
    platform = await operator.createPlatform("startup-platform");
    agencyKey = await operator.createAgency(["DE"]);
    const res = await platform.sender.send(payout("startup-1", closedMonth.occurredAt));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { status: string }).status).toBe("recorded");

    const report = await fetch(
      `${baseUrl}/v1/reports/monthly?jurisdiction=DE&period=${closedMonth.period}&format=json`,
      { headers: { authorization: `Bearer ${agencyKey}` } },
    );
    expect(report.status).toBe(200);
    const body = (await report.json()) as {
      status: string;
      rows: { rule: string; contribution_base: string; contribution: string; payouts: number }[];
    };
    expect(body.status).toBe("provisional");
    expect(body.rows.map((r) => [r.rule, r.contribution_base, r.contribution, r.payouts]).sort()).toEqual([
      ["de-health-platform", "100.00", "8.75", 1],
      ["de-health-worker", "100.00", "8.75", 1],
      ["de-pension-platform", "100.00", "9.30", 1],
      ["de-pension-worker", "100.00", "9.30", 1],
    ]);
  });

  it("closes the due period when the runtime fires the daily cron", async () => {
    expect(await fireCron(CLOSE_PERIODS_CRON, new Date())).toBe("ok");
    const res = await operator.admin("GET", "/v1/periods?jurisdiction=DE");
    expect(res.status).toBe(200);
    const { closes } = (await res.json()) as {
      closes: { period: string; row_count: number; chain_head: { event_seq: number } }[];
    };
    expect(closes[0]).toMatchObject({
      period: closedMonth.period,
      row_count: 4,
      chain_head: { event_seq: 1 },
    });
    // The closed report is signed by the key the Worker imported in an earlier request (one signer per isolate).
    const report = await fetch(
      `${baseUrl}/v1/reports/monthly?jurisdiction=DE&period=${closedMonth.period}&format=csv`,
      { headers: { authorization: `Bearer ${agencyKey}` } },
    );
    const keys = (await (await fetch(`${baseUrl}/.well-known/contribution-ledger/keys.json`)).json()) as Jwks;
    expect(
      await verifySigned(
        keys,
        report.headers.get("report-signature"),
        new Uint8Array(await report.arrayBuffer()),
      ),
    ).toMatchObject({ ok: true, kind: "monthly-report" });
  });

  it("seals the chain when the runtime fires the every-minute cron", async () => {
    const res = await platform.sender.send(payout("startup-2", new Date().toISOString()));
    expect(res.status).toBe(201);
    const { receipt } = (await res.json()) as { receipt: SignedReceipt };
    expect(receipt.payload).toMatchObject({ event: { id: "startup-2" }, ledger_seq: 2, chain: null });
    expect(await fireCron(SEAL_CRON, new Date())).toBe("ok");

    await worker!.dispose();
    worker = undefined;
    const stored = await openLocalD1(persistTo);
    try {
      expect(await verifyChain(openD1(stored.db).db)).toMatchObject({
        ok: true,
        events_checked: 2,
        unsealed_events: 0,
      });
    } finally {
      await stored.dispose();
    }
  });
});
