/**
 * Worker access links and the worker's page, over HTTP against a real instance (startLocalInstance).
 *
 * Ledger of the tests: worker A (a German national id, country DE) is paid in EUR by two platforms,
 * alpha (ref "alpha-17") and beta (ref "beta-9"); worker B by alpha only (ref "alpha-42").
 * Expected contributions are computed here with Dec from the DE 2026 rates of rules/de.json
 * (pension 9.3 % each payer, health 8.75 % each payer, monthly, ceilings 8,450 / 5,812.50 EUR far away):
 * a monthly rule's contributions for a month add up to round_half_up(rate × the month's base), whatever
 * the order of arrival (docs/design.md §4.1), so the month's base is all the test needs.
 */
import { parse } from "csv-parse/sync";
import { encodeBase64Url, decodeBase64Url } from "hono/utils/encode";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedRules } from "../src/db/seed/rule-files.js";
import { Dec, roundToMinor, formatMinor } from "../src/domain/money.js";
import { RECORD_CSV_COLUMNS } from "../src/worker-record/worker-record.js";
import { importHmacKey, randomBytes } from "../src/security/digest.js";
import { issueAccessToken, signAccessToken, verifyAccessToken } from "../src/security/access-links.js";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import type { Money } from "../src/schemas/payout-result.js";
import type { WorkerRecordAnswer } from "../src/schemas/worker-record.js";

const NID_A = "12 345678 A 123";
const NID_B = "98 765432 B 987";

const workerA = (id: string) => ({ id, country: "DE", national_id: NID_A });
const payout = (id: string, worker: object, amount: string, occurred_at: string) => ({
  id,
  type: "payout",
  occurred_at,
  worker,
  amount,
  currency: "EUR",
});

/** The seeded DE rate in force in 2026 for a rule code: its first bracket (the flat rate below the ceiling). */
function de2026Rate(code: string): Dec {
  const rule = seedRules.find((r) => r.code === code && r.effective_from === "2026-01-01");
  if (!rule) throw new Error(`no 2026 version of ${code}`);
  return new Dec(rule.brackets[0]!.rate);
}

/** round_half_up(rate × base) in EUR cents: one month's contribution of one monthly rule. */
const monthly = (code: string, base: Dec) => roundToMinor(base.times(de2026Rate(code)), "EUR", "half_up");

// Bases by hand: March = 100.00 + 250.50 + 0.05 + 20.00 (beta) − 50.00 (reversal of the 250.50 payout,
// counted in its payout's month) = 320.55 EUR; April = 80.00 EUR (paid at 2026-03-31T22:30Z, which is
// 2026-04-01 00:30 in Europe/Berlin).
const MARCH_BASE = new Dec("100.00").plus("250.50").plus("0.05").plus("20.00").minus("50.00");
const APRIL_BASE = new Dec("80.00");
const SCHEMES = {
  pension: ["de-pension-worker", "de-pension-platform"],
  health: ["de-health-worker", "de-health-platform"],
} as const;

/** Expected cents: per month and payer (worker rules and platform rules have the same rates in DE). */
const expected = (() => {
  const march = {
    worker: monthly("de-pension-worker", MARCH_BASE) + monthly("de-health-worker", MARCH_BASE),
    platform: monthly("de-pension-platform", MARCH_BASE) + monthly("de-health-platform", MARCH_BASE),
  };
  const april = {
    worker: monthly("de-pension-worker", APRIL_BASE) + monthly("de-health-worker", APRIL_BASE),
    platform: monthly("de-pension-platform", APRIL_BASE) + monthly("de-health-platform", APRIL_BASE),
  };
  const scheme = (code: string) => monthly(code, MARCH_BASE) + monthly(code, APRIL_BASE);
  return {
    march,
    april,
    worker: march.worker + april.worker,
    platform: march.platform + april.platform,
    pensionWorker: scheme(SCHEMES.pension[0]),
    healthWorker: scheme(SCHEMES.health[0]),
  };
})();
/** How the English page shows an amount: the exact decimal in <data value>, the Intl "en" currency format as text. */
const eur = (minor: number) =>
  `value="${formatMinor(minor, "EUR")}" data-currency="EUR">${new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(formatMinor(minor, "EUR") as Intl.StringNumericLiteral)}</data>`;

let inst: LocalInstance;
let alpha: PlatformAccount;
let beta: PlatformAccount;
let clockOffsetMs = 0;

async function send(platform: PlatformAccount, body: object): Promise<void> {
  const res = await platform.sender.send(body);
  expect(res.status, await res.clone().text()).toBe(201);
}

function createLink(
  key: string | undefined,
  workerRef: string,
  init: { query?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(
    `${inst.baseUrl}/v1/workers/${encodeURIComponent(workerRef)}/access-links${init.query ?? ""}`,
    {
      method: "POST",
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    },
  );
}

async function linkOf(
  key: string,
  workerRef: string,
  init: { query?: string; body?: unknown } = {},
): Promise<{ url: string; expires_at: string; token: string }> {
  const res = await createLink(key, workerRef, init);
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as { url: string; expires_at: string };
  return { ...body, token: body.url.slice(body.url.lastIndexOf("/") + 1) };
}

const cents = (list: readonly Money[]) =>
  list.reduce((sum, m) => sum.plus(new Dec(m.amount).times(100)), new Dec(0)).toNumber();

beforeAll(async () => {
  inst = await startLocalInstance({ now: () => new Date(Date.now() + clockOffsetMs) });
  alpha = await inst.createPlatform("alpha");
  beta = await inst.createPlatform("beta");
  await send(alpha, payout("a1", workerA("alpha-17"), "100.00", "2026-03-03T09:00:00+01:00"));
  await send(alpha, payout("a2", workerA("alpha-17"), "250.50", "2026-03-10T10:00:00+01:00"));
  await send(alpha, payout("a3", workerA("alpha-17"), "0.05", "2026-03-20T10:00:00+01:00"));
  await send(beta, payout("b1", workerA("beta-9"), "20.00", "2026-03-15T12:00:00+01:00"));
  await send(alpha, {
    ...payout("a4", workerA("alpha-17"), "50.00", "2026-04-05T10:00:00+02:00"),
    type: "reversal",
    reverses: "a2",
  });
  await send(alpha, payout("a5", workerA("alpha-17"), "80.00", "2026-03-31T22:30:00Z"));
  await send(
    alpha,
    payout(
      "x1",
      { id: "alpha-42", country: "DE", national_id: NID_B },
      "500.00",
      "2026-03-12T10:00:00+01:00",
    ),
  );
});

afterAll(async () => {
  await inst?.close();
});

describe("POST /v1/workers/{id}/access-links", () => {
  it("gives a platform a 7-day link on this server by default", async () => {
    const before = Math.floor(Date.now() / 1000);
    const link = await linkOf(alpha.apiKey, "alpha-17");
    const after = Math.floor(Date.now() / 1000);
    expect(link.url.startsWith(`${inst.baseUrl}/w/`)).toBe(true);
    const exp = Date.parse(link.expires_at) / 1000;
    expect(exp).toBeGreaterThanOrEqual(before + 7 * 86_400);
    expect(exp).toBeLessThanOrEqual(after + 7 * 86_400);
  });

  it("takes ttl_s and refuses one out of 60..2,592,000 or an unknown field", async () => {
    const before = Math.floor(Date.now() / 1000);
    const link = await linkOf(alpha.apiKey, "alpha-17", { body: { ttl_s: 3600 } });
    expect(Date.parse(link.expires_at) / 1000 - before).toBeGreaterThanOrEqual(3600);
    expect(Date.parse(link.expires_at) / 1000 - before).toBeLessThanOrEqual(3601);
    for (const body of [
      { ttl_s: 59 },
      { ttl_s: 30 * 86_400 + 1 },
      { ttl_s: "3600" },
      { ttl_s: 3600, color: "red" },
    ]) {
      const res = await createLink(alpha.apiKey, "alpha-17", { body });
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("answers 404 to a platform asking for another platform's worker", async () => {
    const res = await createLink(beta.apiKey, "alpha-42");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("refuses anonymous callers (401) and the operator's key (403)", async () => {
    expect((await createLink(undefined, "alpha-17")).status).toBe(401);
    expect((await createLink(inst.adminKey, "alpha-17")).status).toBe(403);
  });

  it("lets an agency link a worker of its jurisdiction, naming the platform", async () => {
    const de = await inst.createAgency(["DE"]);
    const fr = await inst.createAgency(["FR"]);
    await linkOf(de, "alpha-17", { query: "?platform=alpha" });
    await linkOf(de, "beta-9", { body: { platform: "beta" } });
    expect((await createLink(fr, "alpha-17", { query: "?platform=alpha" })).status).toBe(403);
    expect((await createLink(de, "alpha-17")).status).toBe(422);
    expect((await createLink(de, "alpha-17", { query: "?platform=gamma" })).status).toBe(404);
    expect((await createLink(de, "alpha-17", { query: "?platform=beta" })).status).toBe(404);
  });
});

describe("the worker's page and exports", () => {
  let token: string;
  let record: WorkerRecordAnswer;
  beforeAll(async () => {
    // The cross-platform view of worker A: a link the agency issues (a platform's shows only its own payouts).
    token = (await linkOf(await inst.createAgency(["DE"]), "alpha-17", { query: "?platform=alpha" })).token;
    const res = await fetch(`${inst.baseUrl}/w/${token}/record.json`);
    expect(res.status).toBe(200);
    record = (await res.json()) as WorkerRecordAnswer;
  });

  it("renders the record as HTML: months, schemes, hand-computed totals, legal sources", async () => {
    const res = await fetch(`${inst.baseUrl}/w/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await res.text();
    expect(page.startsWith("<!doctype html>")).toBe(true);
    for (const text of [
      "2026-03",
      "2026-04",
      "March 2026",
      "April 2026",
      "pension",
      "health",
      "withheld from you",
      "paid by the platform",
      "alpha",
      "beta",
    ])
      expect(page).toContain(text);
    // Totals to date per scheme (worker share), per month and overall, computed above with Dec.
    expect(page).toContain(eur(expected.pensionWorker));
    expect(page).toContain(eur(expected.healthWorker));
    expect(page).toContain(eur(expected.march.worker));
    expect(page).toContain(eur(expected.april.worker));
    expect(page).toContain(eur(expected.worker));
    // The 2026 DE rule versions' legal sources (seed data), linked.
    const urls = new Set(
      seedRules
        .filter((r) => r.jurisdiction === "DE" && r.effective_from === "2026-01-01")
        .map((r) => r.source.url),
    );
    for (const url of urls) expect(page).toContain(`href="${url}"`);
    // Nothing of worker B (500.00 EUR from alpha).
    expect(page).not.toContain("500.00");
  });

  it("JSON twin: hand-computed totals, each equal to the sum of its rows", () => {
    expect(record.months.map((m) => m.month)).toEqual(["2026-03", "2026-04"]);
    expect(record.platforms.map((p) => p.slug)).toEqual(["alpha", "beta"]);
    expect(cents(record.totals.withheld_from_you)).toBe(expected.worker);
    expect(cents(record.totals.paid_by_platform)).toBe(expected.platform);
    const rows = record.months.flatMap((m) => m.platforms.flatMap((p) => p.contributions));
    expect(cents(rows.filter((r) => r.payer === "worker"))).toBe(cents(record.totals.withheld_from_you));
    expect(cents(rows.filter((r) => r.payer === "platform"))).toBe(cents(record.totals.paid_by_platform));
    for (const t of record.totals.by_scheme)
      expect(cents(rows.filter((r) => r.scheme === t.scheme && r.payer === t.payer))).toBe(cents([t]));
    const [march, april] = record.months as [
      WorkerRecordAnswer["months"][number],
      WorkerRecordAnswer["months"][number],
    ];
    expect(cents(march.withheld_from_you)).toBe(expected.march.worker);
    expect(cents(april.paid_by_platform)).toBe(expected.april.platform);
    for (const m of record.months)
      expect(cents(m.platforms.flatMap((p) => p.contributions).filter((r) => r.payer === "worker"))).toBe(
        cents(m.withheld_from_you),
      );
    // Payouts: a1 + a2 + a3 + a5 on alpha, b1 on beta; the reversal a4 on its payout's month.
    expect(record.totals.payouts).toEqual([{ amount: "450.55", currency: "EUR", count: 5 }]);
    expect(record.totals.reversals).toEqual([{ amount: "50.00", currency: "EUR", count: 1 }]);
    expect(march.platforms.map((p) => [p.platform, p.payouts])).toEqual([
      ["alpha", [{ amount: "350.55", currency: "EUR", count: 3 }]],
      ["beta", [{ amount: "20.00", currency: "EUR", count: 1 }]],
    ]);
    expect(record.rules.map((r) => r.code).sort()).toEqual([...SCHEMES.health, ...SCHEMES.pension].sort());
  });

  it("CSV export: RFC 4180 with header, every event and entry; entry amounts sum to the JSON totals", async () => {
    const res = await fetch(`${inst.baseUrl}/w/${token}/record.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    expect(text.split("\r\n")[0]).toBe(RECORD_CSV_COLUMNS.join(","));
    const rows = parse(text, { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
    const events = rows.filter((r) => r.record === "event");
    const entries = rows.filter((r) => r.record === "entry");
    expect(events.map((e) => `${e.platform}:${e.event_id}`)).toEqual([
      "alpha:a1",
      "alpha:a2",
      "alpha:a3",
      "beta:b1",
      "alpha:a4",
      "alpha:a5",
    ]);
    expect(events.find((e) => e.event_id === "a4")).toMatchObject({
      type: "reversal",
      reverses: "a2",
      amount: "-50.00",
      month: "2026-03",
      local_date: "2026-04-05",
    });
    expect(events.find((e) => e.event_id === "a5")).toMatchObject({
      local_date: "2026-04-01",
      month: "2026-04",
    });
    // 5 payouts and 1 reversal, each under the 4 DE rules.
    expect(entries).toHaveLength(6 * 4);
    const sum = (payer: string) =>
      entries
        .filter((e) => e.payer === payer)
        .reduce((s, e) => s.plus(new Dec(e.amount!).times(100)), new Dec(0))
        .toNumber();
    expect(sum("worker")).toBe(cents(record.totals.withheld_from_you));
    expect(sum("platform")).toBe(cents(record.totals.paid_by_platform));
    expect(
      entries.every((e) => e.rule !== "" && e.period !== "" && e.rule_source_url!.startsWith("https://")),
    ).toBe(true);
  });

  it("through a platform's own link shows only what that platform reported, though the national id is shared", async () => {
    const ofBeta = (await (
      await fetch(`${inst.baseUrl}/w/${(await linkOf(beta.apiKey, "beta-9")).token}/record.json`)
    ).json()) as WorkerRecordAnswer;
    expect(ofBeta.platforms.map((p) => p.slug)).toEqual(["beta"]);
    expect(ofBeta.totals.payouts).toEqual([{ amount: "20.00", currency: "EUR", count: 1 }]);
    const ofAlpha = (
      await (
        await fetch(`${inst.baseUrl}/w/${(await linkOf(alpha.apiKey, "alpha-17")).token}/record.csv`)
      ).text()
    ).split("\r\n");
    expect(ofAlpha.some((line) => line.includes(",beta,"))).toBe(false);
    expect(ofAlpha.some((line) => line.includes(",alpha,"))).toBe(true);
  });
});

describe("refused links", () => {
  const bodyOf = (token: string) =>
    JSON.parse(new TextDecoder().decode(decodeBase64Url(token.split(".")[0]!))) as Record<string, unknown>;
  const encodePayload = (payload: object) =>
    encodeBase64Url(new TextEncoder().encode(JSON.stringify(payload)).buffer).replace(/=+$/, "");

  async function expectRefused(token: string, status: 401 | 403, pageText: string): Promise<void> {
    const page = await fetch(`${inst.baseUrl}/w/${token}`);
    expect(page.status).toBe(status);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await page.text();
    expect(html).toContain(pageText);
    expect(html).not.toMatch(/\bat .*\.(ts|js):\d+/);
    for (const path of ["record.json", "record.csv"]) {
      const res = await fetch(`${inst.baseUrl}/w/${token}/${path}`);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(((await res.json()) as { status: number }).status).toBe(status);
    }
  }

  it("a link of worker A cannot be turned into one for worker B (403)", async () => {
    const tokenA = (await linkOf(alpha.apiKey, "alpha-17")).token;
    const [subjectB] = await inst.database.db.all<{ subject_key: string }>(
      sql`SELECT subject_key FROM ledger_events WHERE worker_ref = 'alpha-42'`,
    );
    const tampered = `${encodePayload({ ...bodyOf(tokenA), sub: subjectB!.subject_key })}.${tokenA.split(".")[1]}`;
    await expectRefused(tampered, 403, "This link is not valid");
    // Nor signed with a key of one's own.
    const foreign = await signAccessToken(await importHmacKey(randomBytes(32)), {
      ...bodyOf(tokenA),
      sub: subjectB!.subject_key,
    });
    await expectRefused(foreign, 403, "This link is not valid");
  });

  it("refuses a token made for another purpose and a string that is no token (403)", async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      await signAccessToken(inst.deps.linkKey, {
        purpose: "agency-report",
        sub: "p1:alpha-17",
        platform: 1,
        iat: now,
        exp: now + 600,
      }),
      403,
      "made for something else",
    );
    await expectRefused("not-a-token", 403, "This link is not valid");
  });

  it("expires: a 60-second link is refused with 401 once the clock passes it", async () => {
    const { token } = await linkOf(alpha.apiKey, "alpha-17", { body: { ttl_s: 60 } });
    expect((await fetch(`${inst.baseUrl}/w/${token}`)).status).toBe(200);
    clockOffsetMs = 60_000;
    try {
      await expectRefused(token, 401, "This link has expired");
    } finally {
      clockOffsetMs = 0;
    }
  });
});

describe("verifyAccessToken (module)", () => {
  const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const t0 = new Date("2026-03-01T00:00:00Z");
  const s0 = t0.getTime() / 1000;

  it("accepts its own token until exp (exclusive) and calls it expired from exp on", async () => {
    const key = await importHmacKey(randomBytes(32));
    const { token, payload } = await issueAccessToken(key, "p1:w", 1, t0, 60);
    expect(payload).toEqual({ purpose: "worker-record", sub: "p1:w", platform: 1, iat: s0, exp: s0 + 60 });
    expect(await verifyAccessToken(key, token, s0 + 59)).toEqual({ ok: true, payload });
    expect(await verifyAccessToken(key, token, s0 + 60)).toEqual({ ok: false, reason: "expired" });
  });

  it("calls truncated, padded, re-spelled or unparsable tokens malformed, without throwing", async () => {
    const key = await importHmacKey(randomBytes(32));
    const { token } = await issueAccessToken(key, "p1:w", 1, t0, 60);
    const [body, sig] = token.split(".") as [string, string];
    expect(sig).toHaveLength(43); // 32 bytes, unpadded base64url
    // Same bytes, another spelling: the last character's two unused low bits flipped.
    const respelled = sig.slice(0, -1) + B64URL[B64URL.indexOf(sig.at(-1)!) ^ 1];
    for (const bad of [
      "",
      "x",
      `${token}.x`,
      `${body}.${sig.slice(0, 41)}`,
      `${body}.${sig.slice(0, 42)}`,
      `${body}.${sig}=`,
      `${body}.${respelled}`,
      `${body} .${sig}`,
    ]) {
      expect(await verifyAccessToken(key, bad, s0)).toEqual({ ok: false, reason: "malformed" });
    }
    // Correctly signed, but not a payload: malformed; the signature is checked first, so an altered body is bad-signature.
    expect(
      await verifyAccessToken(
        key,
        await signAccessToken(key, { purpose: "worker-record", sub: "", iat: s0, exp: s0 + 60 }),
        s0,
      ),
    ).toEqual({ ok: false, reason: "malformed" });
    expect(
      await verifyAccessToken(key, `${body.slice(0, -2)}${body.endsWith("AA") ? "BB" : "AA"}.${sig}`, s0),
    ).toEqual({ ok: false, reason: "bad-signature" });
  });
});

describe("totals past 2^53 minor units", () => {
  it("still renders the page and the exports, with the exact sum", async () => {
    // 91 payouts of the largest amount accepted, 1,000,000,000,000.00 EUR (10^14 cents each, MAX_AMOUNT_MINOR):
    // 9.1 × 10^15 cents in all, past 2^53 − 1 = 9,007,199,254,740,991.
    const count = 91;
    for (let i = 1; i <= count; i++)
      await send(
        alpha,
        payout(
          `big-${i}`,
          { id: "alpha-big", country: "DE" },
          "1000000000000.00",
          "2026-03-05T10:00:00+01:00",
        ),
      );
    const { token } = await linkOf(alpha.apiKey, "alpha-big");
    const total = new Dec("1000000000000.00").times(count).toFixed(2);
    expect(Number.isSafeInteger(new Dec(total).times(100).toNumber())).toBe(false);
    const page = await fetch(`${inst.baseUrl}/w/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(
      `<span id="totals-payouts">${count} payouts, <data value="${total}" data-currency="EUR">`,
    );
    const json = (await (await fetch(`${inst.baseUrl}/w/${token}/record.json`)).json()) as WorkerRecordAnswer;
    expect(json.totals.payouts).toEqual([{ amount: total, currency: "EUR", count }]);
    expect((await fetch(`${inst.baseUrl}/w/${token}/record.csv`)).status).toBe(200);
  });
});
