/**
 * The account services (src/accounts/) against a real instance (startLocalInstance, a temporary libSQL
 * file): each mutation checks the caller's scope before anything is written; its audit row is written in
 * the same batch as the change, so a change the database refuses leaves no audit row; a constraint error
 * that is not the slug's unique index is not reported as a 409; and the one jurisdiction scope check
 * (src/accounts/scope.ts) refuses another jurisdiction for each resource that reads or links by it.
 *
 * The refusals are made by the database itself: a test trigger that aborts the write (RAISE(ABORT), an
 * SQLITE_CONSTRAINT_TRIGGER error, the kind of constraint failure a bug produces), not a mock.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../../scripts/lib/local-instance.js";
import { registerAgency } from "../../src/accounts/agencies.js";
import { revokeApiKey } from "../../src/accounts/api-keys.js";
import { registerPlatform, rotateWebhookSecret, setSuspension } from "../../src/accounts/platforms.js";
import type { Principal } from "../../src/accounts/principal.js";
import { addJurisdiction, publishRules } from "../../src/accounts/rule-publishing.js";
import { ForbiddenError } from "../../src/domain/errors.js";
import { PROBLEM_BASE } from "../../src/http/problem.js";
import { ruleInputSchema } from "../../src/schemas/rule.js";
import { payoutEvent } from "../support/ledger-test-kit.js";

let inst: LocalInstance;
let de: PlatformAccount;
let fr: PlatformAccount;
let agencyDE: string;

beforeAll(async () => {
  inst = await startLocalInstance();
  de = await inst.createPlatform("acct-de");
  fr = await inst.createPlatform("acct-fr");
  agencyDE = await inst.createAgency(["DE"]);
  expect((await de.sender.send(payoutEvent({ id: "de-1", worker: "w-de", amount: "100.00" }))).status).toBe(
    201,
  );
  const frEvent = {
    ...payoutEvent({ id: "fr-1", worker: "w-fr", amount: "80.00", country: "FR" }),
    task: { type: "delivery", attributes: { activity: "bic-services" } },
  };
  expect((await fr.sender.send(frEvent)).status).toBe(201);
});
afterAll(async () => {
  await inst?.close();
});

const db = () => inst.database.db;
const auditCount = async () =>
  (await db().all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`))[0]?.n ?? -1;
const auditTargets = async (action: string) =>
  (await db().all<{ target: string }>(sql`SELECT target FROM audit_log WHERE action = ${action}`)).map(
    (r) => r.target,
  );
const asAgency = (key: string, method: string, path: string, body?: unknown) =>
  fetch(inst.baseUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe("each account mutation checks the caller's scope first", () => {
  const platformCaller: Principal = {
    role: "platform",
    actor: "platform:acct-de",
    platformId: 1,
    slug: "acct-de",
  };
  const agencyCaller: Principal = { role: "agency", actor: "agency:1", agencyId: 1, jurisdictions: ["DE"] };
  const rule = () =>
    ruleInputSchema.parse({
      code: "zz-scope-test",
      jurisdiction: "DE",
      scheme: "pension",
      payer: "worker",
      brackets: [{ threshold: "0", rate: "0.01" }],
      period: "month",
      currency: "EUR",
      effective_from: "2030-01-01",
      status: "enacted",
      source: { title: "test", url: "https://example.org/law", retrieved: "2026-11-30" },
    });
  const mutations: [string, (caller: Principal) => Promise<unknown>][] = [
    ["registerPlatform", (c) => registerPlatform(inst.deps, c, { slug: "never-made", name: "x" })],
    ["registerAgency", (c) => registerAgency(inst.deps, c, { name: "never", jurisdictions: ["DE"] })],
    ["addJurisdiction", (c) => addJurisdiction(inst.deps, c, { code: "ZZ", timezone: "UTC" })],
    ["publishRules", (c) => publishRules(inst.deps, c, [rule()])],
    ["rotateWebhookSecret", (c) => rotateWebhookSecret(inst.deps, c, { slug: "acct-fr" }, 60)],
    ["revokeApiKey", (c) => revokeApiKey(inst.deps, c, fr.apiKey.slice(0, "clk_platform_".length + 8))],
    ["setSuspension", (c) => setSuspension(inst.deps, c, "acct-fr", true)],
  ];
  for (const [name, run] of mutations) {
    it(`${name} refuses a platform and an agency caller and writes nothing`, async () => {
      const before = await auditCount();
      await expect(run(platformCaller)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(run(agencyCaller)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await auditCount()).toBe(before);
    });
  }
  it("rotating one's own secret needs a platform caller", async () => {
    await expect(rotateWebhookSecret(inst.deps, agencyCaller, "self", 60)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
  it("the refused callers changed no account", async () => {
    const [platforms] = await db().all<{ n: number }>(
      sql`SELECT count(*) AS n FROM platforms WHERE slug = 'never-made' OR suspended_at IS NOT NULL OR api_key_revoked_at IS NOT NULL OR previous_webhook_secret_ciphertext IS NOT NULL`,
    );
    const [agencies] = await db().all<{ n: number }>(
      sql`SELECT count(*) AS n FROM agencies WHERE name = 'never'`,
    );
    const [rules] = await db().all<{ n: number }>(
      sql`SELECT count(*) AS n FROM contribution_rules WHERE code = 'zz-scope-test'`,
    );
    expect([platforms?.n, agencies?.n, rules?.n]).toEqual([0, 0, 0]);
  });
});

describe("the audit row is written in the same batch as the change", () => {
  it("a registration the database refuses leaves no platform and no audit row, and is no 409", async () => {
    await db().run(
      sql.raw(
        "CREATE TRIGGER test_refuse_platform BEFORE INSERT ON platforms WHEN NEW.slug = 'refused' BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END",
      ),
    );
    try {
      const before = await auditCount();
      const res = await inst.admin("POST", "/v1/admin/platforms", { slug: "refused", name: "Refused" });
      expect(res.status).toBe(500);
      expect(((await res.json()) as { type: string }).type).not.toBe(`${PROBLEM_BASE}conflict`);
      expect(await auditCount()).toBe(before);
      expect(await db().all(sql`SELECT id FROM platforms WHERE slug = 'refused'`)).toEqual([]);
    } finally {
      await db().run(sql.raw("DROP TRIGGER test_refuse_platform"));
    }
    // The slug's own unique index is still the 409 it always was.
    const dup = await inst.admin("POST", "/v1/admin/platforms", { slug: "acct-de", name: "again" });
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { type: string }).type).toBe(`${PROBLEM_BASE}conflict`);
  });

  it("a rotation or suspension the database refuses keeps the secret, the state and the audit trail as they were", async () => {
    await db().run(
      sql.raw(
        "CREATE TRIGGER test_refuse_update BEFORE UPDATE ON platforms WHEN OLD.slug = 'acct-fr' BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END",
      ),
    );
    try {
      const before = await auditCount();
      const [row] = await db().all<{ secret: string }>(
        sql`SELECT webhook_secret_ciphertext AS secret FROM platforms WHERE slug = 'acct-fr'`,
      );
      const rotate = await inst.admin("POST", "/v1/admin/platforms/acct-fr/webhook-secrets");
      const suspend = await inst.admin("PUT", "/v1/admin/platforms/acct-fr/suspension");
      expect([rotate.status, suspend.status]).toEqual([500, 500]);
      expect(await auditCount()).toBe(before);
      expect(
        await db().all(
          sql`SELECT webhook_secret_ciphertext AS secret FROM platforms WHERE slug = 'acct-fr' AND suspended_at IS NULL`,
        ),
      ).toEqual([row]);
    } finally {
      await db().run(sql.raw("DROP TRIGGER test_refuse_update"));
    }
    // Without the trigger the same rotation is made, with its one audit row.
    expect((await inst.admin("POST", "/v1/admin/platforms/acct-fr/webhook-secrets")).status).toBe(201);
    expect(
      (await auditTargets("platform.webhook-secret.rotate")).filter((t) => t.startsWith("acct-fr")),
    ).toHaveLength(1);
  });

  it("rules the database refuses are not published and not audited", async () => {
    await db().run(
      sql.raw(
        "CREATE TRIGGER test_refuse_rule BEFORE INSERT ON contribution_rules WHEN NEW.code = 'zz-refused' BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END",
      ),
    );
    try {
      const before = await auditCount();
      const res = await inst.admin("POST", "/v1/admin/rules", {
        code: "zz-refused",
        jurisdiction: "DE",
        scheme: "pension",
        payer: "worker",
        brackets: [{ threshold: "0", rate: "0.01" }],
        period: "month",
        currency: "EUR",
        effective_from: "2031-01-01",
        status: "enacted",
        source: { title: "test", url: "https://example.org/law", retrieved: "2026-11-30" },
      });
      expect(res.status).toBe(500);
      expect(await auditCount()).toBe(before);
    } finally {
      await db().run(sql.raw("DROP TRIGGER test_refuse_rule"));
    }
  });
});

describe("one jurisdiction scope check refuses another jurisdiction for each resource", () => {
  const refusals: [string, () => Promise<Response>, string][] = [
    [
      "the monthly report",
      () => asAgency(agencyDE, "GET", "/v1/reports/monthly?jurisdiction=FR&period=2026-03"),
      "this agency key may read reports for DE only, not FR",
    ],
    [
      "the period closes",
      () => asAgency(agencyDE, "GET", "/v1/periods?jurisdiction=FR"),
      "this agency key may read DE only, not FR",
    ],
    [
      "the lookup by national id",
      () => asAgency(agencyDE, "POST", "/v1/agency/workers/lookup", { national_id: "FR-123", country: "FR" }),
      "this agency key may look up workers of DE only, not FR",
    ],
    [
      "a worker link",
      () => asAgency(agencyDE, "POST", "/v1/workers/w-fr/access-links?platform=acct-fr"),
      'worker "w-fr" has no payout in this agency\'s jurisdictions',
    ],
    [
      "the disputes",
      () => asAgency(agencyDE, "GET", "/v1/agency/disputes?jurisdiction=FR"),
      "this agency key may read disputes of DE only, not FR",
    ],
  ];
  for (const [resource, send, detail] of refusals) {
    it(`${resource}: 403 forbidden, nothing audited`, async () => {
      const before = await auditCount();
      const res = await send();
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ type: `${PROBLEM_BASE}forbidden`, status: 403, detail });
      expect(await auditCount()).toBe(before);
    });
  }
  it("the same agency reaches its own jurisdiction", async () => {
    expect((await asAgency(agencyDE, "GET", "/v1/periods?jurisdiction=DE")).status).toBe(200);
    expect((await asAgency(agencyDE, "POST", "/v1/workers/w-de/access-links?platform=acct-de")).status).toBe(
      201,
    );
  });
});
