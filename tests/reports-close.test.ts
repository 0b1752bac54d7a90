/**
 * Month close and corrections of prior periods (src/agency-reports/period-close.ts, monthly-report.ts) over HTTP
 * against real instances (startLocalInstance: temp libSQL file, seeded DE rules and minimum wages).
 *
 * Expected figures by hand: DE 2026 rules (rules/de.json) — pension 9.3 % worker and platform,
 * health 8.75 % worker and platform, monthly periods, half-up to cents, bases far below the ceilings —
 * so a worker's contribution to date for a rule is round_half_up(rate × month-to-date base) and an
 * event adds the change of that rounded total (docs/design.md §4.1); `delta` below computes it with Dec.
 * Fair pay: DE minimum wage 13.90 EUR/h from 2026-01-01 (src/db/seed/minimum-wages.ts, MiLoV5).
 * The real clock reads after 2026-04-05, so March 2026 is due for closing without force.
 */
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { Dec } from "../src/domain/money.js";
import { closeDuePeriods } from "../src/agency-reports/period-close.js";
import { payoutEvent } from "./support/ledger-test-kit.js";
import type { MonthlyReport } from "../src/agency-reports/monthly-report.js";

const RATES: Record<string, string> = {
  "de-pension-worker": "0.093",
  "de-pension-platform": "0.093",
  "de-health-worker": "0.0875",
  "de-health-platform": "0.0875",
};

/** Change of round_half_up(rate × base) when the month-to-date base goes from `before` to `after`. */
const delta = (rate: string, before: string, after: string) =>
  new Dec(after)
    .times(rate)
    .toDecimalPlaces(2, Dec.ROUND_HALF_UP)
    .minus(new Dec(before).times(rate).toDecimalPlaces(2, Dec.ROUND_HALF_UP));

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const withTask = (event: object, durationS: number) => ({
  ...event,
  task: { id: "t", type: "delivery", duration_s: durationS },
});

describe("month close, closed reports and corrections", () => {
  let inst: LocalInstance;
  let p: PlatformAccount;
  let agency: string;
  const get = (path: string) =>
    fetch(inst.baseUrl + path, { headers: { authorization: `Bearer ${agency}` } });
  const report = async (period: string) => {
    const res = await get(`/v1/reports/monthly?jurisdiction=DE&period=${period}`);
    expect(res.status).toBe(200);
    return { text: await res.text(), headers: res.headers };
  };
  const send = async (event: object) => expect((await p.sender.send(event)).status).toBe(201);
  let closeBody: {
    closed_at: string;
    chain_head: { event_seq: number };
    checksum: { value: string };
    row_count: number;
    forced_reason: string | null;
  };
  let closedJson: string;
  let closedCsv: string;

  beforeAll(async () => {
    inst = await startLocalInstance();
    p = await inst.createPlatform("closeco");
    agency = await inst.createAgency(["DE"]);
    // m1: 100.00 EUR for 10 h (10.00 EUR/h < 13.90: under); m2: 300.00 EUR for 10 h (30.00 EUR/h: not under).
    await send(
      withTask(
        payoutEvent({ id: "m1", worker: "m1", amount: "100.00", occurredAt: "2026-03-10T10:00:00Z" }),
        36_000,
      ),
    );
    await send(
      withTask(
        payoutEvent({ id: "m2", worker: "m2", amount: "300.00", occurredAt: "2026-03-11T10:00:00Z" }),
        36_000,
      ),
    );
    const res = await inst.admin("POST", "/v1/admin/periods/close", {
      jurisdiction: "DE",
      period: "2026-03",
    });
    expect(res.status).toBe(201);
    closeBody = (await res.json()) as typeof closeBody;
    closedJson = (await report("2026-03")).text;
    closedCsv = await (await get("/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=csv")).text();
    // After the close: a late March payout of a new worker and an April reversal of m1's March payout.
    await send(
      payoutEvent({ id: "late-1", worker: "late-w", amount: "200.00", occurredAt: "2026-03-20T10:00:00Z" }),
    );
    await send(
      payoutEvent({
        id: "rev-1",
        worker: "m1",
        amount: "40.00",
        reverses: "m1",
        occurredAt: "2026-04-02T10:00:00Z",
      }),
    );
    await send(
      payoutEvent({ id: "apr-1", worker: "m2", amount: "10.00", occurredAt: "2026-04-03T10:00:00Z" }),
    );
  });
  afterAll(async () => {
    await inst?.close();
  });

  it("freezes the closed report: status closed, generated_at = close time, checksum and fair-pay count as recorded", () => {
    const closed = JSON.parse(closedJson) as MonthlyReport;
    expect(closed.status).toBe("closed");
    expect(closed.closed_at).toBe(closeBody.closed_at);
    expect(closed.generated_at).toBe(closeBody.closed_at);
    expect(closed.checksum.value).toBe(closeBody.checksum.value);
    expect(closed.checksum.value).toBe(sha256(closedCsv));
    expect(closed.row_count).toBe(8); // two workers × four DE rules
    expect(closed.chain_head.event_seq).toBe(closeBody.chain_head.event_seq);
    expect(closed.fair_pay).toEqual({
      workers_compared: 2,
      workers_under_minimum: 1,
      workers_not_compared: 0,
    });
  });

  it("serves the closed report byte for byte after late events (JSON and CSV)", async () => {
    const again = await report("2026-03");
    expect(again.text).toBe(closedJson);
    expect(again.headers.get("report-status")).toBe("closed");
    expect(await (await get("/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=csv")).text()).toBe(
      closedCsv,
    );
  });

  it("lists the late March payout and the April reversal of a March payout as corrections of 2026-03 in April's report", async () => {
    const april = JSON.parse((await report("2026-04")).text) as MonthlyReport;
    expect(april.status).toBe("provisional");
    expect(april.closed_at).toBeNull();
    // April's own rows: only apr-1 (m2, 10.00 EUR, first April payout of m2).
    expect(april.rows.map((r) => r.contribution_base)).toEqual(["10.00", "10.00", "10.00", "10.00"]);
    const byKey = new Map(april.corrections.rows.map((r) => [`${r.worker_ref}|${r.rule}`, r]));
    expect(april.corrections.row_count).toBe(8);
    for (const [rule, rate] of Object.entries(RATES)) {
      // late-w: first March payout of 200.00; m1: March base 100.00 lowered by 40.00.
      expect(byKey.get(`late-w|${rule}`)).toMatchObject({
        original_period: "2026-03",
        contribution_base: "200.00",
        contribution: delta(rate, "0", "200").toFixed(2),
        payouts: 1,
        reversals: 0,
      });
      expect(byKey.get(`m1|${rule}`)).toMatchObject({
        original_period: "2026-03",
        contribution_base: "-40.00",
        contribution: delta(rate, "100", "60").toFixed(2),
        payouts: 0,
        reversals: 1,
      });
    }
    const csv = await (
      await get("/v1/reports/monthly?jurisdiction=DE&period=2026-04&format=csv&section=corrections")
    ).text();
    expect(sha256(csv)).toBe(april.corrections.checksum.value);
    const parsed = parse(csv, { columns: true }) as Record<string, string>[];
    expect(parsed.map((r) => r.original_period)).toEqual(april.corrections.rows.map(() => "2026-03"));
    // Corrections totals equal the sum of the correction rows (summed here with Dec).
    for (const t of april.corrections.totals) {
      const sum = april.corrections.rows
        .filter((r) => r.scheme === t.scheme && r.payer === t.payer)
        .reduce((s, r) => s.plus(r.contribution), new Dec(0));
      expect(t.contribution).toBe(sum.toFixed(2));
    }
  });

  it("refuses a second close, an out-of-order close and a month that has not ended", async () => {
    expect(
      (await inst.admin("POST", "/v1/admin/periods/close", { jurisdiction: "DE", period: "2026-03" })).status,
    ).toBe(409);
    expect(
      (await inst.admin("POST", "/v1/admin/periods/close", { jurisdiction: "DE", period: "2026-05" })).status,
    ).toBe(409);
    const future = await inst.admin("POST", "/v1/admin/periods/close", {
      jurisdiction: "DE",
      period: "2099-01",
    });
    expect(future.status).toBe(422);
    expect(future.headers.get("content-type")).toContain("application/problem+json");
    expect(
      (await inst.admin("POST", "/v1/admin/periods/close", { jurisdiction: "DE", period: "2026-13" })).status,
    ).toBe(422);
  });

  it("property: late events of any month never change the closed report's bytes; every total equals the sum of its rows", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            cents: fc.integer({ min: 1, max: 99_999 }),
            day: fc.integer({ min: 1, max: 28 }),
            month: fc.constantFrom("03", "04"),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (late) => {
          for (const e of late) {
            const amount = new Dec(e.cents).div(100).toFixed(2);
            await send(
              payoutEvent({
                id: `prop-${n++}`,
                worker: `pw-${e.cents % 3}`,
                amount,
                occurredAt: `2026-${e.month}-${String(e.day).padStart(2, "0")}T12:00:00Z`,
              }),
            );
          }
          expect((await report("2026-03")).text).toBe(closedJson);
          const april = JSON.parse((await report("2026-04")).text) as MonthlyReport;
          for (const t of april.totals.by_payer) {
            expect(t.contribution).toBe(
              april.rows
                .filter((r) => r.payer === t.payer)
                .reduce((s, r) => s.plus(r.contribution), new Dec(0))
                .toFixed(2),
            );
          }
          for (const t of april.totals.by_scheme) {
            expect(t.contribution_base).toBe(
              april.rows
                .filter((r) => r.scheme === t.scheme && r.payer === t.payer)
                .reduce((s, r) => s.plus(r.contribution_base), new Dec(0))
                .toFixed(2),
            );
          }
        },
      ),
      { numRuns: 5 },
    );
  });
});

describe("grace date, forced close and the scheduled close", () => {
  let inst: LocalInstance;
  beforeAll(async () => {
    // The app clock reads 3 April 2026, before March's grace date (5 April, Europe/Berlin).
    inst = await startLocalInstance({ now: () => new Date("2026-04-03T10:00:00Z") });
  });
  afterAll(async () => {
    await inst?.close();
  });

  it("refuses before the grace date, needs a reason to force, records the reason", async () => {
    const early = await inst.admin("POST", "/v1/admin/periods/close", {
      jurisdiction: "DE",
      period: "2026-03",
    });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { detail: string }).detail).toContain("2026-04-05");
    expect(
      (
        await inst.admin("POST", "/v1/admin/periods/close", {
          jurisdiction: "DE",
          period: "2026-03",
          force: true,
        })
      ).status,
    ).toBe(422);
    const forced = await inst.admin("POST", "/v1/admin/periods/close", {
      jurisdiction: "DE",
      period: "2026-03",
      force: true,
      reason: "agency audit on 3 April",
    });
    expect(forced.status).toBe(201);
    expect(await forced.json()).toMatchObject({
      jurisdiction: "DE",
      period: "2026-03",
      forced_reason: "agency audit on 3 April",
      closed_by: "admin",
      row_count: 0,
    });
  });

  it("closeDuePeriods closes every due month after the latest closed one, in order, as cron", async () => {
    // On 10 June (Berlin) April (due 5 May) and May (due 5 June) are due; June is not.
    const made = await closeDuePeriods(inst.deps, new Date("2026-06-10T00:00:00Z"));
    expect(made.filter((c) => c.jurisdiction === "DE").map((c) => c.period)).toEqual(["2026-04", "2026-05"]);
    expect(made.every((c) => c.closed_by === "cron")).toBe(true);
    expect(await closeDuePeriods(inst.deps, new Date("2026-06-10T00:00:00Z"))).toEqual([]);
    const list = (await (await inst.admin("GET", "/v1/periods?jurisdiction=DE")).json()) as {
      closes: { period: string }[];
    };
    expect(list.closes.map((c) => c.period)).toEqual(["2026-03", "2026-04", "2026-05"]);
  });
});
