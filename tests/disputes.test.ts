/**
 * Disputes and reversal reasons through the real app (startLocalInstance, a real libSQL file): the worker
 * files with their link's form (application/x-www-form-urlencoded, as the page's form posts it), the
 * platform lists and answers through its API, the agency lists its jurisdictions' disputes; scopes (a link
 * cannot file for another worker, a platform cannot answer another's dispute, an agency sees only its
 * jurisdictions), append-only state, audit rows, and bad input → 4xx with nothing written. Reversal
 * reasons: stored, part of the idempotency content, validated, shown on the worker page, counted per
 * platform and reason (GET /v1/reports/reversals).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { MESSAGES } from "../src/i18n/translate.js";
import { ledgerCounts, payoutEvent } from "./support/ledger-test-kit.js";

let inst: LocalInstance;
let a: PlatformAccount;
let b: PlatformAccount;
let agencyDE: string;
let agencyFR: string;
let linkW1: string;
let linkW2: string;

const linkFor = async (p: PlatformAccount, worker: string) => {
  const res = await fetch(`${inst.baseUrl}/v1/workers/${worker}/access-links`, {
    method: "POST",
    headers: { authorization: `Bearer ${p.apiKey}` },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { url: string }).url;
};
const file = (link: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${link}/disputes`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
const api = (key: string, method: string, path: string, body?: unknown) =>
  fetch(inst.baseUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const count = async (table: string) =>
  Number((await inst.database.db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)))[0]!.n);
const filedId = (res: Response) => Number(new URL(res.headers.get("location")!).searchParams.get("filed"));

beforeAll(async () => {
  inst = await startLocalInstance();
  a = await inst.createPlatform("disp-a");
  b = await inst.createPlatform("disp-b");
  agencyDE = await inst.createAgency(["DE"]);
  agencyFR = await inst.createAgency(["FR"]);
  expect(
    (
      await a.sender.send({
        events: [
          payoutEvent({ id: "p1", worker: "w1", amount: "40.00" }),
          payoutEvent({ id: "p2", worker: "w2", amount: "10.00" }),
        ],
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await b.sender.send({
        ...payoutEvent({ id: "p1", worker: "w1", amount: "5.00", country: "FR" }),
        task: { type: "delivery", attributes: { activity: "bic-services" } },
      })
    ).status,
  ).toBe(201);
  linkW1 = await linkFor(a, "w1");
  linkW2 = await linkFor(a, "w2");
});
afterAll(async () => {
  await inst?.close();
});

describe("reversal reasons", () => {
  it("stores the reason and note, shows them on the page and counts them; without a reason it is unspecified", async () => {
    const reversal = {
      ...payoutEvent({ id: "r1", worker: "w1", amount: "4.00", reverses: "p1" }),
      reason: "rejected-work",
      reason_note: "<b>blurry</b> photos",
    };
    expect((await a.sender.send(reversal)).status).toBe(201);
    expect(
      (await a.sender.send(payoutEvent({ id: "r2", worker: "w1", amount: "1.00", reverses: "p1" }))).status,
    ).toBe(201);
    // The reason is part of the idempotency content: the same id with another reason is a conflict.
    expect((await a.sender.send({ ...reversal, reason: "refund" })).status).toBe(409);
    expect((await a.sender.send(reversal)).status).toBe(200);

    const page = await (await fetch(`${linkW1}?lang=fr`)).text();
    expect(page).toContain('id="reversal-r1"');
    expect(page).toContain(`data-reason="rejected-work">${MESSAGES.fr["reason.rejected-work.label"]}`);
    expect(page).toContain(`data-reason="unspecified">${MESSAGES.fr["reason.unspecified.label"]}`);
    expect(page).toContain("&lt;b&gt;blurry&lt;/b&gt; photos");
    expect(page).not.toContain("<b>blurry</b>");

    const res = await api(agencyDE, "GET", "/v1/reports/reversals?jurisdiction=DE&period=2026-03");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reversals: unknown[] };
    expect(body.reversals).toEqual([
      { platform: a.slug, reason: "rejected-work", currency: "EUR", reversals: 1, amount: "4.00" },
      { platform: a.slug, reason: "unspecified", currency: "EUR", reversals: 1, amount: "1.00" },
    ]);
    const csv = await (
      await api(agencyDE, "GET", "/v1/reports/reversals?jurisdiction=DE&period=2026-03&format=csv")
    ).text();
    expect(csv).toBe(
      `platform,reason,currency,reversals,amount\r\n${a.slug},rejected-work,EUR,1,4.00\r\n${a.slug},unspecified,EUR,1,1.00\r\n`,
    );
    expect((await api(agencyFR, "GET", "/v1/reports/reversals?jurisdiction=DE&period=2026-03")).status).toBe(
      403,
    );
  });

  it("refuses a reason on a payout, an unknown reason, and a note too long or with control characters", async () => {
    const before = await ledgerCounts(inst);
    const cases = [
      { ...payoutEvent({ id: "bad-1", worker: "w1", amount: "1.00" }), reason: "refund" },
      { ...payoutEvent({ id: "bad-2", worker: "w1", amount: "1.00", reverses: "p1" }), reason: "lost" },
      {
        ...payoutEvent({ id: "bad-3", worker: "w1", amount: "1.00", reverses: "p1" }),
        reason: "other",
        reason_note: "x".repeat(501),
      },
      {
        ...payoutEvent({ id: "bad-4", worker: "w1", amount: "1.00", reverses: "p1" }),
        reason: "other",
        reason_note: "a\u0000b",
      },
      {
        ...payoutEvent({ id: "bad-5", worker: "w1", amount: "1.00" }),
        worker: { id: "w1", country: "DE", status: "freelance" },
      },
    ];
    for (const event of cases) {
      const res = await a.sender.send(event);
      expect(res.status, event.id).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    expect(await ledgerCounts(inst)).toEqual(before);
  });
});

describe("disputes", () => {
  let wrongId: number;
  let missingId: number;

  it("a worker files from their link: 303 back to the page, which shows the dispute as open", async () => {
    const before = await count("audit_log");
    const res = await file(linkW1, {
      kind: "wrong-payout",
      payout: `${a.id}:p1`,
      note: "I was paid 40 but the task said <45>",
      lang: "es",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/\?lang=es&filed=\d+#dispute-filed$/);
    wrongId = filedId(res);
    const missing = await file(linkW1, {
      kind: "missing-payout",
      date: "2026-03-12",
      amount: "12.50",
      currency: "EUR",
      note: "Task 881 was never paid",
    });
    expect(missing.status).toBe(303);
    missingId = filedId(missing);
    expect(await count("audit_log")).toBe(before + 2);

    const page = await (await fetch(new URL(res.headers.get("location")!).toString())).text();
    expect(page).toContain(`id="dispute-${wrongId}" data-state="open"`);
    expect(page).toContain(MESSAGES.es["voice.state.open"]);
    expect(page).toContain(MESSAGES.es["voice.disputes.filed"].replace("{id}", String(wrongId)));
    expect(page).toContain("the task said &lt;45&gt;");
  });

  it("a link cannot file for another worker or another platform, nor from another site; bad input is refused; nothing is written", async () => {
    const before = await count("disputes");
    // w2's link names w1's payout, and B's payout: both outside the link.
    expect(
      (await file(linkW2, { kind: "wrong-payout", payout: `${a.id}:p1`, note: "not mine" })).status,
    ).toBe(404);
    expect(
      (await file(linkW1, { kind: "wrong-payout", payout: `${b.id}:p1`, note: "other platform" })).status,
    ).toBe(404);
    expect(
      (
        await file(linkW1, {
          kind: "missing-payout",
          platform: String(b.id),
          date: "2026-03-12",
          amount: "1.00",
          currency: "EUR",
          note: "x",
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await file(
          linkW1,
          { kind: "wrong-payout", payout: `${a.id}:p1`, note: "forged" },
          { "sec-fetch-site": "cross-site" },
        )
      ).status,
    ).toBe(403);
    const invalid: Record<string, string>[] = [
      { kind: "wrong-payout", note: "no payout named" },
      {
        kind: "missing-payout",
        date: "2026-03-12",
        amount: "1.005",
        currency: "EUR",
        note: "too many decimals",
      },
      { kind: "missing-payout", date: "2099-01-01", amount: "1.00", currency: "EUR", note: "future" },
      { kind: "missing-payout", date: "2026-03-12", amount: "1.00", currency: "EUR", note: "   " },
      { kind: "missing-payout", date: "2026-03-12", amount: "1.00", currency: "EUR", note: "x".repeat(1001) },
      { kind: "wrong-payout", payout: `${a.id}:p1`, note: "extra", admin: "1" },
      { kind: "complaint", note: "unknown kind" },
    ];
    for (const fields of invalid) {
      const res = await file(linkW1, fields);
      expect(res.status, JSON.stringify(fields).slice(0, 80)).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    // A browser gets the HTML page listing the fields.
    const html = await file(linkW1, invalid[0]!, { accept: "text/html" });
    expect(html.status).toBe(422);
    expect(await html.text()).toContain('id="dispute-errors"');
    // So does a refusal of the service itself (a date in the future), not only of the form's schema.
    const future = await file(linkW1, invalid[2]!, { accept: "text/html" });
    expect(future.status).toBe(422);
    expect(future.headers.get("content-type")).toContain("text/html");
    expect(await future.text()).toContain('id="dispute-errors"');
    const json = await fetch(`${linkW1}/disputes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    const forged = await fetch(`${inst.baseUrl}/w/not-a-token/disputes`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "kind=wrong-payout",
    });
    expect(forged.status).toBe(403);
    expect(await count("disputes")).toBe(before);
  });

  it("the platform lists its open disputes and answers each once, with a correction it recorded or an explanation", async () => {
    const list = await api(a.apiKey, "GET", "/v1/platforms/me/disputes");
    expect(list.status).toBe(200);
    const open = (await list.json()) as {
      disputes: { id: number; kind: string; worker_id: string; status: string }[];
    };
    expect(open.disputes.map((d) => [d.id, d.kind, d.worker_id, d.status])).toEqual([
      [wrongId, "wrong-payout", "w1", "open"],
      [missingId, "missing-payout", "w1", "open"],
    ]);
    expect(
      ((await (await api(b.apiKey, "GET", "/v1/platforms/me/disputes")).json()) as { disputes: unknown[] })
        .disputes,
    ).toEqual([]);

    const entriesBefore = await ledgerCounts(inst);
    // Refusals: another platform's dispute, an unknown event, the disputed payout itself, another worker's event, both fields, neither.
    expect(
      (await api(b.apiKey, "POST", `/v1/platforms/me/disputes/${wrongId}/answers`, { explanation: "no" }))
        .status,
    ).toBe(404);
    for (const body of [
      { correction_event_id: "nope" },
      { correction_event_id: "p1" },
      { correction_event_id: "p2" },
    ]) {
      const res = await api(a.apiKey, "POST", `/v1/platforms/me/disputes/${wrongId}/answers`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect(
      (
        await api(a.apiKey, "POST", `/v1/platforms/me/disputes/${wrongId}/answers`, {
          correction_event_id: "r1",
          explanation: "both",
        })
      ).status,
    ).toBe(422);
    expect((await api(a.apiKey, "POST", `/v1/platforms/me/disputes/${wrongId}/answers`, {})).status).toBe(
      422,
    );
    expect(await count("dispute_answers")).toBe(0);

    // The correction is an ordinary payout through the webhook; the answer links it.
    expect((await a.sender.send(payoutEvent({ id: "p1-topup", worker: "w1", amount: "5.00" }))).status).toBe(
      201,
    );
    const corrected = await api(a.apiKey, "POST", `/v1/platforms/me/disputes/${wrongId}/answers`, {
      correction_event_id: "p1-topup",
    });
    expect(corrected.status).toBe(201);
    expect(await corrected.json()).toMatchObject({
      id: wrongId,
      status: "corrected",
      answer: { correction_event_id: "p1-topup", explanation: null },
    });
    expect(
      (await api(a.apiKey, "POST", `/v1/platforms/me/disputes/${wrongId}/answers`, { explanation: "again" }))
        .status,
    ).toBe(409);
    const explained = await api(a.apiKey, "POST", `/v1/platforms/me/disputes/${missingId}/answers`, {
      explanation: "Task 881 was <cancelled> by the client",
    });
    expect(explained.status).toBe(201);
    // The answer changed no entry: only the correction payout did.
    expect((await ledgerCounts(inst)).events).toBe(entriesBefore.events + 1);
    expect(
      ((await (await api(a.apiKey, "GET", "/v1/platforms/me/disputes")).json()) as { disputes: unknown[] })
        .disputes,
    ).toEqual([]);
    expect(
      (
        (await (await api(a.apiKey, "GET", "/v1/platforms/me/disputes?status=answered")).json()) as {
          disputes: unknown[];
        }
      ).disputes,
    ).toHaveLength(2);
    const audit = await inst.database.db.all<{ actor: string; action: string }>(
      sql`SELECT actor, action FROM audit_log WHERE action LIKE 'dispute.%' ORDER BY id`,
    );
    expect(audit).toEqual([
      { actor: "worker-link", action: "dispute.file" },
      { actor: "worker-link", action: "dispute.file" },
      { actor: `platform:${a.slug}`, action: "dispute.answer" },
      { actor: `platform:${a.slug}`, action: "dispute.answer" },
    ]);

    const page = await (await fetch(`${linkW1}?lang=fr`)).text();
    expect(page).toContain(`id="dispute-${wrongId}" data-state="corrected"`);
    expect(page).toContain(`id="dispute-${missingId}" data-state="explained"`);
    expect(page).toContain("Task 881 was &lt;cancelled&gt; by the client");
  });

  it("the agency lists its jurisdictions' disputes with age, status and answer time; another jurisdiction's key sees none", async () => {
    const res = await api(agencyDE, "GET", "/v1/agency/disputes?status=all");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      disputes: {
        id: number;
        status: string;
        age_s: number;
        answer_time_s: number | null;
        jurisdiction: string;
      }[];
    };
    expect(body.disputes.map((d) => [d.id, d.status, d.jurisdiction])).toEqual([
      [wrongId, "corrected", "DE"],
      [missingId, "explained", "DE"],
    ]);
    for (const d of body.disputes) {
      expect(d.answer_time_s).toBeGreaterThanOrEqual(0);
      expect(d.age_s).toBeGreaterThanOrEqual(d.answer_time_s!);
    }
    expect(
      (
        (await (await api(agencyFR, "GET", "/v1/agency/disputes?status=all")).json()) as {
          disputes: unknown[];
        }
      ).disputes,
    ).toEqual([]);
    expect((await api(agencyFR, "GET", "/v1/agency/disputes?jurisdiction=DE")).status).toBe(403);
    expect((await api(agencyDE, "GET", "/v1/agency/disputes?status=closed")).status).toBe(422);
    expect((await api(agencyDE, "GET", "/v1/agency/disputes?limit=1&status=all")).status).toBe(200);
    const paged = (await (await api(agencyDE, "GET", "/v1/agency/disputes?limit=1&status=all")).json()) as {
      disputes: { id: number }[];
      next_after: number;
    };
    expect(paged.disputes.map((d) => d.id)).toEqual([wrongId]);
    const next = (await (
      await api(agencyDE, "GET", `/v1/agency/disputes?limit=1&status=all&after=${paged.next_after}`)
    ).json()) as { disputes: { id: number }[] };
    expect(next.disputes.map((d) => d.id)).toEqual([missingId]);
  });
});
