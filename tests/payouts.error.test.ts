/**
 * POST /v1/payouts over HTTP on a real instance: refused input gets RFC 9457 problem+json with a 4xx
 * status and changes nothing (row counts of ledger_events and ledger_entries before and after), while
 * the valid events of a batch are still recorded. DE rules 2026 as in payouts.happy.test.ts.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { MAX_DELIVERY_BYTES } from "../src/routes/payouts.js";
import type { Problem } from "../src/schemas/problem.js";
import { entriesOf, ledgerCounts, payoutEvent, postDelivery } from "./support/ledger-test-kit.js";

let instance: LocalInstance;
let platform: PlatformAccount;

beforeAll(async () => {
  instance = await startLocalInstance();
  platform = await instance.createPlatform("error-platform");
});
afterAll(async () => {
  await instance.close();
});

/** Reads a problem+json response and checks its envelope. */
async function problemOf(res: Response, status: number, code: string): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const problem = (await res.json()) as Problem;
  expect(problem.type).toBe(`https://contribution-ledger.dev/problems/${code}`);
  expect(problem.status).toBe(status);
  expect(problem.title.length).toBeGreaterThan(0);
  return problem;
}

const raw = (body: string, extra: { contentType?: string; closeConnection?: boolean } = {}) =>
  postDelivery(instance.baseUrl, {
    raw: body,
    slug: platform.slug,
    secret: platform.webhookSecret,
    ...extra,
  });

describe("idempotency conflicts", () => {
  it("answers the same id with other content with 409 and changes nothing", async () => {
    const original = payoutEvent({ id: "conflict-1", worker: "w-conflict", amount: "100.00" });
    expect((await platform.sender.send(original)).status).toBe(201);
    const before = await ledgerCounts(instance);
    const problem = await problemOf(
      await platform.sender.send({ ...original, amount: "101.00" }),
      409,
      "idempotency-conflict",
    );
    expect(problem.event_id).toBe("conflict-1");
    expect(await ledgerCounts(instance)).toEqual(before);
    // The original still stands: a redelivery gets its figures (100 × 0.093 = 9.30).
    const again = await platform.sender.send(original);
    expect(again.status).toBe(200);
    const body = (await again.json()) as { status: string; withhold_from_worker: { amount: string }[] };
    expect(body.status).toBe("duplicate");
    expect(body.withhold_from_worker[0]!.amount).toBe("18.05"); // 9.30 + 8.75
  });
});

describe("a batch with an invalid event", () => {
  it("records the valid events (200) and names the invalid one's failing field", async () => {
    const before = await ledgerCounts(instance);
    const events = [
      payoutEvent({ id: "mixed-1", worker: "w-mixed", amount: "10.00" }),
      payoutEvent({ id: "mixed-2", worker: "w-mixed", amount: "12.345" }), // EUR allows 2 decimals
      {
        ...payoutEvent({ id: "mixed-3", worker: "w-mixed", amount: "5.00" }),
        worker: { id: "w-mixed", country: "ZZ" },
      },
      payoutEvent({ id: "mixed-4", worker: "w-mixed", amount: "20.00" }),
    ];
    const res = await platform.sender.send({ events });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as {
      results: { id: string; status: string; problem?: Problem }[];
    };
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ["mixed-1", "recorded"],
      ["mixed-2", "rejected"],
      ["mixed-3", "rejected"],
      ["mixed-4", "recorded"],
    ]);
    expect(results[1]!.problem).toMatchObject({
      type: "https://contribution-ledger.dev/problems/invalid-event",
      status: 422,
      event_id: "mixed-2",
    });
    expect(results[1]!.problem!.errors!.map((e) => e.path)).toEqual(["amount"]);
    expect(results[2]!.problem!.errors!.map((e) => e.path)).toEqual(["worker.country"]);
    // Two events of four rules each.
    const after = await ledgerCounts(instance);
    expect(after).toEqual({ events: before.events + 2, entries: before.entries + 8 });
    const recorded = await instance.database.db.all<{ event_id: string }>(
      sql`SELECT event_id FROM ledger_events WHERE event_id LIKE 'mixed-%' ORDER BY event_id`,
    );
    expect(recorded.map((r) => r.event_id)).toEqual(["mixed-1", "mixed-4"]);
  });

  it("answers a single invalid event with 422 and its fields", async () => {
    const before = await ledgerCounts(instance);
    const problem = await problemOf(
      await platform.sender.send(
        payoutEvent({ id: "bad-jpy", worker: "w-x", amount: "100.5", currency: "JPY" }),
      ),
      422,
      "invalid-event",
    );
    expect(problem.errors!.map((e) => e.path)).toEqual(["amount"]);
    const missing = await problemOf(
      await platform.sender.send({ id: "bad-missing", type: "payout" }),
      422,
      "invalid-event",
    );
    expect(missing.errors!.map((e) => e.path).sort()).toEqual([
      "amount",
      "currency",
      "occurred_at",
      "worker",
    ]);
    const zero = await problemOf(
      await platform.sender.send(payoutEvent({ id: "bad-zero", worker: "w-x", amount: "0.00" })),
      422,
      "invalid-event",
    );
    expect(zero.errors!.map((e) => e.path)).toEqual(["amount"]);
    expect(await ledgerCounts(instance)).toEqual(before);
  });
});

describe("malformed deliveries", () => {
  it("answers a body that is not JSON with 400", async () => {
    const before = await ledgerCounts(instance);
    await problemOf(await raw('{"id": "x", "type": "payout",'), 400, "invalid-request");
    expect(await ledgerCounts(instance)).toEqual(before);
  });

  it("answers a JSON body that is neither an event nor {events} with 400", async () => {
    await problemOf(await raw("[1, 2]"), 400, "invalid-request");
    await problemOf(await raw('{"events": []}'), 400, "invalid-request");
    await problemOf(await raw('{"events": {"id": "x"}}'), 400, "invalid-request");
  });

  it("answers another content type with 415", async () => {
    const before = await ledgerCounts(instance);
    const body = JSON.stringify(payoutEvent({ id: "text-plain", worker: "w-x", amount: "1.00" }));
    await problemOf(await raw(body, { contentType: "text/plain" }), 415, "unsupported-media-type");
    await problemOf(
      await raw(body, { contentType: "application/x-www-form-urlencoded" }),
      415,
      "unsupported-media-type",
    );
    expect(await ledgerCounts(instance)).toEqual(before);
    // application/json with a charset parameter is JSON.
    expect((await raw(body, { contentType: "application/json; charset=utf-8" })).status).toBe(201);
  });

  it("answers a body over 1 MiB with 413 and accepts one of exactly 1 MiB", async () => {
    expect(MAX_DELIVERY_BYTES).toBe(1024 * 1024);
    const event = JSON.stringify({
      events: [payoutEvent({ id: "size-1", worker: "w-size", amount: "1.00" })],
    });
    const exact = event + " ".repeat(MAX_DELIVERY_BYTES - event.length); // JSON allows trailing white space
    const res = await raw(exact);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe("recorded");
    const before = await ledgerCounts(instance);
    await problemOf(
      await raw(`${exact.replace("size-1", "size-2")} `, { closeConnection: true }),
      413,
      "payload-too-large",
    );
    expect(await ledgerCounts(instance)).toEqual(before);
  });

  it("answers more than 1000 events with 400 and accepts 1000", async () => {
    const events = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) =>
        payoutEvent({ id: `${prefix}-${i + 1}`, worker: `w-${prefix}-${i % 10}`, amount: "1.00" }),
      );
    const before = await ledgerCounts(instance);
    const problem = await problemOf(
      await platform.sender.send({ events: events(1001, "many") }),
      400,
      "invalid-request",
    );
    expect(problem.errors?.length).toBeGreaterThan(0);
    expect(await ledgerCounts(instance)).toEqual(before);
    const res = await platform.sender.send({ events: events(1000, "thousand") });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { status: string }[] };
    expect(results.filter((r) => r.status === "recorded")).toHaveLength(1000);
    expect(await ledgerCounts(instance)).toEqual({
      events: before.events + 1000,
      entries: before.entries + 4000,
    });
  });
});

describe("reversals that cannot be recorded", () => {
  it("refuses a reversal over what remains of the payout (422) and accepts exactly the remainder", async () => {
    expect(
      (await platform.sender.send(payoutEvent({ id: "rem-payout", worker: "w-rem", amount: "50.00" })))
        .status,
    ).toBe(201);
    expect(
      (
        await platform.sender.send(
          payoutEvent({ id: "rem-r1", worker: "w-rem", amount: "30.00", reverses: "rem-payout" }),
        )
      ).status,
    ).toBe(201);
    const before = await ledgerCounts(instance);
    const problem = await problemOf(
      await platform.sender.send(
        payoutEvent({ id: "rem-r2", worker: "w-rem", amount: "20.01", reverses: "rem-payout" }),
      ),
      422,
      "reversal-exceeds-remaining",
    );
    expect(problem.event_id).toBe("rem-r2");
    expect(await ledgerCounts(instance)).toEqual(before);
    expect(
      (
        await platform.sender.send(
          payoutEvent({ id: "rem-r3", worker: "w-rem", amount: "20.00", reverses: "rem-payout" }),
        )
      ).status,
    ).toBe(201);
    // Fully reversed: each rule's entries of the payout and its reversals sum to zero.
    const entries = await entriesOf(instance, ["rem-payout", "rem-r1", "rem-r3"]);
    const totals = new Map<string, number>();
    for (const e of entries) totals.set(e.rule_code, (totals.get(e.rule_code) ?? 0) + e.amount_minor);
    expect([...totals.values()]).toEqual([0, 0, 0, 0]);
    // Nothing remains, so even 0.01 more is refused.
    await problemOf(
      await platform.sender.send(
        payoutEvent({ id: "rem-r4", worker: "w-rem", amount: "0.01", reverses: "rem-payout" }),
      ),
      422,
      "reversal-exceeds-remaining",
    );
  });

  it("refuses a reversal of an unknown payout, of a reversal, or for another worker (422)", async () => {
    const before = await ledgerCounts(instance);
    await problemOf(
      await platform.sender.send(
        payoutEvent({ id: "rv-unknown", worker: "w-rem", amount: "1.00", reverses: "no-such-payout" }),
      ),
      422,
      "reversal-target-unknown",
    );
    await problemOf(
      await platform.sender.send(
        payoutEvent({ id: "rv-of-rv", worker: "w-rem", amount: "1.00", reverses: "rem-r1" }),
      ),
      422,
      "reversal-target-unknown",
    );
    expect(
      (await platform.sender.send(payoutEvent({ id: "rv-base", worker: "w-a", amount: "10.00" }))).status,
    ).toBe(201);
    const mid = await ledgerCounts(instance);
    await problemOf(
      await platform.sender.send(
        payoutEvent({ id: "rv-other", worker: "w-b", amount: "1.00", reverses: "rv-base" }),
      ),
      422,
      "reversal-mismatch",
    );
    await problemOf(
      await platform.sender.send(
        payoutEvent({ id: "rv-ccy", worker: "w-a", amount: "1.00", currency: "USD", reverses: "rv-base" }),
      ),
      422,
      "reversal-mismatch",
    );
    expect(await ledgerCounts(instance)).toEqual(mid);
    expect(mid).toEqual({ events: before.events + 1, entries: before.entries + 4 });
  });
});

describe("currency conversion without a rate", () => {
  it("refuses a payout in a currency the ECB does not quote (422), unless the event carries fx_rate", async () => {
    const before = await ledgerCounts(instance);
    await problemOf(
      await platform.sender.send(
        payoutEvent({ id: "kes-1", worker: "w-kes", amount: "1000.00", currency: "KES" }),
      ),
      422,
      "fx-rate-unavailable",
    );
    expect(await ledgerCounts(instance)).toEqual(before);
    const res = await platform.sender.send({
      ...payoutEvent({ id: "kes-1", worker: "w-kes", amount: "1000.00", currency: "KES" }),
      fx_rate: "0.0066",
    });
    expect(res.status).toBe(201);
    // 1,000 KES × 0.0066 = 6.60 EUR; pension 0.6138 -> 0.61; health 0.5775 -> 0.58.
    const body = (await res.json()) as { withhold_from_worker: { amount: string }[] };
    expect(body.withhold_from_worker[0]!.amount).toBe("1.19");
  });
});

describe("occurred_at out of the accepted range", () => {
  it("refuses instants before 2000-01-01 or more than a day past the server clock (422), with instance", async () => {
    const before = await ledgerCounts(instance);
    const dayMs = 86_400_000;
    for (const occurredAt of [
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "1999-12-31T23:59:59Z",
      new Date(Date.now() + 2 * dayMs).toISOString(),
    ]) {
      const res = await platform.sender.send(
        payoutEvent({ id: `range-${occurredAt}`, worker: "w-range", amount: "1.00", occurredAt }),
      );
      const problem = await problemOf(res, 422, "occurred-at-out-of-range");
      expect(problem.errors?.map((e) => e.path)).toEqual(["occurred_at"]);
      expect((problem as Problem & { instance?: string }).instance).toBe(res.headers.get("x-request-id"));
    }
    expect(await ledgerCounts(instance)).toEqual(before);
    // The bounds themselves are in range: 2000-01-01 (no rule applies then) and 23 hours ahead.
    expect(
      (
        await platform.sender.send(
          payoutEvent({
            id: "range-min",
            worker: "w-range",
            amount: "1.00",
            occurredAt: "2000-01-01T00:00:00Z",
          }),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await platform.sender.send(
          payoutEvent({
            id: "range-ahead",
            worker: "w-range",
            amount: "1.00",
            occurredAt: new Date(Date.now() + 23 * 3_600_000).toISOString(),
          }),
        )
      ).status,
    ).toBe(201);
  });

  it("a single-event 409 carries the request id as instance", async () => {
    expect(
      (await platform.sender.send(payoutEvent({ id: "inst-1", worker: "w-inst", amount: "1.00" }))).status,
    ).toBe(201);
    const res = await platform.sender.send(payoutEvent({ id: "inst-1", worker: "w-inst", amount: "2.00" }));
    const problem = (await problemOf(res, 409, "idempotency-conflict")) as Problem & { instance?: string };
    expect(problem.instance).toBe(res.headers.get("x-request-id"));
  });
});
