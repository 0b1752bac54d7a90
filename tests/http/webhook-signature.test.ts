/**
 * src/http/webhook-signature.ts against the Standard Webhooks specification and its reference library.
 *
 * The test vector is the one published with the specification and used by the official libraries' tests
 * (github.com/standard-webhooks/standard-webhooks, libraries/javascript/src/index.test.ts):
 * secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, id msg_p5jXN8AQM9LWM0D4loKWxJek, timestamp 1614265330,
 * payload {"test": 2432232314} -> v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=
 */
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook, WEBHOOK_TOLERANCE_S } from "../../src/http/webhook-signature.js";
import { webhookKey } from "../../src/security/webhook-secrets.js";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TIMESTAMP = 1614265330;
const PAYLOAD = '{"test": 2432232314}';
const SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
const SIGNATURE_VALUE = SIGNATURE.slice(3);

let key: CryptoKey;
beforeAll(async () => {
  key = await webhookKey(SECRET);
});

const headers = (signature: string, timestamp = String(TIMESTAMP), id = MSG_ID) => ({
  id,
  timestamp,
  signature,
});

describe("verifyWebhook: the published test vector", () => {
  it("verifies at the signing time", async () => {
    expect(await verifyWebhook(key, headers(SIGNATURE), PAYLOAD, TIMESTAMP)).toBeNull();
  });

  it("is what signWebhook produces", async () => {
    expect(await signWebhook(key, MSG_ID, TIMESTAMP, PAYLOAD)).toBe(SIGNATURE);
  });

  it("accepts the timestamp up to 300 s either way and refuses it at 301 s", async () => {
    expect(WEBHOOK_TOLERANCE_S).toBe(300);
    expect(await verifyWebhook(key, headers(SIGNATURE), PAYLOAD, TIMESTAMP + 300)).toBeNull();
    expect(await verifyWebhook(key, headers(SIGNATURE), PAYLOAD, TIMESTAMP - 300)).toBeNull();
    expect(await verifyWebhook(key, headers(SIGNATURE), PAYLOAD, TIMESTAMP + 301)).toBe("stale-timestamp");
    expect(await verifyWebhook(key, headers(SIGNATURE), PAYLOAD, TIMESTAMP - 301)).toBe("stale-timestamp");
  });

  it("refuses a signature over other content: body, id or timestamp changed", async () => {
    expect(await verifyWebhook(key, headers(SIGNATURE), '{"test": 2432232315}', TIMESTAMP)).toBe(
      "bad-signature",
    );
    expect(await verifyWebhook(key, headers(SIGNATURE), '{"test":2432232314}', TIMESTAMP)).toBe(
      "bad-signature",
    );
    expect(
      await verifyWebhook(key, headers(SIGNATURE, String(TIMESTAMP), "msg_other"), PAYLOAD, TIMESTAMP),
    ).toBe("bad-signature");
    expect(await verifyWebhook(key, headers(SIGNATURE, String(TIMESTAMP + 1)), PAYLOAD, TIMESTAMP)).toBe(
      "bad-signature",
    );
  });

  it("refuses a wrong signature and another secret's signature", async () => {
    const flipped = `v1,${SIGNATURE_VALUE.startsWith("g") ? "h" : "g"}${SIGNATURE_VALUE.slice(1)}`;
    expect(await verifyWebhook(key, headers(flipped), PAYLOAD, TIMESTAMP)).toBe("bad-signature");
    const otherKey = await webhookKey(`whsec_${btoa("another secret of 32 bytes......")}`);
    expect(await verifyWebhook(otherKey, headers(SIGNATURE), PAYLOAD, TIMESTAMP)).toBe("bad-signature");
    expect(await verifyWebhook(key, headers(`v2,${SIGNATURE_VALUE}`), PAYLOAD, TIMESTAMP)).toBe(
      "bad-signature",
    );
    expect(await verifyWebhook(key, headers("v1,"), PAYLOAD, TIMESTAMP)).toBe("bad-signature");
    expect(await verifyWebhook(key, headers(SIGNATURE_VALUE), PAYLOAD, TIMESTAMP)).toBe("bad-signature");
  });

  // Truncations to 4k characters (valid base64 of fewer bytes) and to 4k+1, 4k+2, 4k+3 characters.
  it.each([40, 32, 20, 4, 41, 42, 39, 37, 1])(
    "refuses the signature truncated to %i base64 characters",
    async (length) => {
      const truncated = `v1,${SIGNATURE_VALUE.slice(0, length)}`;
      expect(await verifyWebhook(key, headers(truncated), PAYLOAD, TIMESTAMP)).toBe("bad-signature");
    },
  );

  it("refuses missing headers and a malformed timestamp", async () => {
    expect(
      await verifyWebhook(
        key,
        { id: undefined, timestamp: String(TIMESTAMP), signature: SIGNATURE },
        PAYLOAD,
        TIMESTAMP,
      ),
    ).toBe("missing-headers");
    expect(
      await verifyWebhook(
        key,
        { id: MSG_ID, timestamp: undefined, signature: SIGNATURE },
        PAYLOAD,
        TIMESTAMP,
      ),
    ).toBe("missing-headers");
    expect(
      await verifyWebhook(
        key,
        { id: MSG_ID, timestamp: String(TIMESTAMP), signature: undefined },
        PAYLOAD,
        TIMESTAMP,
      ),
    ).toBe("missing-headers");
    expect(await verifyWebhook(key, headers(SIGNATURE, "1614265330.0"), PAYLOAD, TIMESTAMP)).toBe(
      "bad-timestamp",
    );
    expect(await verifyWebhook(key, headers(SIGNATURE, "-1614265330"), PAYLOAD, TIMESTAMP)).toBe(
      "bad-timestamp",
    );
  });

  it("passes when one of several signatures in the header is valid", async () => {
    const wrong = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    expect(await verifyWebhook(key, headers(`${wrong} ${SIGNATURE}`), PAYLOAD, TIMESTAMP)).toBeNull();
    expect(await verifyWebhook(key, headers(`${SIGNATURE} ${wrong}`), PAYLOAD, TIMESTAMP)).toBeNull();
    expect(
      await verifyWebhook(key, headers(`v1a,${SIGNATURE_VALUE} v2,xyz ${SIGNATURE}`), PAYLOAD, TIMESTAMP),
    ).toBeNull();
    expect(await verifyWebhook(key, headers(`${wrong} v1,AAAA`), PAYLOAD, TIMESTAMP)).toBe("bad-signature");
  });

  it("passes when a malformed candidate (5 base64 characters, not decodable) precedes the valid one", async () => {
    expect(await verifyWebhook(key, headers(`v1,abcde ${SIGNATURE}`), PAYLOAD, TIMESTAMP)).toBeNull();
  });
});

describe("interoperability with the official standardwebhooks library", () => {
  it("verifies a signature made by Webhook.sign", async () => {
    const nowS = Math.floor(Date.now() / 1000);
    const payload = JSON.stringify({ id: "evt-1", type: "payout", amount: "12.34", currency: "EUR" });
    const signature = new Webhook(SECRET).sign("msg_interop_1", new Date(nowS * 1000), payload);
    expect(
      await verifyWebhook(key, headers(signature, String(nowS), "msg_interop_1"), payload, nowS),
    ).toBeNull();
  });

  it("reproduces the published vector with the library, and the library accepts signWebhook's output", async () => {
    expect(new Webhook(SECRET).sign(MSG_ID, new Date(TIMESTAMP * 1000), PAYLOAD)).toBe(SIGNATURE);
    const nowS = Math.floor(Date.now() / 1000);
    const payload = '{"events":[]}';
    const signature = await signWebhook(key, "msg_interop_2", nowS, payload);
    const verified = new Webhook(SECRET).verify(payload, {
      "webhook-id": "msg_interop_2",
      "webhook-timestamp": String(nowS),
      "webhook-signature": signature,
    });
    expect(verified).toEqual({ events: [] });
  });
});
