/**
 * The access matrix over HTTP (real instance, real database): every route the app serves × every kind of
 * caller, with the status each must get. Callers: anonymous, platform A, platform B, agency DE, agency FR,
 * a worker link of w1, an expired link, the operator (admin). A route missing from the matrix fails the
 * test (the list is compared with the app's router).
 *
 * How each caller presents itself: keys as `Authorization: Bearer`; a link's token in the /w path (and, on
 * API routes, as a bearer, which is not a key: 401); for POST /v1/payouts a platform signs the delivery
 * for platform A's slug with its own secret (B's signature is refused). Callers without a token reach
 * /w/{token} with a malformed one (403). Ledger: platform A paid w1 (DE, national id) and w2 (DE);
 * platform B paid wb (FR), all in March 2026.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { issueAccessToken, signAccessToken } from "../src/security/access-links.js";
import { ledgerCounts, payoutEvent, postDelivery } from "./support/ledger-test-kit.js";

const CALLERS = [
  "anonymous",
  "platformA",
  "platformB",
  "agencyDE",
  "agencyFR",
  "linkW1",
  "expiredLink",
  "admin",
] as const;
type Caller = (typeof CALLERS)[number];
const NID_W1 = "DE-W1-0001";

let inst: LocalInstance;
let a: PlatformAccount;
let b: PlatformAccount;
let c: PlatformAccount;
const keys = {} as Record<Caller, string | undefined>;
let linkW1: string;
let expired: string;
let revocablePrefix: string;
let disputeId: number;
let counter = 0;

beforeAll(async () => {
  inst = await startLocalInstance();
  a = await inst.createPlatform("mx-a");
  b = await inst.createPlatform("mx-b");
  c = await inst.createPlatform("mx-c");
  const send = async (p: PlatformAccount, event: object) =>
    expect((await p.sender.send(event)).status).toBe(201);
  await send(a, payoutEvent({ id: "w1-1", worker: "w1", amount: "100.00", nationalId: NID_W1 }));
  await send(a, payoutEvent({ id: "w2-1", worker: "w2", amount: "777.00" }));
  await send(b, {
    ...payoutEvent({ id: "wb-1", worker: "wb", amount: "50.00", country: "FR" }),
    task: { type: "delivery", attributes: { activity: "bic-services" } },
  });
  Object.assign(keys, {
    anonymous: undefined,
    platformA: a.apiKey,
    platformB: b.apiKey,
    agencyDE: await inst.createAgency(["DE"]),
    agencyFR: await inst.createAgency(["FR"]),
    admin: inst.adminKey,
  });
  const link = (await (
    await fetch(`${inst.baseUrl}/v1/workers/w1/access-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${a.apiKey}` },
    })
  ).json()) as { url: string };
  linkW1 = link.url.slice(link.url.lastIndexOf("/") + 1);
  const [w1] = await inst.database.db.all<{ subject_key: string }>(
    sql`SELECT subject_key FROM ledger_events WHERE event_id = 'w1-1'`,
  );
  expired = (
    await issueAccessToken(inst.deps.linkKey, w1!.subject_key, a.id, new Date(Date.now() - 3600_000), 60)
  ).token;
  keys.linkW1 = linkW1;
  keys.expiredLink = expired;
  disputeId = Number(new URL((await fileDispute(linkW1)).headers.get("location")!).searchParams.get("filed"));
  revocablePrefix = (
    (await (
      await inst.admin("POST", "/v1/admin/agencies", { name: "revocable", jurisdictions: ["IT"] })
    ).json()) as { api_key_prefix: string }
  ).api_key_prefix;
});
afterAll(async () => {
  await inst?.close();
});

/** A request as `caller`: bearer for keys and links (links are no keys), JSON body when given. */
function call(caller: Caller, method: string, path: string, body?: unknown): Promise<Response> {
  const key = keys[caller];
  return fetch(inst.baseUrl + path, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Files a dispute on w1's payout through the form of the /w page holding `token` (no redirect followed). */
function fileDispute(token: string): Promise<Response> {
  return fetch(`${inst.baseUrl}/w/${token}/disputes`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ kind: "wrong-payout", payout: `${a.id}:w1-1`, note: "matrix" }).toString(),
  });
}

/** The /w path token a caller holds: its link, else a malformed token. */
const tokenOf = (caller: Caller) =>
  caller === "linkW1" ? linkW1 : caller === "expiredLink" ? expired : "no-token";

/** Statuses: public (all 200), admin-only, and the usual refusals of keyless and wrong-role callers. */
const everyone = (status: number) =>
  Object.fromEntries(CALLERS.map((k) => [k, status])) as Record<Caller, number>;
const keyed = (allowed: Partial<Record<Caller, number>>): Record<Caller, number> => ({
  anonymous: 401,
  linkW1: 401,
  expiredLink: 401,
  platformA: 403,
  platformB: 403,
  agencyDE: 403,
  agencyFR: 403,
  admin: 403,
  ...allowed,
});
const linkOnly = (): Record<Caller, number> => ({ ...everyone(403), linkW1: 200, expiredLink: 401 });

interface Row {
  route: string;
  send: (caller: Caller) => Promise<Response>;
  expect: Record<Caller, number>;
  html?: boolean;
}

const MATRIX: Row[] = [
  { route: "get /health", send: (k) => call(k, "GET", "/health"), expect: everyone(200) },
  { route: "get /openapi.json", send: (k) => call(k, "GET", "/openapi.json"), expect: everyone(200) },
  { route: "get /docs", send: (k) => call(k, "GET", "/docs"), expect: everyone(200) },
  {
    route: "get /docs/assets/scalar-api-reference.js",
    send: (k) => call(k, "GET", "/docs/assets/scalar-api-reference.js"),
    expect: everyone(200),
  },
  ...["report.json", "rows.csv.json", "corrections.csv.json"].map((name) => ({
    route: `get /schemas/monthly-report/v1/${name}`,
    send: (k: Caller) => call(k, "GET", `/schemas/monthly-report/v1/${name}`),
    expect: everyone(200),
  })),
  { route: "get /metrics", send: (k) => call(k, "GET", "/metrics"), expect: keyed({ admin: 200 }) },
  { route: "get /v1/rules", send: (k) => call(k, "GET", "/v1/rules?jurisdiction=DE"), expect: everyone(200) },
  { route: "get /v1/jurisdictions", send: (k) => call(k, "GET", "/v1/jurisdictions"), expect: everyone(200) },
  {
    route: "post /v1/payouts",
    send: (k) => {
      const raw = JSON.stringify(payoutEvent({ id: `mx-${counter++}`, worker: "w1", amount: "1.00" }));
      if (k === "platformA" || k === "platformB")
        return postDelivery(inst.baseUrl, {
          raw,
          slug: a.slug,
          secret: (k === "platformA" ? a : b).webhookSecret,
        });
      return fetch(`${inst.baseUrl}/v1/payouts?platform=${a.slug}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(keys[k] ? { authorization: `Bearer ${keys[k]}` } : {}),
        },
        body: raw,
      });
    },
    expect: { ...everyone(401), platformA: 201 },
  },
  {
    route: "post /v1/admin/platforms",
    send: (k) => call(k, "POST", "/v1/admin/platforms", { slug: `mx-new-${counter++}`, name: "new" }),
    expect: keyed({ admin: 201 }),
  },
  {
    route: "post /v1/admin/agencies",
    send: (k) => call(k, "POST", "/v1/admin/agencies", { name: "new", jurisdictions: ["AT"] }),
    expect: keyed({ admin: 201 }),
  },
  {
    route: "post /v1/admin/jurisdictions",
    send: (k) => call(k, "POST", "/v1/admin/jurisdictions", { code: "DE", timezone: "Europe/Berlin" }),
    expect: keyed({ admin: 409 }),
  },
  {
    route: "post /v1/admin/rules",
    send: (k) => call(k, "POST", "/v1/admin/rules", {}),
    expect: keyed({ admin: 422 }),
  },
  {
    route: "post /v1/admin/platforms/{slug}/webhook-secrets",
    send: (k) => call(k, "POST", `/v1/admin/platforms/${c.slug}/webhook-secrets`),
    expect: keyed({ admin: 201 }),
  },
  {
    route: "delete /v1/admin/api-keys/{prefix}",
    send: (k) => call(k, "DELETE", `/v1/admin/api-keys/${revocablePrefix}`),
    expect: keyed({ admin: 200 }),
  },
  {
    route: "get /v1/ledger/verify",
    send: (k) => call(k, "GET", "/v1/ledger/verify"),
    expect: keyed({ admin: 200 }),
  },
  // Suspension is the operator's; platform C is suspended and reinstated by these rows, in this order.
  {
    route: "put /v1/admin/platforms/{slug}/suspension",
    send: (k) => call(k, "PUT", `/v1/admin/platforms/${c.slug}/suspension`),
    expect: keyed({ admin: 200 }),
  },
  {
    route: "delete /v1/admin/platforms/{slug}/suspension",
    send: (k) => call(k, "DELETE", `/v1/admin/platforms/${c.slug}/suspension`),
    expect: keyed({ admin: 200 }),
  },
  {
    route: "post /v1/admin/workers/export",
    send: (k) => call(k, "POST", "/v1/admin/workers/export", { platform: a.slug, worker_id: "w1" }),
    expect: keyed({ admin: 200 }),
  },
  {
    route: "post /v1/platforms/me/webhook-secrets",
    send: (k) => call(k, "POST", "/v1/platforms/me/webhook-secrets"),
    expect: keyed({ platformA: 201, platformB: 201 }),
  },
  {
    route: "get /v1/reports/monthly",
    send: (k) => call(k, "GET", "/v1/reports/monthly?jurisdiction=DE&period=2026-03"),
    expect: keyed({ agencyDE: 200, admin: 200 }),
  },
  {
    route: "get /v1/reports/monthly",
    send: (k) => call(k, "GET", "/v1/reports/monthly?jurisdiction=FR&period=2026-03&format=csv"),
    expect: keyed({ agencyFR: 200, admin: 200 }),
  },
  {
    route: "get /v1/reports/coverage",
    send: (k) => call(k, "GET", "/v1/reports/coverage?jurisdiction=DE&period=2026-03"),
    expect: keyed({ agencyDE: 200, admin: 200 }),
  },
  {
    route: "get /v1/periods",
    send: (k) => call(k, "GET", "/v1/periods?jurisdiction=DE"),
    expect: keyed({ agencyDE: 200, admin: 200 }),
  },
  // Closing a month is the operator's; FR 2026-02 has no entries, is due, and closes once (later calls: 409).
  {
    route: "post /v1/admin/periods/close",
    send: (k) => call(k, "POST", "/v1/admin/periods/close", { jurisdiction: "FR", period: "2026-02" }),
    expect: keyed({ admin: 201 }),
  },
  {
    route: "get /v1/platforms/me/statements",
    send: (k) => call(k, "GET", "/v1/platforms/me/statements?period=2026-03"),
    expect: keyed({ platformA: 200, platformB: 200 }),
  },
  {
    route: "post /v1/platforms/me/statements/reconcile",
    send: (k) =>
      call(k, "POST", "/v1/platforms/me/statements/reconcile?period=2026-03", {
        events: [{ event_id: "w1-1", currency: "EUR", withheld: "0", owed: "0" }],
      }),
    expect: keyed({ platformA: 200, platformB: 200 }),
  },
  // A platform names another platform's worker: 403; an agency must name the platform (here A's).
  {
    route: "post /v1/workers/{id}/access-links",
    send: (k) => call(k, "POST", `/v1/workers/w1/access-links?platform=${a.slug}`),
    expect: keyed({ platformA: 201, agencyDE: 201 }),
  },
  {
    route: "post /v1/workers/{id}/access-links",
    send: (k) => call(k, "POST", "/v1/workers/w1/access-links"),
    expect: keyed({ platformA: 201, platformB: 404, agencyDE: 422, agencyFR: 422 }),
  },
  {
    route: "post /v1/agency/workers/lookup",
    send: (k) => call(k, "POST", "/v1/agency/workers/lookup", { national_id: NID_W1, country: "DE" }),
    expect: keyed({ agencyDE: 200 }),
  },
  {
    route: "post /v1/agency/workers/lookup",
    send: (k) => call(k, "POST", "/v1/agency/workers/lookup", { national_id: NID_W1, country: "FR" }),
    expect: keyed({ agencyFR: 404 }),
  },
  {
    route: "get /.well-known/contribution-ledger/keys.json",
    send: (k) => call(k, "GET", "/.well-known/contribution-ledger/keys.json"),
    expect: everyone(200),
  },
  { route: "get /verify", send: (k) => call(k, "GET", "/verify"), expect: everyone(200) },
  // A platform reads the receipts of its own events only (B has no event "w1-1": 404).
  {
    route: "get /v1/receipts/{event_id}",
    send: (k) => call(k, "GET", "/v1/receipts/w1-1"),
    expect: keyed({ platformA: 200, platformB: 404 }),
  },
  {
    route: "get /v1/reports/monthly/signature",
    send: (k) => call(k, "GET", "/v1/reports/monthly/signature?jurisdiction=FR&period=2026-02"),
    expect: keyed({ agencyFR: 200, admin: 200 }),
  },
  {
    route: "get /w/{token}",
    send: (k) => call(k, "GET", `/w/${tokenOf(k)}`),
    expect: linkOnly(),
    html: true,
  },
  {
    route: "get /w/{token}/receipts/{platform}/{event_id}",
    send: (k) => call(k, "GET", `/w/${tokenOf(k)}/receipts/${a.slug}/w1-1`),
    expect: linkOnly(),
  },
  {
    route: "get /w/{token}/record.json",
    send: (k) => call(k, "GET", `/w/${tokenOf(k)}/record.json`),
    expect: linkOnly(),
  },
  {
    route: "get /w/{token}/record.csv",
    send: (k) => call(k, "GET", `/w/${tokenOf(k)}/record.csv`),
    expect: linkOnly(),
  },
  // Disputes: filed through a link's form (303 back to the page), answered by their platform once, listed by the agency.
  {
    route: "post /w/{token}/disputes",
    send: (k) => fileDispute(tokenOf(k)),
    expect: { ...linkOnly(), linkW1: 303 },
  },
  {
    route: "get /v1/platforms/me/disputes",
    send: (k) => call(k, "GET", "/v1/platforms/me/disputes"),
    expect: keyed({ platformA: 200, platformB: 200 }),
  },
  {
    route: "post /v1/platforms/me/disputes/{id}/answers",
    send: (k) => call(k, "POST", `/v1/platforms/me/disputes/${disputeId}/answers`, { explanation: "matrix" }),
    expect: keyed({ platformA: 201, platformB: 404 }),
  },
  {
    route: "get /v1/agency/disputes",
    send: (k) => call(k, "GET", "/v1/agency/disputes?status=all"),
    expect: keyed({ agencyDE: 200, agencyFR: 200 }),
  },
  {
    route: "get /v1/agency/disputes",
    send: (k) => call(k, "GET", "/v1/agency/disputes?jurisdiction=DE"),
    expect: keyed({ agencyDE: 200, agencyFR: 403 }),
  },
  {
    route: "get /v1/reports/platform-work",
    send: (k) => call(k, "GET", "/v1/reports/platform-work?jurisdiction=DE&period=2026-H1"),
    expect: keyed({ agencyDE: 200, admin: 200 }),
  },
  {
    route: "get /v1/reports/platform-work",
    send: (k) => call(k, "GET", "/v1/reports/platform-work?jurisdiction=FR&period=2026&format=csv"),
    expect: keyed({ agencyFR: 200, admin: 200 }),
  },
  {
    route: "get /v1/reports/reversals",
    send: (k) => call(k, "GET", "/v1/reports/reversals?jurisdiction=DE&period=2026-03"),
    expect: keyed({ agencyDE: 200, admin: 200 }),
  },
];

describe("the access matrix", () => {
  it("covers every route the app serves", () => {
    const served = new Set(
      inst.app.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")}`),
    );
    expect(new Set(MATRIX.map((r) => r.route))).toEqual(served);
  });

  for (const [index, row] of MATRIX.entries()) {
    it(`${row.route} #${index}`, async () => {
      const got: Partial<Record<Caller, number>> = {};
      for (const caller of CALLERS) {
        const res = await row.send(caller);
        got[caller] = res.status;
        if (res.status === 401 || res.status === 403) {
          const type = res.headers.get("content-type") ?? "";
          if (row.html) expect(type).toContain("text/html");
          else expect(type, `${caller}`).toContain("application/problem+json");
        }
        await res.arrayBuffer();
      }
      expect(got).toEqual(row.expect);
    });
  }
});

describe("isolation beyond the matrix", () => {
  it("a worker link reads only its worker: w1's record has none of w2's payout, and a re-signed claim for w2 is refused", async () => {
    const record = await (await fetch(`${inst.baseUrl}/w/${linkW1}/record.json`)).text();
    expect(record).toContain("100.00");
    expect(record).not.toContain("777.00");
    // Swap the subject inside the token but keep its signature: the signature no longer matches.
    const [w2] = await inst.database.db.all<{ subject_key: string }>(
      sql`SELECT subject_key FROM ledger_events WHERE event_id = 'w2-1'`,
    );
    const [, signature] = linkW1.split(".");
    const forged = `${(await signAccessToken(inst.deps.linkKey, { purpose: "worker-record", sub: w2!.subject_key, platform: a.id, exp: 4_000_000_000, iat: 0 })).split(".")[0]}.${signature}`;
    expect((await fetch(`${inst.baseUrl}/w/${forged}/record.json`)).status).toBe(403);
  });

  it("a replayed delivery records nothing more; a stale replay is refused", async () => {
    const raw = JSON.stringify(payoutEvent({ id: "replay-1", worker: "w1", amount: "3.00" }));
    const timestampS = Math.floor(Date.now() / 1000);
    const delivery = { raw, slug: a.slug, secret: a.webhookSecret, timestampS, webhookId: "msg_replay" };
    expect((await postDelivery(inst.baseUrl, delivery)).status).toBe(201);
    const before = await ledgerCounts(inst);
    const replay = await postDelivery(inst.baseUrl, delivery);
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { status: string }).status).toBe("duplicate");
    expect(await ledgerCounts(inst)).toEqual(before);
    expect((await postDelivery(inst.baseUrl, { ...delivery, timestampS: timestampS - 301 })).status).toBe(
      401,
    );
  });

  it("an agency cannot read another jurisdiction's report nor look up a worker there", async () => {
    expect(
      (await call("agencyFR", "GET", "/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=csv")).status,
    ).toBe(403);
    const res = await call("agencyFR", "POST", "/v1/agency/workers/lookup", {
      national_id: NID_W1,
      country: "DE",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain(NID_W1);
  });
});

describe("identity across platforms", () => {
  const recordOf = async (token: string) => (await fetch(`${inst.baseUrl}/w/${token}/record.json`)).text();
  const tokenOfLink = async (res: Response) => {
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    return url.slice(url.lastIndexOf("/") + 1);
  };

  it("a platform that sends another platform's worker's national id sees only its own payouts through its link", async () => {
    expect(
      (
        await b.sender.send(
          payoutEvent({ id: "nid-probe-1", worker: "wb-probe", amount: "0.01", nationalId: NID_W1 }),
        )
      ).status,
    ).toBe(201);
    const probe = await recordOf(
      await tokenOfLink(await call("platformB", "POST", "/v1/workers/wb-probe/access-links")),
    );
    expect(probe).toContain("0.01");
    expect(probe).not.toContain("100.00");
    expect(probe).not.toContain(a.slug);
  });

  it("the agency's link is the cross-platform view of the person", async () => {
    const full = await recordOf(
      await tokenOfLink(await call("agencyDE", "POST", `/v1/workers/w1/access-links?platform=${a.slug}`)),
    );
    expect(full).toContain("100.00");
    expect(full).toContain(b.slug);
  });

  it("a national id that conflicts with the one first reported for the same worker id is refused (422), and nothing is recorded", async () => {
    const before = await ledgerCounts(inst);
    const res = await a.sender.send(
      payoutEvent({ id: "nid-conflict-1", worker: "w1", amount: "5.00", nationalId: "DE-OTHER-0002" }),
    );
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { type: string; instance?: string; errors: { path: string }[] };
    expect(problem.type).toMatch(/identity-conflict$/);
    expect(problem.errors.map((e) => e.path)).toEqual(["worker.national_id"]);
    expect(problem.instance).toBe(res.headers.get("x-request-id"));
    expect(await ledgerCounts(inst)).toEqual(before);
    // Within one batch too: the second event of a new worker id names another person.
    const batch = await a.sender.send({
      events: [
        payoutEvent({ id: "nid-new-1", worker: "w-new", amount: "1.00", nationalId: "DE-NEW-0001" }),
        payoutEvent({ id: "nid-new-2", worker: "w-new", amount: "1.00", nationalId: "DE-NEW-0002" }),
      ],
    });
    const { results } = (await batch.json()) as { results: { status: string }[] };
    expect(results.map((r) => r.status)).toEqual(["recorded", "rejected"]);
  });
});

describe("operator export of one worker identity", () => {
  it("holds every platform's events and entries of the person, names no national id, and is audited", async () => {
    const res = await call("admin", "POST", "/v1/admin/workers/export", {
      national_id: NID_W1,
      country: "DE",
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(NID_W1);
    const body = JSON.parse(text) as {
      subjects: string[];
      events: { platformId: number; eventId: string }[];
      entries: unknown[];
      audit: { action: string }[];
    };
    expect(body.subjects).toHaveLength(1);
    expect(new Set(body.events.map((e) => e.platformId))).toEqual(new Set([a.id, b.id]));
    expect(body.entries.length).toBeGreaterThan(0);
    expect(body.audit.map((r) => r.action)).toContain("worker.export");
    expect((await call("admin", "POST", "/v1/admin/workers/export", { subject: "p999:nobody" })).status).toBe(
      404,
    );
  });
});

describe("suspension", () => {
  const statements = () => call("platformB", "GET", "/v1/platforms/me/statements?period=2026-03");
  const deliver = (id: string) => b.sender.send(payoutEvent({ id, worker: "wb-de", amount: "1.00" }));

  it("a suspended platform's signed webhooks and reads get 403 until it is reinstated, each step audited", async () => {
    expect((await inst.admin("PUT", `/v1/admin/platforms/${b.slug}/suspension`)).status).toBe(200);
    const refused = await deliver("susp-1");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect((await statements()).status).toBe(403);
    expect((await call("platformB", "POST", "/v1/workers/wb/access-links")).status).toBe(403);
    // A bad signature is still a 401: suspension is only told to the platform itself.
    expect(
      (await postDelivery(inst.baseUrl, { raw: "{}", slug: b.slug, secret: a.webhookSecret })).status,
    ).toBe(401);
    expect((await inst.admin("DELETE", `/v1/admin/platforms/${b.slug}/suspension`)).status).toBe(200);
    expect((await deliver("susp-1")).status).toBe(201);
    expect((await statements()).status).toBe(200);
    const audit = await inst.database.db.all<{ action: string; target: string }>(
      sql`SELECT action, target FROM audit_log WHERE action LIKE 'platform.%' AND target = ${b.slug} ORDER BY id`,
    );
    expect(audit.map((r) => r.action)).toEqual(["platform.suspend", "platform.reinstate"]);
  });

  it("answers 404 for an unknown platform", async () => {
    expect((await inst.admin("PUT", "/v1/admin/platforms/no-such/suspension")).status).toBe(404);
  });
});
