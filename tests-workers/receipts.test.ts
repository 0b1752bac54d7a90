/**
 * Inside workerd on D1: signed receipts and signed closed reports through the Worker's fetch handler
 * (tests-workers/support/worker-instance.ts), with the receipt key of vitest.workers.config.ts. The
 * receipt of a delivery verifies against the Worker's published key set (checked here with the same
 * code as `npm run verify-receipt`, src/receipts/verify-signed.ts, running in workerd), an edited field
 * fails, the receipt fetched after the Cron Trigger's seal names its chain link, and a closed report's
 * signature covers the CSV served.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { PlatformAccount } from "../scripts/lib/local-instance.js";
import { sealLedger } from "../src/ledger/seal.js";
import type { SignedReceipt } from "../src/schemas/receipt.js";
import { verifySigned } from "../src/receipts/verify-signed.js";
import type { Jwks } from "../src/security/receipt-keys.js";
import {
  admin,
  BASE_URL,
  createAgency,
  createPlatform,
  database,
  seedReferenceData,
  workerFetch,
} from "./support/worker-instance.js";

const payout = (id: string, amount: string) => ({
  id,
  type: "payout",
  occurred_at: "2026-03-10T10:00:00Z",
  worker: { id: "rider-r", country: "DE" },
  amount,
  currency: "EUR",
});

let platform: PlatformAccount;
let agencyKey: string;
let jwks: Jwks;

beforeAll(async () => {
  await seedReferenceData();
  platform = await createPlatform("receipt-co");
  agencyKey = await createAgency(["DE"]);
  const res = await workerFetch(`${BASE_URL}/.well-known/contribution-ledger/keys.json`);
  expect(res.status).toBe(200);
  jwks = (await res.json()) as Jwks;
});

describe("receipts in the Worker", () => {
  it("a recorded event's receipt verifies; one edited field fails; once sealed it names its chain link", async () => {
    const res = await platform.sender.send(payout("wr-1", "250.00"));
    expect(res.status).toBe(201);
    const { receipt } = (await res.json()) as { receipt: SignedReceipt };
    expect(receipt.payload).toMatchObject({
      type: "contribution-receipt",
      event: { id: "wr-1", amount: "250.00" },
      platform: "receipt-co",
      worker: { id: "rider-r", country: "DE" },
      chain: null,
    });
    expect(receipt.payload.contributions.map((c) => c.rule).sort()).toEqual([
      "de-health-platform",
      "de-health-worker",
      "de-pension-platform",
      "de-pension-worker",
    ]);
    expect(await verifySigned(jwks, receipt)).toMatchObject({ ok: true, kid: jwks.keys[0]!.kid });

    const edited = structuredClone(receipt);
    edited.payload.contributions[0]!.period = "2026-04";
    expect((await verifySigned(jwks, edited)).ok).toBe(false);

    await sealLedger(database.db);
    const later = (await (
      await workerFetch(`${BASE_URL}/v1/receipts/wr-1`, {
        headers: { authorization: `Bearer ${platform.apiKey}` },
      })
    ).json()) as SignedReceipt;
    expect(later.payload.chain).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect({ ...later.payload, chain: null }).toEqual(receipt.payload);
    expect(await verifySigned(jwks, later)).toMatchObject({ ok: true });
  });

  it("a closed report's signature covers its CSV", async () => {
    expect(
      (
        await admin("POST", "/v1/admin/periods/close", {
          jurisdiction: "DE",
          period: "2026-03",
          force: true,
          reason: "workerd test",
        })
      ).status,
    ).toBe(201);
    const res = await workerFetch(
      `${BASE_URL}/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=csv`,
      { headers: { authorization: `Bearer ${agencyKey}` } },
    );
    const csv = new Uint8Array(await res.arrayBuffer());
    const jws = res.headers.get("report-signature")!;
    expect(await verifySigned(jwks, jws, csv)).toMatchObject({ ok: true, kind: "monthly-report" });
    csv[csv.length - 3] = csv[csv.length - 3]! ^ 1;
    expect((await verifySigned(jwks, jws, csv)).ok).toBe(false);
  });
});
