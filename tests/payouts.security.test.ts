/**
 * POST /v1/payouts over HTTP, security: who may deliver (every refused delivery gets 401 problem+json and
 * records nothing, by row counts before and after), isolation between platforms, and what the database
 * reveals about national ids. The server clock is fixed (startLocalInstance `now`), so the 5-minute
 * tolerance of Standard Webhooks is tested to the second.
 */
import canonicalize from "canonicalize";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { signWebhook } from "../src/http/webhook-signature.js";
import { webhookKey } from "../src/security/webhook-secrets.js";
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
  return {
    raw: JSON.stringify(payoutEvent({ id, worker: "w-sec", amount: "10.00" })),
    slug: platform.slug,
    secret: platform.webhookSecret,
    timestampS: NOW_S,
    webhookId: `msg_${id}`,
    ...overrides,
  };
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
  expect(problem).toMatchObject({
    type: "https://contribution-ledger.dev/problems/invalid-signature",
    status: 401,
  });
  expect(await ledgerCounts(instance)).toEqual(before);
}

describe("signed deliveries", () => {
  it("accepts a delivery signed with the platform's secret at the server's time (control)", async () => {
    expect((await postDelivery(instance.baseUrl, delivery("sec-ok"))).status).toBe(201);
  });

  it("accepts a timestamp exactly 300 s off either way", async () => {
    expect(
      (await postDelivery(instance.baseUrl, delivery("sec-early", { timestampS: NOW_S - 300 }))).status,
    ).toBe(201);
    expect(
      (await postDelivery(instance.baseUrl, delivery("sec-late", { timestampS: NOW_S + 300 }))).status,
    ).toBe(201);
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
    await expectRefused({ ...signed, raw: String(signed.raw).replace('"10.00"', '"1000.00"'), signature });
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
    await expectRefused(
      delivery("sec-wrong", { signature: `v1,${value.startsWith("A") ? "B" : "A"}${value.slice(1)}` }),
    );
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
    const send = (p: PlatformAccount, event: object) =>
      postDelivery(instance.baseUrl, {
        raw: JSON.stringify(event),
        slug: p.slug,
        secret: p.webhookSecret,
        timestampS: NOW_S,
      });
    expect(
      (await send(platform, payoutEvent({ id: "iso-1", worker: "w-iso", amount: "100.00" }))).status,
    ).toBe(201);
    // The other platform naming iso-1 reverses nothing: to it, iso-1 does not exist.
    const reversal = await send(
      other,
      payoutEvent({ id: "iso-r", worker: "w-iso", amount: "100.00", reverses: "iso-1" }),
    );
    expect(reversal.status).toBe(422);
    expect(((await reversal.json()) as { type: string }).type).toMatch(/reversal-target-unknown$/);
    // The same event id from the other platform is its own event, not a conflict with the first platform's.
    expect((await send(other, payoutEvent({ id: "iso-1", worker: "w-iso", amount: "5.00" }))).status).toBe(
      201,
    );
  });
});

describe("national ids at rest", () => {
  it("the stored record cannot confirm a guessed national id", async () => {
    // docs/design.md §5: the national id is "stored only as a keyed hash". Anyone who can read the database
    // knows the rest of the event (id, worker, amount, time are stored in clear), so no unkeyed hash
    // over content that includes the national id may be stored: it would let a guess be checked offline.
    const event = payoutEvent({
      id: "nid-guess",
      worker: "w-nid",
      amount: "10.00",
      occurredAt: "2026-03-10T10:00:00Z",
      nationalId: "12345678901",
    });
    const res = await postDelivery(instance.baseUrl, {
      raw: JSON.stringify(event),
      slug: platform.slug,
      secret: platform.webhookSecret,
      timestampS: NOW_S,
    });
    expect(res.status).toBe(201);
    const [row] = await instance.database.db.all<{ content_hash: string; national_id_hash: string }>(
      sql`SELECT content_hash, national_id_hash FROM ledger_events WHERE event_id = 'nid-guess'`,
    );
    expect(row!.national_id_hash).toMatch(/^[0-9a-f]{64}$/);
    // An attacker's obvious guesses: SHA-256 of the event as sent or as parsed, in JCS or JSON.stringify order.
    const parsed = payoutEventSchema.parse(event);
    const guesses = await Promise.all(
      [canonicalize(event)!, JSON.stringify(event), canonicalize(parsed)!, JSON.stringify(parsed)].map(
        sha256Hex,
      ),
    );
    expect(guesses).not.toContain(row!.content_hash);
  });
});

describe("signatures over the raw bytes", () => {
  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

  it("accepts a body that starts with a UTF-8 BOM, signed over those exact bytes; the BOM is not part of the JSON", async () => {
    const raw = bytes(
      [0xef, 0xbb, 0xbf],
      JSON.stringify(payoutEvent({ id: "bom-1", worker: "w-sec", amount: "10.00" })),
    );
    const res = await postDelivery(instance.baseUrl, { ...delivery("bom-1"), raw });
    expect(res.status).toBe(201);
  });

  it("refuses invalid UTF-8 with 400 once signed over its bytes, and 401 when signed over its U+FFFD-replaced text", async () => {
    const json = JSON.stringify(payoutEvent({ id: "utf8-1", worker: "w-sec", amount: "10.00" }));
    const raw = bytes(json.slice(0, -1), ',"task":{"type":"', [0xc3, 0x28], '"}}');
    const before = await ledgerCounts(instance);
    const invalid = await postDelivery(instance.baseUrl, { ...delivery("utf8-1"), raw });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { detail: string }).detail).toMatch(/UTF-8/);
    const replaced = new TextDecoder().decode(raw);
    expect(
      (await postDelivery(instance.baseUrl, { ...delivery("utf8-2"), raw, signedRaw: replaced })).status,
    ).toBe(401);
    expect(await ledgerCounts(instance)).toEqual(before);
  });
});

describe("authorization header", () => {
  it("takes the bearer scheme in any case (RFC 9110), and still refuses another scheme", async () => {
    const get = (authorization: string) =>
      fetch(`${instance.baseUrl}/v1/platforms/me/statements?period=2026-03`, { headers: { authorization } });
    expect((await get(`bearer ${platform.apiKey}`)).status).toBe(200);
    expect((await get(`BEARER ${platform.apiKey}`)).status).toBe(200);
    expect((await get(`Basic ${platform.apiKey}`)).status).toBe(401);
  });
});

describe("reversals stay in their payout's jurisdiction", () => {
  it("refuses a reversal of a DE payout sent with country FR (422); an FR agency still cannot link the DE worker", async () => {
    expect(
      (
        await postDelivery(
          instance.baseUrl,
          delivery("juris-po", {
            raw: JSON.stringify(payoutEvent({ id: "juris-po", worker: "w-juris", amount: "40.00" })),
          }),
        )
      ).status,
    ).toBe(201);
    const reversal = payoutEvent({
      id: "juris-rv",
      worker: "w-juris",
      amount: "10.00",
      country: "FR",
      reverses: "juris-po",
    });
    const res = await postDelivery(instance.baseUrl, delivery("juris-rv", { raw: JSON.stringify(reversal) }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { type: string }).type).toMatch(/reversal-mismatch$/);
    const fr = await instance.createAgency(["FR"]);
    const link = await fetch(
      `${instance.baseUrl}/v1/workers/w-juris/access-links?platform=${platform.slug}`,
      { method: "POST", headers: { authorization: `Bearer ${fr}` } },
    );
    expect(link.status).toBe(403);
  });
});

describe("body limits on every route", () => {
  it("answers a 3 MB admin body with 413 and creates nothing", async () => {
    const body = JSON.stringify({ name: "x".repeat(3 * 1024 * 1024), jurisdictions: ["DE"] });
    const res = await fetch(`${instance.baseUrl}/v1/admin/agencies`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${instance.adminKey}`,
        "content-type": "application/json",
        connection: "close",
      },
      body,
    });
    expect(res.status).toBe(413);
    const [row] = await instance.database.db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM agencies WHERE length(name) > 1000`,
    );
    expect(Number(row!.n)).toBe(0);
  });

  it("lets Node's fetch read the 413 of a 3 MB delivery (the body is drained, no EPIPE)", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await postDelivery(
        instance.baseUrl,
        delivery(`big-${attempt}`, { raw: `{"pad":"${"x".repeat(3 * 1024 * 1024)}"}` }),
      );
      expect(res.status).toBe(413);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});

describe("per-platform rate limiting", () => {
  let limited: LocalInstance;
  afterAll(async () => {
    await limited?.close();
  });

  it("a flooding platform gets 429 with Retry-After and does not starve another platform", async () => {
    // Buckets of 5 requests refilled at one per 1,000 s on a fixed clock: no refill during the test.
    limited = await startLocalInstance({
      now: () => new Date(NOW_S * 1000),
      rateLimit: { capacity: 5, refillPerS: 0.001 },
    });
    const flood = await limited.createPlatform("flood");
    const calm = await limited.createPlatform("calm");
    const send = (p: PlatformAccount, id: string) =>
      postDelivery(limited.baseUrl, {
        raw: JSON.stringify(payoutEvent({ id, worker: "w-rl", amount: "1.00" })),
        slug: p.slug,
        secret: p.webhookSecret,
        timestampS: NOW_S,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await send(flood, `fl-${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const refused = await send(flood, "fl-x");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Its reads share the budget; the other platform's webhooks and reads are untouched.
    expect(
      (
        await fetch(`${limited.baseUrl}/v1/platforms/me/statements?period=2026-03`, {
          headers: { authorization: `Bearer ${flood.apiKey}` },
        })
      ).status,
    ).toBe(429);
    for (let i = 0; i < 4; i++) expect((await send(calm, `calm-${i}`)).status).toBe(201);
    expect(
      (
        await fetch(`${limited.baseUrl}/v1/platforms/me/statements?period=2026-03`, {
          headers: { authorization: `Bearer ${calm.apiKey}` },
        })
      ).status,
    ).toBe(200);
    // Unsigned requests naming the flooded platform are refused before they could spend its budget.
    expect(
      (await postDelivery(limited.baseUrl, { raw: "{}", slug: calm.slug, secret: flood.webhookSecret }))
        .status,
    ).toBe(401);
  });
});
