/**
 * POST /v1/payouts over HTTP, security: who may deliver (every refused delivery gets 401 problem+json and
 * records nothing, by row counts before and after), isolation between platforms, and what the database
 * reveals about national ids. The server clock is fixed (startLocalInstance `now`), so the 5-minute
 * tolerance of Standard Webhooks is tested to the second.
 */
import canonicalize from "canonicalize";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance, type PlatformAccount } from "../scripts/lib/local-instance.js";
import { signWebhook, webhookKey } from "../src/http/webhook-signature.js";
import { payoutEventSchema } from "../src/schemas/payout-event.js";
import { sha256Hex } from "../src/security/digest.js";
import { ledgerCounts, payoutEvent, postDelivery, type RawDelivery } from "./support/ledger-test-kit.js";

const NOW_S = 1_773_140_400; // 2026-03-10T11:00:00Z
let instance: LocalInstance;
let platform: PlatformAccount;
let other: PlatformAccount;

beforeAll(async () => {
  instance = await startLocalInstance({ now: () => new Date(NOW_S * 1000) });
  platform = await instance.createPlatform("secure-platform");
  other = await instance.createPlatform("other-platform");
});
afterAll(async () => {
  await instance.close();
});

/** A delivery of one payout signed by `platform` at the server's time unless overridden. */
function delivery(id: string, overrides: Partial<RawDelivery> = {}): RawDelivery {
  return { raw: JSON.stringify(payoutEvent({ id, worker: "w-sec", amount: "10.00" })), slug: platform.slug, secret: platform.webhookSecret, timestampS: NOW_S, webhookId: `msg_${id}`, ...overrides };
}

/** The valid webhook-signature of a delivery, to tamper with. */
async function signatureOf(d: RawDelivery): Promise<string> {
  return signWebhook(await webhookKey(d.secret), d.webhookId!, d.timestampS!, d.raw);
}

/** Sends a delivery and expects 401 invalid-signature with nothing recorded. */
async function expectRefused(d: RawDelivery): Promise<void> {
  const before = await ledgerCounts(instance);
  const res = await postDelivery(instance.baseUrl, d);
  expect(res.status).toBe(401);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const problem = (await res.json()) as { type: string; status: number };
  expect(problem).toMatchObject({ type: "https://contribution-ledger.dev/problems/invalid-signature", status: 401 });
  expect(await ledgerCounts(instance)).toEqual(before);
}

describe("signed deliveries", () => {
  it("accepts a delivery signed with the platform's secret at the server's time (control)", async () => {
    expect((await postDelivery(instance.baseUrl, delivery("sec-ok"))).status).toBe(201);
  });

  it("accepts a timestamp exactly 300 s off either way", async () => {
    expect((await postDelivery(instance.baseUrl, delivery("sec-early", { timestampS: NOW_S - 300 }))).status).toBe(201);
    expect((await postDelivery(instance.baseUrl, delivery("sec-late", { timestampS: NOW_S + 300 }))).status).toBe(201);
  });
});

describe("refused deliveries: 401, nothing recorded", () => {
  it("an unknown platform", async () => {
    await expectRefused(delivery("sec-unknown", { slug: "no-such-platform" }));
    await expectRefused(delivery("sec-bad-slug", { slug: "../secure-platform" }));
    await expectRefused(delivery("sec-no-slug", { slug: "" }));
  });

  it("a signature made with another platform's secret", async () => {
    await expectRefused(delivery("sec-other-secret", { secret: other.webhookSecret }));
  });

  it("a body changed after signing", async () => {
    const signed = delivery("sec-tampered");
    const signature = await signatureOf(signed);
    await expectRefused({ ...signed, raw: signed.raw.replace('"10.00"', '"1000.00"'), signature });
    // The same signature under another webhook-id or timestamp does not pass either.
    await expectRefused({ ...signed, webhookId: "msg_replayed", signature });
    await expectRefused({ ...signed, timestampS: NOW_S + 1, signature });
  });

  it("a stale or future timestamp (301 s off)", async () => {
    await expectRefused(delivery("sec-stale", { timestampS: NOW_S - 301 }));
    await expectRefused(delivery("sec-future", { timestampS: NOW_S + 301 }));
  });

  it("a wrong, truncated or missing signature", async () => {
    const signature = await signatureOf(delivery("sec-wrong"));
    const value = signature.slice(3);
    await expectRefused(delivery("sec-wrong", { signature: `v1,${value.startsWith("A") ? "B" : "A"}${value.slice(1)}` }));
    await expectRefused(delivery("sec-wrong", { signature: `v1,${value.slice(0, 20)}` }));
    await expectRefused(delivery("sec-wrong", { signature: "" }));
    await expectRefused(delivery("sec-wrong", { signature: `v2,${value}` }));
  });

  it("a signature truncated to a length that is not valid base64 (41 characters)", async () => {
    const signature = await signatureOf(delivery("sec-truncated-41"));
    await expectRefused(delivery("sec-truncated-41", { signature: signature.slice(0, 3 + 41) }));
  });
});

describe("platform isolation", () => {
  it("one platform cannot reverse, nor collide with, another platform's payout", async () => {
    const send = (p: PlatformAccount, event: object) => postDelivery(instance.baseUrl, { raw: JSON.stringify(event), slug: p.slug, secret: p.webhookSecret, timestampS: NOW_S });
    expect((await send(platform, payoutEvent({ id: "iso-1", worker: "w-iso", amount: "100.00" }))).status).toBe(201);
    // The other platform naming iso-1 reverses nothing: to it, iso-1 does not exist.
    const reversal = await send(other, payoutEvent({ id: "iso-r", worker: "w-iso", amount: "100.00", reverses: "iso-1" }));
    expect(reversal.status).toBe(422);
    expect(((await reversal.json()) as { type: string }).type).toMatch(/reversal-target-unknown$/);
    // The same event id from the other platform is its own event, not a conflict with the first platform's.
    expect((await send(other, payoutEvent({ id: "iso-1", worker: "w-iso", amount: "5.00" }))).status).toBe(201);
  });
});


describe("national ids at rest", () => {
  it("the stored record cannot confirm a guessed national id", async () => {
    // DESIGN.md 5: the national id is "stored only as a keyed hash". Anyone who can read the database
    // knows the rest of the event (id, worker, amount, time are stored in clear), so no unkeyed hash
    // over content that includes the national id may be stored: it would let a guess be checked offline.
    const event = payoutEvent({ id: "nid-guess", worker: "w-nid", amount: "10.00", occurredAt: "2026-03-10T10:00:00Z", nationalId: "12345678901" });
    const res = await postDelivery(instance.baseUrl, { raw: JSON.stringify(event), slug: platform.slug, secret: platform.webhookSecret, timestampS: NOW_S });
    expect(res.status).toBe(201);
    const [row] = await instance.database.db.all<{ content_hash: string; national_id_hash: string }>(sql`SELECT content_hash, national_id_hash FROM ledger_events WHERE event_id = 'nid-guess'`);
    expect(row!.national_id_hash).toMatch(/^[0-9a-f]{64}$/);
    // An attacker's obvious guesses: SHA-256 of the event as sent or as parsed, in JCS or JSON.stringify order.
    const parsed = payoutEventSchema.parse(event);
    const guesses = await Promise.all([canonicalize(event)!, JSON.stringify(event), canonicalize(parsed)!, JSON.stringify(parsed)].map(sha256Hex));
    expect(guesses).not.toContain(row!.content_hash);
  });
});
