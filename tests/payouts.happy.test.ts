/**
 * POST /v1/payouts over HTTP on a real instance (seeded rules, ECB rates), the paths that succeed.
 *
 * Rules applied to a DE worker in 2026 (rules/de.json), each per calendar month in Europe/Berlin:
 * de-pension-worker / de-pension-platform 9.3 % up to 8,450 EUR; de-health-worker / de-health-platform
 * 8.75 % up to 5,812.50 EUR; rounding half up to the cent. Every expected figure is worked by hand beside it.
 */
import { readFileSync, existsSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { Dec } from "../src/domain/money.js";
import type { ContributionLine, EventResult } from "../src/schemas/payout-result.js";
import { entriesOf, ledgerCounts, payoutEvent } from "./support/ledger-test-kit.js";

/** The four DE lines of one event: pension and health amounts, each paid once by the worker and once by the platform. */
function deLines(
  period: string,
  base: string,
  pension: string,
  health: string,
  fxRate?: string,
): ContributionLine[] {
  const line = (
    rule: string,
    scheme: string,
    payer: ContributionLine["payer"],
    amount: string,
  ): ContributionLine => ({
    rule,
    scheme,
    payer,
    period,
    base,
    amount,
    currency: "EUR",
    ...(fxRate ? { fx_rate: fxRate } : {}),
  });
  return [
    line("de-health-platform", "health", "platform", health),
    line("de-health-worker", "health", "worker", health),
    line("de-pension-platform", "pension", "platform", pension),
    line("de-pension-worker", "pension", "worker", pension),
  ];
}

const byRule = (lines: readonly ContributionLine[]) =>
  [...lines].sort((a, b) => a.rule.localeCompare(b.rule));

let instance: LocalInstance;
let platform: PlatformAccount;

beforeAll(async () => {
  instance = await startLocalInstance();
  platform = await instance.createPlatform("happy-platform");
});
afterAll(async () => {
  await instance.close();
});

describe("one payout", () => {
  const event = payoutEvent({ id: "evt-single", worker: "w-single", amount: "123.45" });

  it("is recorded (201) with its contributions, what to withhold and what the platform owes", async () => {
    const res = await platform.sender.send(event, "msg_single");
    expect(res.status).toBe(201);
    const body = (await res.json()) as EventResult;
    expect(body).toMatchObject({
      id: "evt-single",
      status: "recorded",
      type: "payout",
      worker: { id: "w-single", country: "DE" },
      amount: { amount: "123.45", currency: "EUR" },
    });
    // pension: 123.45 × 0.093 = 11.48085 -> 11.48; health: 123.45 × 0.0875 = 10.801875 -> 10.80.
    expect(byRule(body.contributions)).toEqual(deLines("2026-03", "123.45", "11.48", "10.80"));
    // worker: 11.48 + 10.80 = 22.28; the platform the same.
    expect(body.withhold_from_worker).toEqual([{ amount: "22.28", currency: "EUR" }]);
    expect(body.platform_owes).toEqual([{ amount: "22.28", currency: "EUR" }]);
  });

  it("answers a redelivery with 200 duplicate and the same figures, recording nothing", async () => {
    const before = await ledgerCounts(instance);
    const res = await platform.sender.send(event, "msg_single");
    expect(res.status).toBe(200);
    const body = (await res.json()) as EventResult;
    expect(body.status).toBe("duplicate");
    expect(byRule(body.contributions)).toEqual(deLines("2026-03", "123.45", "11.48", "10.80"));
    expect(body.withhold_from_worker).toEqual([{ amount: "22.28", currency: "EUR" }]);
    expect(body.platform_owes).toEqual([{ amount: "22.28", currency: "EUR" }]);
    expect(await ledgerCounts(instance)).toEqual(before);
    // A redelivery under a new webhook-id (another attempt id) is still the same event.
    const again = await platform.sender.send(event);
    expect(again.status).toBe(200);
    expect(await ledgerCounts(instance)).toEqual(before);
  });

  it("writes one entry per rule with seq 1 of its accrual and the exact base", async () => {
    const entries = await entriesOf(instance, ["evt-single"]);
    expect(
      entries.map((e) => [e.rule_code, e.period_key, e.month, e.seq, e.amount_minor, e.base_delta]).sort(),
    ).toEqual([
      ["de-health-platform", "2026-03", "2026-03", 1, 1080, "123.45"],
      ["de-health-worker", "2026-03", "2026-03", 1, 1080, "123.45"],
      ["de-pension-platform", "2026-03", "2026-03", 1, 1148, "123.45"],
      ["de-pension-worker", "2026-03", "2026-03", 1, 1148, "123.45"],
    ]);
  });
});

describe("a batch", () => {
  it("records every event and answers each in delivery order", async () => {
    const events = [
      payoutEvent({ id: "batch-1", worker: "w-batch", amount: "0.01" }),
      payoutEvent({ id: "batch-2", worker: "w-batch", amount: "0.01" }),
      payoutEvent({ id: "batch-3", worker: "w-batch", amount: "10.00" }),
    ];
    const res = await platform.sender.send({ events });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: EventResult[] };
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ["batch-1", "recorded"],
      ["batch-2", "recorded"],
      ["batch-3", "recorded"],
    ]);
    // Pension to date: 0.01 × 0.093 = 0.00093 -> 0.00; 0.02 -> 0.00186 -> 0.00; 10.02 -> 0.93186 -> 0.93.
    // Health to date: 0.000875 -> 0.00; 0.00175 -> 0.00; 10.02 × 0.0875 = 0.876750 -> 0.88.
    const worker = results.map((r) => r.withhold_from_worker[0]!.amount);
    expect(worker).toEqual(["0.00", "0.00", "1.81"]); // 0.93 + 0.88
  });
});

describe("a reversal in a later month", () => {
  it("is booked in the payout's month, on the lowered period base", async () => {
    const paid = await platform.sender.send(
      payoutEvent({
        id: "rev-payout",
        worker: "w-rev",
        amount: "100.00",
        occurredAt: "2026-03-10T10:00:00Z",
      }),
    );
    expect(paid.status).toBe(201);
    const res = await platform.sender.send(
      payoutEvent({
        id: "rev-1",
        worker: "w-rev",
        amount: "40.00",
        occurredAt: "2026-04-05T09:00:00Z",
        reverses: "rev-payout",
      }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as EventResult;
    expect(body).toMatchObject({ status: "recorded", type: "reversal", reverses: "rev-payout" });
    // March base 100 -> 60: pension 9.30 -> 5.58 (−3.72); health 8.75 -> 5.25 (−3.50); base shown −40.00.
    expect(byRule(body.contributions)).toEqual(deLines("2026-03", "-40.00", "-3.72", "-3.50"));
    expect(body.withhold_from_worker).toEqual([{ amount: "-7.22", currency: "EUR" }]);
    expect(body.platform_owes).toEqual([{ amount: "-7.22", currency: "EUR" }]);
    const entries = await entriesOf(instance, ["rev-1"]);
    expect(entries).toHaveLength(4);
    for (const e of entries) {
      expect([e.period_key, e.month, e.seq]).toEqual(["2026-03", "2026-03", 2]);
    }
    const [event] = await instance.database.db.all<{ local_date: string }>(
      sql`SELECT local_date FROM ledger_events WHERE event_id = 'rev-1'`,
    );
    expect(event?.local_date).toBe("2026-04-05");
  });

  it("leaves the later month's own accrual untouched", async () => {
    const res = await platform.sender.send(
      payoutEvent({ id: "rev-april", worker: "w-rev", amount: "100.00", occurredAt: "2026-04-06T09:00:00Z" }),
    );
    const body = (await res.json()) as EventResult;
    // April starts from zero: 9.30 and 8.75.
    expect(byRule(body.contributions)).toEqual(deLines("2026-04", "100.00", "9.30", "8.75"));
  });
});

describe("a USD payout to a DE worker", () => {
  it("is converted at the ECB rate of the local date, or of the latest earlier day (Sunday 2026-03-01 -> Friday 2026-02-27, 1.1805)", async () => {
    const res = await platform.sender.send(
      payoutEvent({
        id: "usd-sunday",
        worker: "w-usd",
        amount: "100.00",
        currency: "USD",
        occurredAt: "2026-03-01T12:00:00Z",
      }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as EventResult;
    const rate = new Dec(1).div(new Dec("1.1805")); // EUR per USD, 40 digits: 0.84709868699703515459...
    // 100 USD = 84.7098686997... EUR; pension × 0.093 = 7.8780177890... -> 7.88; health × 0.0875 = 7.4121135112... -> 7.41.
    expect(byRule(body.contributions)).toEqual(deLines("2026-03", "84.71", "7.88", "7.41", rate.toString()));
    expect(body.withhold_from_worker).toEqual([{ amount: "15.29", currency: "EUR" }]);
    expect(body.amount).toEqual({ amount: "100.00", currency: "USD" });
    const entries = await entriesOf(instance, ["usd-sunday"]);
    for (const e of entries) expect(e.fx_rate).toBe(rate.toString());
  });

  it("takes the local date in Europe/Berlin, not the UTC date (2026-03-01T23:30Z is Monday 2026-03-02 in Berlin, 1.1698)", async () => {
    const res = await platform.sender.send(
      payoutEvent({
        id: "usd-monday",
        worker: "w-usd-2",
        amount: "100.00",
        currency: "USD",
        occurredAt: "2026-03-01T23:30:00Z",
      }),
    );
    const body = (await res.json()) as EventResult;
    const rate = new Dec(1).div(new Dec("1.1698"));
    // 100 USD = 85.4846982390... EUR; pension 7.9500769362... -> 7.95; health 7.4799110959... -> 7.48.
    expect(byRule(body.contributions)).toEqual(deLines("2026-03", "85.48", "7.95", "7.48", rate.toString()));
  });

  it("uses the rate the event carries when given", async () => {
    const event = {
      ...payoutEvent({ id: "usd-own-rate", worker: "w-usd-3", amount: "100.00", currency: "USD" }),
      fx_rate: "0.9",
    };
    const body = (await (await platform.sender.send(event)).json()) as EventResult;
    // 100 × 0.9 = 90 EUR; pension 8.37; health 7.875 -> 7.88.
    expect(byRule(body.contributions)).toEqual(deLines("2026-03", "90.00", "8.37", "7.88", "0.9"));
  });
});

describe("a worker with a national id", () => {
  const NATIONAL_ID = "65 170839 J 003";
  const NORMALISED = "65170839J003";

  it("shares one accrual across platforms: the second platform pays only up to the shared ceiling", async () => {
    const other = await instance.createPlatform("other-platform");
    const first = await platform.sender.send(
      payoutEvent({ id: "nid-a", worker: "a-17", amount: "6000.00", nationalId: NATIONAL_ID }),
    );
    const a = (await first.json()) as EventResult;
    // pension 6,000 × 0.093 = 558.00; health min(6,000, 5,812.50) × 0.0875 = 508.59375 -> 508.59.
    expect(byRule(a.contributions)).toEqual(deLines("2026-03", "6000.00", "558.00", "508.59"));
    const second = await other.sender.send(
      payoutEvent({
        id: "nid-b",
        worker: "b-99",
        amount: "3000.00",
        occurredAt: "2026-03-20T10:00:00Z",
        nationalId: NORMALISED,
      }),
    );
    expect(second.status).toBe(201);
    const b = (await second.json()) as EventResult;
    // pension to date: min(9,000, 8,450) × 0.093 = 785.85 -> 785.85 − 558.00 = 227.85; health stays 508.59 -> 0.00.
    expect(byRule(b.contributions)).toEqual(deLines("2026-03", "3000.00", "227.85", "0.00"));
    expect(b.withhold_from_worker).toEqual([{ amount: "227.85", currency: "EUR" }]);
    expect(JSON.stringify(b)).not.toContain(NORMALISED);
    const keys = new Set((await entriesOf(instance, ["nid-a", "nid-b"])).map((e) => e.subject_key));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^nid:[0-9a-f]{64}$/);
  });

  it("never appears in the database file", async () => {
    await instance.deps.sealer.flush();
    await instance.database.db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
    for (const path of [instance.dbPath, `${instance.dbPath}-wal`]) {
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      expect(bytes.includes(Buffer.from(NATIONAL_ID, "utf8")), path).toBe(false);
      expect(bytes.includes(Buffer.from(NORMALISED, "utf8")), path).toBe(false);
    }
    // Control: the file does hold the worker refs sent beside the national id.
    expect(readFileSync(instance.dbPath).includes(Buffer.from("a-17", "utf8"))).toBe(true);
  });
});
