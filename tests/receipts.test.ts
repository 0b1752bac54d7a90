/**
 * Signed receipts and signed closed reports through the real app on Node (temporary libSQL file):
 * every recorded event's answer carries a receipt that verifies against the keys published at
 * /.well-known/contribution-ledger/keys.json; a redelivery answers the same receipt; once sealed, a
 * receipt fetched again (by the platform, and by the worker through their link) names its chain link;
 * one edited field, in the readable copy or inside the JWS, fails the check; closed reports carry a
 * signature over their checksums that covers the CSV and JSON bytes served, and the closed CSV is the
 * same bytes with or without it; keys rotate (an old receipt verifies against the new key set); the
 * command `npm run verify-receipt` checks offline.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { generateReceiptSigningKey, keysSchema } from "../src/config.js";
import type { PayoutAnswer } from "../src/schemas/payout-result.js";
import type { SignedReceipt } from "../src/schemas/receipt.js";
import { verifySigned } from "../src/receipts/verify-signed.js";
import type { Jwks } from "../src/security/receipt-keys.js";
import { payoutEvent } from "./support/ledger-test-kit.js";

let inst: LocalInstance;
let alpha: PlatformAccount;
let beta: PlatformAccount;
let jwks: Jwks;
const dir = mkdtempSync(join(tmpdir(), "receipts-"));

beforeAll(async () => {
  inst = await startLocalInstance();
  alpha = await inst.createPlatform("rc-alpha");
  beta = await inst.createPlatform("rc-beta");
  const res = await fetch(`${inst.baseUrl}/.well-known/contribution-ledger/keys.json`);
  expect(res.status).toBe(200);
  jwks = (await res.json()) as Jwks;
});
afterAll(async () => {
  await inst?.close();
});

const send = async (p: PlatformAccount, body: object) => {
  const res = await p.sender.send(body);
  return { status: res.status, body: (await res.json()) as PayoutAnswer & { results?: PayoutAnswer[] } };
};
const asPlatform = (p: PlatformAccount, path: string) =>
  fetch(inst.baseUrl + path, { headers: { authorization: `Bearer ${p.apiKey}` } });
const b64url = (text: string) => Buffer.from(text).toString("base64url");

describe("a recorded event's receipt", () => {
  let first: PayoutAnswer;

  beforeAll(async () => {
    const { status, body } = await send(alpha, payoutEvent({ id: "rc-1", worker: "w1", amount: "1000.00" }));
    expect(status).toBe(201);
    first = body;
  });

  it("covers the event, platform, worker, every contribution and the ledger sequence, and verifies", async () => {
    const [row] = await inst.database.db.all<{ id: number; subject_key: string; received_at: string }>(
      sql`SELECT id, subject_key, received_at FROM ledger_events WHERE event_id = 'rc-1'`,
    );
    const { payload } = first.receipt;
    expect(payload).toEqual({
      v: 1,
      type: "contribution-receipt",
      event: {
        id: "rc-1",
        type: "payout",
        amount: "1000.00",
        currency: "EUR",
        recorded_at: row!.received_at,
      },
      platform: "rc-alpha",
      worker: { id: "w1", subject: row!.subject_key, country: "DE" },
      contributions: first.contributions.map(({ rule, payer, period, amount, currency }) => ({
        rule,
        scheme: expect.any(String),
        payer,
        period,
        amount,
        currency,
      })),
      ledger_seq: row!.id,
      chain: null,
    });
    expect(payload.contributions.length).toBeGreaterThan(1);
    const verdict = await verifySigned(jwks, first.receipt);
    expect(verdict).toMatchObject({ ok: true, kind: "contribution-receipt", kid: jwks.keys[0]!.kid });
  });

  it("fails the check when one field is changed: in the readable copy, or inside the signed JWS", async () => {
    const edited = structuredClone(first.receipt);
    edited.payload.contributions[0]!.amount = "0.01";
    expect(await verifySigned(jwks, edited)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("readable payload differs"),
    });
    // The same edit made inside the JWS (and the copy), keeping the signature: the signature no longer matches.
    const [header, , signature] = first.receipt.jws.split(".");
    const forged = {
      payload: edited.payload,
      jws: `${header}.${b64url(JSON.stringify(edited.payload))}.${signature}`,
    };
    expect(await verifySigned(jwks, forged)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("does not verify"),
    });
    // Signed by another key under the same kid: refused too.
    const other = await startLocalInstance({
      seedRules: false,
      keys: { RECEIPT_SIGNING_KEY_ID: jwks.keys[0]!.kid },
    });
    try {
      const otherJwks = (await (
        await fetch(`${other.baseUrl}/.well-known/contribution-ledger/keys.json`)
      ).json()) as Jwks;
      expect(otherJwks.keys[0]!.kid).toBe(jwks.keys[0]!.kid);
      expect(await verifySigned(otherJwks, first.receipt)).toMatchObject({ ok: false });
    } finally {
      await other.close();
    }
  });

  it("a redelivery answers the same receipt content (its chain link filled in once sealed)", async () => {
    const { status, body } = await send(alpha, payoutEvent({ id: "rc-1", worker: "w1", amount: "1000.00" }));
    expect(status).toBe(200);
    expect(body.status).toBe("duplicate");
    // The background sealer may have sealed the event in between (within SEAL_DELAY_MS): only `chain` may differ.
    expect({ ...body.receipt.payload, chain: null }).toEqual(first.receipt.payload);
    if (body.receipt.payload.chain === null) expect(body.receipt.jws).toBe(first.receipt.jws);
    expect((await verifySigned(jwks, body.receipt)).ok).toBe(true);
  });

  it("fetched again once sealed, names its chain link; only the platform's own events", async () => {
    await inst.deps.sealer.flush();
    const res = await asPlatform(alpha, "/v1/receipts/rc-1");
    expect(res.status).toBe(200);
    const later = (await res.json()) as SignedReceipt;
    const [seal] = await inst.database.db.all<{ hash: string; prev_hash: string }>(
      sql`SELECT hash, prev_hash FROM ledger_seals WHERE event_seq = ${first.receipt.payload.ledger_seq}`,
    );
    expect(later.payload).toEqual({
      ...first.receipt.payload,
      chain: { hash: seal!.hash, prev_hash: seal!.prev_hash },
    });
    expect(await verifySigned(jwks, later)).toMatchObject({
      ok: true,
      detail: expect.stringContaining("sealed at chain position"),
    });
    // A redelivery now answers the sealed receipt, byte for byte (Ed25519 signatures are deterministic).
    expect(
      (await send(alpha, payoutEvent({ id: "rc-1", worker: "w1", amount: "1000.00" }))).body.receipt,
    ).toEqual(later);
    expect((await asPlatform(beta, "/v1/receipts/rc-1")).status).toBe(404);
    expect((await asPlatform(alpha, "/v1/receipts/no-such")).status).toBe(404);
  });

  it("every event of a batch carries its own receipt", async () => {
    const { body } = await send(alpha, {
      events: [
        payoutEvent({ id: "rc-b1", worker: "w2", amount: "5.00" }),
        payoutEvent({ id: "rc-b2", worker: "w2", amount: "-1" }),
        payoutEvent({ id: "rc-b3", worker: "w3", amount: "7.00" }),
      ],
    });
    expect(body.results!.map((r) => r.status)).toEqual(["recorded", "rejected", "recorded"]);
    expect(body.results!.map((r) => r.receipt?.payload.event.id)).toEqual(["rc-b1", undefined, "rc-b3"]);
    for (const r of [body.results![0]!, body.results![2]!])
      expect((await verifySigned(jwks, r.receipt)).ok).toBe(true);
  });
});

describe("the worker's receipts", () => {
  let token: string;

  beforeAll(async () => {
    await send(alpha, payoutEvent({ id: "rc-w1", worker: "w9", amount: "12.00" }));
    await send(alpha, payoutEvent({ id: "rc-w1-back", worker: "w9", amount: "2.00", reverses: "rc-w1" }));
    const link = (await (
      await fetch(`${inst.baseUrl}/v1/workers/w9/access-links`, {
        method: "POST",
        headers: { authorization: `Bearer ${alpha.apiKey}` },
      })
    ).json()) as { url: string };
    token = link.url.slice(link.url.lastIndexOf("/") + 1);
  });

  it("the page links each payout's receipt, and the link answers the signed receipt", async () => {
    const page = await (await fetch(`${inst.baseUrl}/w/${token}`)).text();
    const hrefs = [...page.matchAll(/href="([^"]*\/receipts\/[^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([`${token}/receipts/rc-alpha/rc-w1-back`, `${token}/receipts/rc-alpha/rc-w1`]);
    expect(page).toContain('href="../verify?lang=en"');
    const res = await fetch(`${inst.baseUrl}/w/${hrefs[1]}`);
    expect(res.status).toBe(200);
    const receipt = (await res.json()) as SignedReceipt;
    expect(receipt).toEqual((await (await asPlatform(alpha, "/v1/receipts/rc-w1")).json()) as SignedReceipt);
    expect(await verifySigned(jwks, receipt)).toMatchObject({ ok: true });
    const reversal = (await (await fetch(`${inst.baseUrl}/w/${hrefs[0]}`)).json()) as SignedReceipt;
    expect(reversal.payload.event).toMatchObject({ type: "reversal", reverses: "rc-w1" });
  });

  it("answers 404 for another worker's event and for another platform's, and refuses a bad link", async () => {
    expect((await fetch(`${inst.baseUrl}/w/${token}/receipts/rc-alpha/rc-1`)).status).toBe(404);
    expect((await fetch(`${inst.baseUrl}/w/${token}/receipts/rc-beta/rc-w1`)).status).toBe(404);
    expect((await fetch(`${inst.baseUrl}/w/${token}/receipts/no-platform/rc-w1`)).status).toBe(404);
    expect((await fetch(`${inst.baseUrl}/w/${token}x/receipts/rc-alpha/rc-w1`)).status).toBe(403);
  });
});

describe("signed closed reports", () => {
  const agencyGet = async (agency: string, path: string) =>
    fetch(inst.baseUrl + path, { headers: { authorization: `Bearer ${agency}` } });
  let agency: string;

  beforeAll(async () => {
    agency = await inst.createAgency(["DE"]);
  });

  it("a provisional report is not signed", async () => {
    const res = await agencyGet(agency, "/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=csv");
    expect(res.headers.get("report-status")).toBe("provisional");
    expect(res.headers.get("report-signature")).toBeNull();
    expect(
      (await agencyGet(agency, "/v1/reports/monthly/signature?jurisdiction=DE&period=2026-03")).status,
    ).toBe(409);
  });

  it("a closed report carries a signature that covers its CSV and JSON bytes; an edited copy fails", async () => {
    expect(
      (
        await inst.admin("POST", "/v1/admin/periods/close", {
          jurisdiction: "DE",
          period: "2026-03",
          force: true,
          reason: "test",
        })
      ).status,
    ).toBe(201);
    const csvRes = await agencyGet(agency, "/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=csv");
    const csv = new Uint8Array(await csvRes.arrayBuffer());
    const jws = csvRes.headers.get("report-signature")!;
    expect(jws.split(".")).toHaveLength(3);
    const signed = (await (
      await agencyGet(agency, "/v1/reports/monthly/signature?jurisdiction=DE&period=2026-03")
    ).json()) as { payload: { rows: { checksum: { value: string } } }; jws: string };
    expect(signed.jws).toBe(jws);
    expect(signed.payload.rows.checksum.value).toBe(
      csvRes.headers.get("report-checksum")!.slice("sha-256=".length),
    );
    expect(await verifySigned(jwks, signed, csv)).toMatchObject({ ok: true, kind: "monthly-report" });
    expect(await verifySigned(jwks, jws, csv)).toMatchObject({ ok: true });

    const editedCsv = Buffer.from(new TextDecoder().decode(csv).replace("rc-alpha", "rc-alphx"));
    expect(await verifySigned(jwks, signed, new Uint8Array(editedCsv))).toMatchObject({ ok: false });

    const jsonRes = await agencyGet(agency, "/v1/reports/monthly?jurisdiction=DE&period=2026-03");
    expect(jsonRes.headers.get("report-signature")).toBe(jws);
    const json = (await jsonRes.json()) as { rows: { contribution: string }[] };
    expect(await verifySigned(jwks, signed, new Uint8Array(Buffer.from(JSON.stringify(json))))).toMatchObject(
      { ok: true },
    );
    json.rows[0]!.contribution = "999.99";
    expect(await verifySigned(jwks, signed, new Uint8Array(Buffer.from(JSON.stringify(json))))).toMatchObject(
      { ok: false, reason: expect.stringContaining("rows do not hash") },
    );

    const corrections = new Uint8Array(
      await (
        await agencyGet(
          agency,
          "/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=csv&section=corrections",
        )
      ).arrayBuffer(),
    );
    expect(await verifySigned(jwks, signed, corrections)).toMatchObject({ ok: true });
    // A receipt is no report signature.
    const receipt = (await (await asPlatform(alpha, "/v1/receipts/rc-1")).json()) as SignedReceipt;
    expect(await verifySigned(jwks, receipt, csv)).toMatchObject({ ok: false });
  });

  it("npm run verify-receipt checks a receipt and a signed report offline, and fails a tampered copy", async () => {
    const keysFile = join(dir, "keys.json");
    writeFileSync(keysFile, JSON.stringify(jwks));
    const receipt = (await (await asPlatform(alpha, "/v1/receipts/rc-1")).json()) as SignedReceipt;
    writeFileSync(join(dir, "receipt.json"), JSON.stringify(receipt));
    const edited = structuredClone(receipt);
    edited.payload.worker.id = "someone-else";
    writeFileSync(join(dir, "edited.json"), JSON.stringify(edited));
    const csvRes = await agencyGet(agency, "/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=csv");
    writeFileSync(join(dir, "report.csv"), new Uint8Array(await csvRes.arrayBuffer()));
    writeFileSync(join(dir, "report.sig"), csvRes.headers.get("report-signature")!);

    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/verify-receipt.ts", ...args]).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const good = await run(join(dir, "receipt.json"), "--keys", keysFile);
    const bad = await run(join(dir, "edited.json"), "--keys", keysFile);
    const report = await run(
      join(dir, "report.sig"),
      "--keys",
      keysFile,
      "--report",
      join(dir, "report.csv"),
    );
    expect(good).toMatchObject({ code: 0, out: expect.stringMatching(/^valid: receipt of event rc-1/) });
    expect(bad).toMatchObject({
      code: 1,
      out: expect.stringMatching(/^NOT valid: the readable payload differs/),
    });
    expect(report).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^valid: closed report DE 2026-03 and the report file/),
    });
  });
});

describe("key rotation", () => {
  it("publishes the previous keys, so a receipt signed before the rotation still verifies; a private key in the list is refused", async () => {
    const receipt = (await (await asPlatform(alpha, "/v1/receipts/rc-1")).json()) as SignedReceipt;
    const rotated = await startLocalInstance({
      seedRules: false,
      keys: { RECEIPT_SIGNING_KEY: generateReceiptSigningKey(), RECEIPT_PREVIOUS_KEYS: JSON.stringify(jwks) },
    });
    try {
      const next = (await (
        await fetch(`${rotated.baseUrl}/.well-known/contribution-ledger/keys.json`)
      ).json()) as Jwks;
      expect(next.keys.map((k) => k.kid)).toEqual([
        expect.not.stringMatching(jwks.keys[0]!.kid),
        jwks.keys[0]!.kid,
      ]);
      expect(await verifySigned(next, receipt)).toMatchObject({ ok: true, kid: jwks.keys[0]!.kid });
      // Without the previous key, the old receipt names no published key.
      expect(await verifySigned({ keys: [next.keys[0]!] }, receipt)).toMatchObject({
        ok: false,
        reason: expect.stringContaining("no published key"),
      });
    } finally {
      await rotated.close();
    }
    const withPrivate = {
      ...inst.keys,
      RECEIPT_PREVIOUS_KEYS: JSON.stringify({ keys: [{ ...jwks.keys[0], d: "x".repeat(43) }] }),
    };
    expect(keysSchema.safeParse(withPrivate).success).toBe(false);
    expect(keysSchema.safeParse({ ...inst.keys, RECEIPT_SIGNING_KEY: "c2hvcnQ=" }).success).toBe(false);
  });
});

describe("the verification page", () => {
  it("is public HTML in the worker's languages, its one script allowed by a nonce", async () => {
    const res = await fetch(`${inst.baseUrl}/verify?lang=fr`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-language")).toBe("fr");
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const page = await res.text();
    expect(page).toContain("Vérifier un reçu signé");
    expect(page).toContain(`<script nonce="${nonce}">`);
    expect(page).toContain("/.well-known/contribution-ledger/keys.json");
    expect(csp).toContain("connect-src 'self'");
  });
});
