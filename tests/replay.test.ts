import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMinor } from "../src/domain/money.js";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { parsePayoutRow, shiftOffsetMs, toPayoutEvent } from "../scripts/lib/payout-csv.js";
import { formatSummary, replay, type PeriodTotal, type ReplayOptions } from "../scripts/lib/replay.js";

const DAY_MS = 86_400_000;
const SAMPLE = fileURLToPath(new URL("../data/crowdflower-sample.csv", import.meta.url));

/** A record as csv-parse gives it with `columns: true` (the first row of the data set). */
const firstRecord = {
  event_id: "cf-1306135737",
  platform: "crowdflower",
  channel: "zoombucks",
  worker_ref: "w_b8b0463ca6d7766b",
  country: "US",
  occurred_at: "2014-06-27T14:49:50Z",
  started_at: "2014-06-27T14:47:53Z",
  duration_s: "117",
  amount: "0.05",
  currency: "USD",
  task_type: "RelEx",
};
/** A later row of the data set with an empty country (line 20877 of crowdflower-payouts.csv). */
const noCountryRecord = {
  ...firstRecord,
  event_id: "cf-1322889936",
  worker_ref: "w_499624405adc1808",
  country: "",
  occurred_at: "2014-07-14T14:38:28Z",
  duration_s: "86",
  amount: "0.04",
  task_type: "FactSpan",
};

describe("payout CSV row mapping", () => {
  it("maps a row to a payout event, keeping the original timestamp without a shift", () => {
    expect(toPayoutEvent(parsePayoutRow(firstRecord, 2), 0)).toEqual({
      id: "cf-1306135737",
      type: "payout",
      occurred_at: "2014-06-27T14:49:50Z",
      worker: { id: "w_b8b0463ca6d7766b", country: "US" },
      amount: "0.05",
      currency: "USD",
      task: { type: "RelEx", duration_s: 117 },
    });
  });

  it("keeps an empty country, so that the service rejects the event", () => {
    const event = toPayoutEvent(parsePayoutRow(noCountryRecord, 20877), 0);
    expect(event.worker).toEqual({ id: "w_499624405adc1808", country: "" });
  });

  it("shifts the first row's UTC date to --shift-to and keeps every later row's offset", () => {
    // 2014-06-27 -> 2025-01-01 counted by hand: 2014-06-27 -> 2024-06-27 is 10 * 365 + 3 leap days
    // (2016, 2020, 2024) = 3653; then 3 (rest of June) + 31 + 31 + 30 + 31 + 30 + 31 + 1 = 188; 3841 days.
    const offset = shiftOffsetMs(firstRecord.occurred_at, "2025-01-01");
    expect(offset).toBe(3841 * DAY_MS);
    expect(toPayoutEvent(parsePayoutRow(firstRecord, 2), offset).occurred_at).toBe(
      "2025-01-01T14:49:50.000Z",
    );
    // 2014-07-14 is 17 days after 2014-06-27, so it lands on 2025-01-18 at the same time of day.
    expect(toPayoutEvent(parsePayoutRow(noCountryRecord, 20877), offset).occurred_at).toBe(
      "2025-01-18T14:38:28.000Z",
    );
  });

  it("shifts backwards, and takes the first row's date in UTC, not in its written offset", () => {
    // 2014-06-27T23:30:00-02:00 is 2014-06-28T01:30:00Z: its UTC date is 2014-06-28, which becomes 2014-06-01.
    const late = { ...firstRecord, occurred_at: "2014-06-27T23:30:00-02:00" };
    const offset = shiftOffsetMs(late.occurred_at, "2014-06-01");
    expect(offset).toBe(-27 * DAY_MS);
    expect(toPayoutEvent(parsePayoutRow(late, 2), offset).occurred_at).toBe("2014-06-01T01:30:00.000Z");
  });

  it("refuses a row that is not of the data set's shape, naming the line and the columns", () => {
    expect(() => parsePayoutRow({ ...firstRecord, duration_s: "1.5" }, 7)).toThrow(/line 7: .*duration_s/);
    expect(() => parsePayoutRow({ ...firstRecord, occurred_at: "yesterday" }, 8)).toThrow(
      /line 8: .*occurred_at/,
    );
    const { worker_ref: _dropped, ...withoutWorker } = firstRecord;
    expect(() => parsePayoutRow(withoutWorker, 9)).toThrow(/line 9: .*worker_ref/);
  });
});

describe("replay of data/crowdflower-sample.csv through the signed webhook path", () => {
  let instance: LocalInstance;
  let platform: PlatformAccount;
  let options: ReplayOptions;

  // Expected counts read independently of the replay: the sample's data lines split on commas,
  // country being the 5th column (no field of the data set contains a comma or a quote).
  const rows = readFileSync(SAMPLE, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
  const withCountry = rows.filter((r) => r[4] !== "").length;
  const withoutCountry = rows.filter((r) => r[4] === "").length;

  /** Sums of ledger_entries per (event jurisdiction, rule, period, currency), straight from SQL. */
  async function ledgerTotals(): Promise<PeriodTotal[]> {
    const result = await instance.database.db.all<{
      jurisdiction: string;
      rule: string;
      period: string;
      currency: string;
      amountMinor: number;
    }>(sql`
      SELECT ev.jurisdiction AS jurisdiction, en.rule_code AS rule, en.period_key AS period, en.currency AS currency, SUM(en.amount_minor) AS amountMinor
      FROM ledger_entries en JOIN ledger_events ev ON ev.platform_id = en.platform_id AND ev.event_id = en.event_id
      GROUP BY ev.jurisdiction, en.rule_code, en.period_key, en.currency`);
    return result.map((r) => ({ ...r, amountMinor: Number(r.amountMinor) }));
  }
  const byKey = (totals: PeriodTotal[]) =>
    [...totals].sort((a, b) =>
      `${a.jurisdiction} ${a.rule} ${a.period} ${a.currency}`.localeCompare(
        `${b.jurisdiction} ${b.rule} ${b.period} ${b.currency}`,
      ),
    );

  beforeAll(async () => {
    instance = await startLocalInstance();
    platform = await instance.createPlatform("crowdflower");
    // Shifted into 2025, when the seeded rules (US from 2025-01-01, GB from 2024-04-06) are in force.
    options = {
      csvPath: SAMPLE,
      baseUrl: instance.baseUrl,
      platform: "crowdflower",
      secret: platform.webhookSecret,
      batchSize: 500,
      concurrency: 2,
      shiftTo: "2025-01-01",
    };
  });
  afterAll(async () => {
    await instance?.close();
  });

  it("records the rows with a country, rejects the others, and its period totals are the ledger's", async () => {
    expect([withCountry, withoutCountry]).toEqual([2000, 2]);
    const progress: number[] = [];
    const first = await replay({ ...options, onProgress: (p) => progress.push(p.fraction) });
    expect(first.counts).toEqual({
      recorded: withCountry,
      duplicate: 0,
      rejected: withoutCountry,
      conflict: 0,
      failed: 0,
    });
    expect([...first.rejections]).toEqual([["invalid-event worker.country", withoutCountry]]);
    expect(first.batches).toBe(Math.ceil(rows.length / 500));
    expect(progress.at(-1)).toBe(1);

    const [{ events }] = (await instance.database.db.all<{ events: number }>(
      sql`SELECT COUNT(*) AS events FROM ledger_events`,
    )) as [{ events: number }];
    expect(events).toBe(withCountry);
    const ledger = byKey(await ledgerTotals());
    expect(ledger.length).toBeGreaterThan(0);
    expect(byKey(first.periodTotals)).toEqual(ledger);
    // The printed report shows the same sums, each formatted from the ledger's minor units.
    const printed = formatSummary(first);
    for (const t of ledger)
      expect(printed).toContain(
        `  ${t.jurisdiction}  ${t.rule}  ${t.period}  ${formatMinor(t.amountMinor, t.currency)} ${t.currency}`,
      );

    const second = await replay(options);
    expect(second.counts).toEqual({
      recorded: 0,
      duplicate: withCountry,
      rejected: withoutCountry,
      conflict: 0,
      failed: 0,
    });
    expect(byKey(second.periodTotals)).toEqual(ledger);
    expect(byKey(await ledgerTotals())).toEqual(ledger);
  });

  it("reports the same ids with other timestamps as conflicts", async () => {
    const shiftedElsewhere = await replay({ ...options, shiftTo: "2025-02-01" });
    expect(shiftedElsewhere.counts).toEqual({
      recorded: 0,
      duplicate: 0,
      rejected: withoutCountry,
      conflict: withCountry,
      failed: 0,
    });
    expect(shiftedElsewhere.periodTotals).toEqual([]);
  });

  it("stops after a batch finally fails, awaiting the batches in flight", async () => {
    // Wrong secret: every delivery is answered 401. The first two batches (concurrency 2) are sent,
    // the replay stops after the second one's last line: line 1 is the header, so 1 + 2 * 500.
    const wrongSecret = await replay({
      ...options,
      secret: `whsec_${Buffer.from("not the platform's secret!!").toString("base64")}`,
    });
    expect(wrongSecret.counts).toEqual({ recorded: 0, duplicate: 0, rejected: 0, conflict: 0, failed: 1000 });
    expect([wrongSecret.batches, wrongSecret.failedBatches, wrongSecret.stoppedAfterLine]).toEqual([
      2, 2, 1001,
    ]);
    expect(wrongSecret.failures[0]).toMatch(/^batch from line 2 \(500 events\): HTTP 401/);
    expect(formatSummary(wrongSecret)).toContain("stopped after line 1,001");
  });

  it("gives up on a batch after the bounded number of attempts when the service is unreachable", async () => {
    // A port that was just listening and is closed again refuses connections.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await replay({ ...options, baseUrl: `http://127.0.0.1:${port}`, maxAttempts: 2 });
    expect(unreachable.counts.failed).toBe(1000);
    expect(unreachable.failures[0]).toMatch(/network error: .*ECONNREFUSED.*\(after 2 attempts\)$/);
  });

  it("redelivers a batch answered 503 and counts its events once", async () => {
    // A pass-through proxy in front of the real service that answers the first delivery 503 (as the
    // service does when the ledger stays busy) and forwards every delivery after it unchanged.
    const retryPlatform = await instance.createPlatform("crowdflower-retry");
    let deliveries = 0;
    const proxy: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (deliveries++ === 0) {
        res
          .writeHead(503, { "content-type": "application/problem+json", "retry-after": "0" })
          .end('{"status":503}');
        return;
      }
      const headers = Object.fromEntries(
        ["content-type", "webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [
          h,
          String(req.headers[h]),
        ]),
      );
      const upstream = await fetch(instance.baseUrl + req.url, {
        method: req.method,
        headers,
        body: Buffer.concat(chunks),
      });
      res
        .writeHead(upstream.status, {
          "content-type": upstream.headers.get("content-type") ?? "application/json",
        })
        .end(await upstream.text());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const retried = await replay({
        ...options,
        baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
        platform: retryPlatform.slug,
        secret: retryPlatform.webhookSecret,
      });
      expect(retried.counts).toEqual({
        recorded: withCountry,
        duplicate: 0,
        rejected: withoutCountry,
        conflict: 0,
        failed: 0,
      });
      expect(deliveries).toBe(retried.batches + 1);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
