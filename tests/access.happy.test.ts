/**
 * Access features over HTTP against a real instance (startLocalInstance): deliveries signed by the
 * official Standard Webhooks library and by the published test vector, webhook secret rotation with an
 * overlap, API key revocation, the agency lookup by national id, the audit trail of admin and agency
 * actions, and X-Request-Id on every response.
 *
 * The server clock is Date.now() + `offsetMs`, so the rotation overlap is crossed without waiting.
 * Expected lookup totals are computed here with Dec from the seeded DE 2026 rates (rules/de.json:
 * every DE rule is monthly and its ceiling is far above these bases, so a month's contribution of a rule is
 * round_half_up(first-bracket rate × the month's base), docs/design.md §4.1).
 */
import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { seedRules } from "../src/db/seed/rule-files.js";
import { Dec, formatMinor, roundToMinor } from "../src/domain/money.js";
import { payoutEvent, postDelivery } from "./support/ledger-test-kit.js";

let inst: LocalInstance;
let alpha: PlatformAccount;
let beta: PlatformAccount;
let offsetMs = 0;
const nowS = () => Math.floor((Date.now() + offsetMs) / 1000);
const NID = "12 345678 A 123";

beforeAll(async () => {
  inst = await startLocalInstance({ now: () => new Date(Date.now() + offsetMs) });
  alpha = await inst.createPlatform("acc-alpha");
  beta = await inst.createPlatform("acc-beta");
});
afterAll(async () => {
  await inst?.close();
});

const bearer = (key: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: {
    authorization: `Bearer ${key}`,
    ...(init.body ? { "content-type": "application/json" } : {}),
    ...(init.headers as Record<string, string> | undefined),
  },
});
const auditRows = (action: string) =>
  inst.database.db.all<{ actor: string; action: string; target: string; at: string }>(
    sql`SELECT actor, action, target, at FROM audit_log WHERE action = ${action} ORDER BY id`,
  );

describe("deliveries signed by the official standardwebhooks library", () => {
  it("accepts one event and a batch signed with Webhook.sign", async () => {
    const wh = new Webhook(alpha.webhookSecret);
    for (const [id, body, status] of [
      ["msg_lib_1", payoutEvent({ id: "lib-1", worker: "w-lib", amount: "12.34" }), 201],
      [
        "msg_lib_2",
        {
          events: [
            payoutEvent({ id: "lib-2", worker: "w-lib", amount: "1.00" }),
            payoutEvent({ id: "lib-3", worker: "w-lib", amount: "2.00" }),
          ],
        },
        200,
      ],
    ] as const) {
      const raw = JSON.stringify(body);
      const timestamp = new Date(nowS() * 1000);
      const res = await fetch(`${inst.baseUrl}/v1/payouts?platform=${alpha.slug}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": id,
          "webhook-timestamp": String(nowS()),
          "webhook-signature": wh.sign(id, timestamp, raw),
        },
        body: raw,
      });
      expect(res.status, await res.clone().text()).toBe(status);
    }
    const [row] = await inst.database.db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM ledger_events WHERE event_id IN ('lib-1', 'lib-2', 'lib-3')`,
    );
    expect(Number(row!.n)).toBe(3);
  });
});

describe("the published Standard Webhooks test vector", () => {
  // From the specification's reference test suite (also in tests/http/webhook-signature.test.ts).
  const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const TIMESTAMP = 1614265330;
  const PAYLOAD = '{"test": 2432232314}';
  const SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  it("passes the signature check of POST /v1/payouts (the body, not a payout event, is then refused with 422)", async () => {
    const vector = await startLocalInstance({ now: () => new Date(TIMESTAMP * 1000) });
    try {
      const platform = await vector.createPlatform("vector");
      // Give the platform the vector's secret, sealed as the service stores secrets.
      await vector.database.db.run(
        sql`UPDATE platforms SET webhook_secret_ciphertext = ${await vector.deps.secretBox.seal(SECRET)} WHERE slug = ${platform.slug}`,
      );
      const send = (signature: string) =>
        postDelivery(vector.baseUrl, {
          raw: PAYLOAD,
          slug: platform.slug,
          secret: SECRET,
          timestampS: TIMESTAMP,
          webhookId: MSG_ID,
          signature,
        });
      const accepted = await send(SIGNATURE);
      expect(accepted.status).toBe(422);
      expect(((await accepted.json()) as { type: string }).type).toMatch(/invalid-event$/);
      const flipped = await send(SIGNATURE.replace("g0hM", "g1hM"));
      expect(flipped.status).toBe(401);
    } finally {
      await vector.close();
    }
  });
});

describe("webhook secret rotation", () => {
  it("a platform rotates its own secret: both secrets verify until expires_at, then only the new one", async () => {
    const rotated = await fetch(
      `${inst.baseUrl}/v1/platforms/me/webhook-secrets`,
      bearer(beta.apiKey, { method: "POST", body: JSON.stringify({ overlap_s: 3600 }) }),
    );
    expect(rotated.status).toBe(201);
    const { webhook_secret, previous_secret_expires_at } = (await rotated.json()) as {
      webhook_secret: string;
      previous_secret_expires_at: string;
    };
    expect(webhook_secret).toMatch(/^whsec_/);
    expect(webhook_secret).not.toBe(beta.webhookSecret);
    const expiresS = Date.parse(previous_secret_expires_at) / 1000;
    expect(Math.abs(expiresS - (nowS() + 3600))).toBeLessThanOrEqual(2);
    const send = (id: string, secret: string) =>
      postDelivery(inst.baseUrl, {
        raw: JSON.stringify(payoutEvent({ id, worker: "w-rot", amount: "1.00" })),
        slug: beta.slug,
        secret,
        timestampS: nowS(),
      });
    expect((await send("rot-new", webhook_secret)).status).toBe(201);
    expect((await send("rot-old", beta.webhookSecret)).status).toBe(201);
    offsetMs += 3601 * 1000; // past the overlap
    try {
      expect((await send("rot-old-late", beta.webhookSecret)).status).toBe(401);
      expect((await send("rot-new-late", webhook_secret)).status).toBe(201);
    } finally {
      offsetMs -= 3601 * 1000;
    }
    beta = { ...beta, webhookSecret: webhook_secret };
    expect((await auditRows("platform.webhook-secret.rotate")).map((r) => r.actor)).toContain(
      `platform:${beta.slug}`,
    );
  });

  it("the operator rotates a platform's secret (default overlap 24 h); a second rotation ends the oldest secret", async () => {
    const rotate = () => inst.admin("POST", `/v1/admin/platforms/${alpha.slug}/webhook-secrets`);
    const first = await rotate();
    expect(first.status).toBe(201);
    const one = (await first.json()) as { webhook_secret: string; previous_secret_expires_at: string };
    expect(
      Math.abs(Date.parse(one.previous_secret_expires_at) / 1000 - (nowS() + 86_400)),
    ).toBeLessThanOrEqual(2);
    const second = (await (await rotate()).json()) as { webhook_secret: string };
    const send = (id: string, secret: string) =>
      postDelivery(inst.baseUrl, {
        raw: JSON.stringify(payoutEvent({ id, worker: "w-rot", amount: "1.00" })),
        slug: alpha.slug,
        secret,
        timestampS: nowS(),
      });
    expect((await send("rot2-a", second.webhook_secret)).status).toBe(201);
    expect((await send("rot2-b", one.webhook_secret)).status).toBe(201);
    expect((await send("rot2-c", alpha.webhookSecret)).status).toBe(401);
    alpha = { ...alpha, webhookSecret: second.webhook_secret };
    expect((await inst.admin("POST", "/v1/admin/platforms/no-such-platform/webhook-secrets")).status).toBe(
      404,
    );
    const tooLong = await inst.admin("POST", `/v1/admin/platforms/${alpha.slug}/webhook-secrets`, {
      overlap_s: 8 * 86_400,
    });
    expect(tooLong.status).toBe(422);
    expect(
      (await auditRows("platform.webhook-secret.rotate")).filter((r) => r.actor === "admin"),
    ).toHaveLength(2);
  });
});

describe("API key revocation", () => {
  it("a revoked key gets 401; revoking is audited; an unknown or already revoked prefix is 404", async () => {
    const created = (await (
      await inst.admin("POST", "/v1/admin/agencies", { name: "to revoke", jurisdictions: ["DE"] })
    ).json()) as { api_key: string; api_key_prefix: string };
    expect(created.api_key.startsWith(created.api_key_prefix)).toBe(true);
    const read = () =>
      fetch(`${inst.baseUrl}/v1/reports/monthly?jurisdiction=DE&period=2026-03`, bearer(created.api_key));
    expect((await read()).status).toBe(200);
    const revoked = await inst.admin("DELETE", `/v1/admin/api-keys/${created.api_key_prefix}`);
    expect(revoked.status).toBe(200);
    expect(await read()).toMatchObject({ status: 401 });
    expect((await auditRows("api-key.revoke")).map((r) => r.target)).toEqual([created.api_key_prefix]);
    expect((await inst.admin("DELETE", `/v1/admin/api-keys/${created.api_key_prefix}`)).status).toBe(404);
    expect((await inst.admin("DELETE", "/v1/admin/api-keys/clk_agency_AAAAAAAA")).status).toBe(404);
    expect((await inst.admin("DELETE", "/v1/admin/api-keys/clk_platform")).status).toBe(422);
  });
});

/** round_half_up(rate × base) in EUR cents for the 2026 version of a DE rule code. */
function deMonthly(code: string, base: Dec): number {
  const rule = seedRules.find((r) => r.code === code && r.effective_from === "2026-01-01")!;
  return roundToMinor(base.times(rule.brackets[0]!.rate), "EUR", "half_up");
}

describe("agency lookup by national id", () => {
  let de: string;
  let fr: string;
  beforeAll(async () => {
    de = await inst.createAgency(["DE"]);
    fr = await inst.createAgency(["FR", "ES"]);
    // The same worker (same national id, written with other spacing) on two platforms, March 2026.
    for (const [platform, id, amount, nid] of [
      [alpha, "nid-1", "100.00", NID],
      [beta, "nid-2", "250.50", NID.replace(/ /g, "")],
    ] as const) {
      const res = await postDelivery(inst.baseUrl, {
        raw: JSON.stringify(
          payoutEvent({
            id,
            worker: `ref-${id}`,
            amount,
            nationalId: nid,
            occurredAt: "2026-03-10T10:00:00Z",
          }),
        ),
        slug: platform.slug,
        secret: platform.webhookSecret,
        timestampS: nowS(),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
  });
  const lookup = (key: string, body: unknown) =>
    fetch(
      `${inst.baseUrl}/v1/agency/workers/lookup`,
      bearer(key, { method: "POST", body: JSON.stringify(body) }),
    );

  it("returns the pseudonymous subject and per-period totals across platforms, computed by hand", async () => {
    const res = await lookup(de, { national_id: NID, country: "DE" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("345678");
    const body = JSON.parse(text) as {
      subject: string;
      totals: {
        jurisdiction: string;
        period: string;
        scheme: string;
        payer: string;
        currency: string;
        amount: string;
        entries: number;
      }[];
    };
    const [row] = await inst.database.db.all<{ subject_key: string }>(
      sql`SELECT subject_key FROM ledger_events WHERE event_id = 'nid-1'`,
    );
    expect(body.subject).toBe(row!.subject_key);
    expect(body.subject).toMatch(/^nid:[0-9a-f]{64}$/);
    const base = new Dec("100.00").plus("250.50");
    const expected = [
      ["health", "platform", "de-health-platform"],
      ["health", "worker", "de-health-worker"],
      ["pension", "platform", "de-pension-platform"],
      ["pension", "worker", "de-pension-worker"],
    ].map(([scheme, payer, code]) => ({
      jurisdiction: "DE",
      period: "2026-03",
      scheme,
      payer,
      currency: "EUR",
      amount: formatMinor(deMonthly(code!, base), "EUR"),
      entries: 2,
    }));
    expect(body.totals).toEqual(expected);
    const audits = await auditRows("worker.lookup");
    expect(audits.at(-1)).toMatchObject({
      actor: expect.stringMatching(/^agency:\d+$/),
      target: body.subject,
    });
  });

  it("refuses another jurisdiction (403), answers 404 for an unknown id, 422 for bad input, 415 for non-JSON", async () => {
    expect((await lookup(fr, { national_id: NID, country: "DE" })).status).toBe(403);
    expect((await lookup(fr, { national_id: NID, country: "FR" })).status).toBe(404);
    expect((await lookup(de, { national_id: "00 000000 X 000", country: "DE" })).status).toBe(404);
    for (const body of [
      { national_id: NID },
      { national_id: "", country: "DE" },
      { national_id: NID, country: "DE", extra: 1 },
      { national_id: NID, country: "XX" },
    ]) {
      const res = await lookup(de, body);
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const text = await fetch(`${inst.baseUrl}/v1/agency/workers/lookup`, {
      method: "POST",
      headers: { authorization: `Bearer ${de}`, "content-type": "text/plain" },
      body: "x",
    });
    expect(text.status).toBe(415);
  });

  it("agency reads write audit rows: reports and worker links", async () => {
    const before = (await auditRows("report.read")).length;
    expect(
      (
        await fetch(
          `${inst.baseUrl}/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=csv`,
          bearer(de),
        )
      ).status,
    ).toBe(200);
    const reads = await auditRows("report.read");
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({
      actor: expect.stringMatching(/^agency:\d+$/),
      target: "monthly DE 2026-03 csv",
    });
    expect(
      (
        await fetch(
          `${inst.baseUrl}/v1/workers/ref-nid-1/access-links?platform=${alpha.slug}`,
          bearer(de, { method: "POST" }),
        )
      ).status,
    ).toBe(201);
    expect((await auditRows("worker.link")).at(-1)!.target).toContain("worker ref-nid-1");
  });
});

describe("X-Request-Id", () => {
  it("is on successes, errors and 404s, and equals the problem's instance", async () => {
    const cases: [string, RequestInit, number][] = [
      ["/health", {}, 200],
      ["/v1/reports/monthly?jurisdiction=DE&period=2026-03", {}, 401],
      ["/no/such/route", {}, 404],
      ["/v1/rules?jurisdiction=ZZ", {}, 422],
      [
        "/v1/payouts?platform=acc-alpha",
        { method: "POST", headers: { "content-type": "text/plain" }, body: "x" },
        415,
      ],
      [
        "/v1/payouts?platform=acc-alpha",
        {
          method: "POST",
          headers: { "content-type": "application/json", connection: "close" },
          body: "x".repeat(1024 * 1024 + 1),
        },
        413,
      ],
    ];
    for (const [path, init, status] of cases) {
      const res = await fetch(inst.baseUrl + path, init);
      expect(res.status, path).toBe(status);
      const id = res.headers.get("x-request-id");
      expect(id, path).toMatch(/^[\w-]{8,}$/);
      if (status >= 400) expect(((await res.json()) as { instance?: string }).instance, path).toBe(id);
    }
  });
});
