/**
 * Pay per hour of task time against the minimum wage (src/worker-record/effective-pay.ts), the seeded minimum
 * wages (src/db/seed/minimum-wages.ts) and the agency's count of workers under the minimum.
 *
 * The pure functions get hand-made minimum wages and ECB quotes; every expected figure is worked out in
 * the comments with Dec. The HTTP part sends payouts through the signed webhook of a real instance and
 * reads the ECB rates it must have used straight from data/ecb-eurofxref-hist.csv.
 */
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedJurisdictions } from "../src/db/seed/rule-files.js";
import { seedMinimumWages } from "../src/db/seed/minimum-wages.js";
import { Dec, formatMinor, roundToMinor } from "../src/domain/money.js";
import { formatters } from "../src/i18n/format.js";
import { MESSAGES } from "../src/i18n/translate.js";
import {
  countWorkersUnderMinimum,
  effectivePay,
  minimumWageOn,
  type MinimumWageRow,
  type PayContext,
  type PayEvent,
} from "../src/worker-record/effective-pay.js";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";

let nextId = 1;
function wage(
  jurisdiction: string,
  hourlyRate: string,
  currency: string,
  effectiveFrom: string,
  effectiveTo: string | null,
): MinimumWageRow {
  return {
    id: nextId++,
    jurisdiction,
    name: `${jurisdiction} minimum`,
    hourlyRate,
    currency,
    effectiveFrom,
    effectiveTo,
    sourceTitle: "t",
    sourceUrl: "https://example.org/",
    sourceRetrieved: "2026-11-30",
    note: null,
    createdAt: "",
  };
}
const US = wage("US", "7.25", "USD", "2009-07-24", null);
const GB_2024 = wage("GB", "11.44", "GBP", "2024-04-01", "2025-04-01");
const GB_2025 = wage("GB", "12.21", "GBP", "2025-04-01", null);
const NL_JAN = wage("NL", "14.06", "EUR", "2025-01-01", "2025-01-15");
const NL_MID = wage("NL", "15.00", "EUR", "2025-01-15", null);
const WAGES = [US, GB_2024, GB_2025, NL_JAN, NL_MID];

/** Quotes per EUR: USD 1.13 and GBP 0.85 on 2025-05-06 only. */
const context: PayContext = {
  wages: WAGES,
  quote: (currency, day) =>
    day === "2025-05-06" && (currency === "USD" || currency === "GBP")
      ? { currency, rateDate: day, unitsPerEur: currency === "USD" ? "1.13" : "0.85" }
      : undefined,
};

let seq = 0;
const payout = (
  jurisdiction: string,
  localDate: string,
  amountMinor: number,
  currency: string,
  taskDurationS: number | null,
  eventId = `e${++seq}`,
): PayEvent => ({
  platformId: 1,
  eventId,
  type: "payout",
  reversesEventId: null,
  localDate,
  jurisdiction,
  amountMinor,
  currency,
  taskDurationS,
});
const reversal = (of: PayEvent, localDate: string, amountMinor: number): PayEvent => ({
  ...of,
  eventId: `r${++seq}`,
  type: "reversal",
  reversesEventId: of.eventId,
  localDate,
  amountMinor,
  taskDurationS: null,
});

describe("effectivePay (pure)", () => {
  it("sums a month's payouts with durations, subtracts their reversals and compares with the minimum", () => {
    const p1 = payout("US", "2025-01-10", 5, "USD", 30);
    const p2 = payout("US", "2025-01-11", 10, "USD", 60);
    const events = [
      p1,
      p2,
      payout("US", "2025-01-12", 100, "USD", null),
      payout("US", "2025-02-01", 400, "USD", 1800),
      reversal(p2, "2025-02-03", 5),
    ];
    const [jan, feb] = effectivePay(events, context);
    // January: 0.05 + 0.10 − 0.05 (the reversal, counted in its payout's month) = 0.10 USD for 90 s: 0.10 × 3600 / 90 = 4.00 < 7.25.
    expect(jan).toEqual({
      month: "2025-01",
      payouts_without_duration: 1,
      lines: [
        {
          month: "2025-01",
          jurisdiction: "US",
          currency: "USD",
          payouts: 2,
          reversals: 1,
          task_seconds: 90,
          earnings: "0.10",
          hourly: "4.00",
          converted_from: [],
          minimum_wage: expect.objectContaining({ id: US.id, hourly: "7.25", currency: "USD" }),
          verdict: "below_minimum",
        },
      ],
    });
    // February: 4.00 USD for 1,800 s: 8.00 an hour ≥ 7.25.
    expect(feb!.lines[0]).toMatchObject({
      earnings: "4.00",
      hourly: "8.00",
      verdict: "at_or_above_minimum",
      reversals: 0,
    });
  });

  it("converts payouts into the minimum wage's currency at the ECB cross rate of their day, reversals at their payout's rate", () => {
    const p = payout("GB", "2025-05-06", 1000, "USD", 3600);
    const [may] = effectivePay([p, reversal(p, "2025-06-20", 200)], context);
    // (10.00 − 2.00) USD × (0.85 GBP/EUR ÷ 1.13 USD/EUR) = 6.01769… GBP for one hour: 6.02 GBP < 12.21.
    const exact = new Dec("8.00").times(new Dec("0.85").div("1.13"));
    const gbp = formatMinor(roundToMinor(exact, "GBP", "half_up"), "GBP");
    expect(gbp).toBe("6.02");
    expect(may!.lines).toEqual([
      expect.objectContaining({
        currency: "GBP",
        earnings: gbp,
        hourly: gbp,
        converted_from: ["USD"],
        verdict: "below_minimum",
        minimum_wage: expect.objectContaining({ id: GB_2025.id }),
      }),
    ]);
  });

  it("does not compare what it cannot convert or has no minimum for, and says why", () => {
    const [day] = effectivePay([payout("GB", "2025-05-07", 1000, "USD", 3600)], context);
    expect(day!.lines).toEqual([
      expect.objectContaining({
        currency: "USD",
        hourly: "10.00",
        verdict: "not_compared",
        not_compared_reason: "no_exchange_rate",
        minimum_wage: expect.objectContaining({ id: GB_2025.id }),
      }),
    ]);
    const [kenya] = effectivePay([payout("KE", "2025-05-07", 50000, "KES", 7200)], context);
    expect(kenya!.lines).toEqual([
      expect.objectContaining({
        currency: "KES",
        hourly: "250.00",
        verdict: "not_compared",
        not_compared_reason: "no_minimum_wage",
        minimum_wage: null,
      }),
    ]);
  });

  it("gives one line per minimum-wage version when the minimum changes within the month", () => {
    // 14 Jan: 14.50 EUR for an hour, above 14.06; 15 Jan: the same, below 15.00.
    const [jan] = effectivePay(
      [payout("NL", "2025-01-14", 1450, "EUR", 3600), payout("NL", "2025-01-15", 1450, "EUR", 3600)],
      context,
    );
    expect(jan!.lines.map((l) => [l.minimum_wage?.id, l.hourly, l.verdict])).toEqual([
      [NL_JAN.id, "14.50", "at_or_above_minimum"],
      [NL_MID.id, "14.50", "below_minimum"],
    ]);
  });

  it("picks the version in force on a local date: effective_from inclusive, effective_to exclusive", () => {
    expect(minimumWageOn(WAGES, "GB", "2025-03-31")?.id).toBe(GB_2024.id);
    expect(minimumWageOn(WAGES, "GB", "2025-04-01")?.id).toBe(GB_2025.id);
    expect(minimumWageOn(WAGES, "GB", "2024-03-31")).toBeUndefined();
    expect(minimumWageOn(WAGES, "PH", "2025-04-01")).toBeUndefined();
  });
});

describe("countWorkersUnderMinimum (for the agency report, ILO criterion 3)", () => {
  it("counts workers compared and under the minimum in one jurisdiction and month, once each", () => {
    const below = [
      payout("US", "2025-01-10", 100, "USD", 3600),
      payout("US", "2025-01-20", 100, "USD", 3600),
    ]; // 1.00 an hour
    const above = [payout("US", "2025-01-10", 1000, "USD", 3600)]; // 10.00 an hour
    const february = [payout("US", "2025-02-10", 100, "USD", 3600)]; // not in January
    const noDuration = [payout("US", "2025-01-10", 100, "USD", null)];
    const kenya = [payout("KE", "2025-01-10", 100, "KES", 3600)];
    const workers = [below, above, february, noDuration, kenya];
    expect(countWorkersUnderMinimum(workers, context, "US", "2025-01")).toEqual({
      workers_compared: 2,
      workers_under_minimum: 1,
      workers_not_compared: 0,
    });
    expect(countWorkersUnderMinimum(workers, context, "KE", "2025-01")).toEqual({
      workers_compared: 0,
      workers_under_minimum: 0,
      workers_not_compared: 1,
    });
    expect(countWorkersUnderMinimum([], context, "US", "2025-01")).toEqual({
      workers_compared: 0,
      workers_under_minimum: 0,
      workers_not_compared: 0,
    });
  });
});

describe("seeded minimum wages", () => {
  const DECIMAL = /^(0|[1-9][0-9]*)\.[0-9]{2}$/;
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  it("are dated versions without gap or overlap, in each jurisdiction's currency, with an https source", () => {
    const byJurisdiction = new Map<string, (typeof seedMinimumWages)[number][]>();
    for (const w of seedMinimumWages)
      byJurisdiction.set(w.jurisdiction, [...(byJurisdiction.get(w.jurisdiction) ?? []), w]);
    for (const [code, versions] of byJurisdiction) {
      const jurisdiction = seedJurisdictions.find((j) => j.code === code);
      expect(jurisdiction, code).toBeDefined();
      for (const w of versions) {
        expect(w.currency, code).toBe(jurisdiction!.currency);
        expect(w.hourly_rate, code).toMatch(DECIMAL);
        expect(new Dec(w.hourly_rate).gt(0), code).toBe(true);
        expect(w.effective_from, code).toMatch(DATE);
        expect(w.source.url, code).toMatch(/^https:\/\//);
        expect(w.source.retrieved, code).toMatch(DATE);
      }
      const sorted = [...versions].sort((a, b) => a.effective_from.localeCompare(b.effective_from));
      for (let i = 0; i + 1 < sorted.length; i++)
        expect(sorted[i]!.effective_to, code).toBe(sorted[i + 1]!.effective_from);
      expect(sorted.at(-1)!.effective_to, code).toBeNull();
      // Every day from the first rule versions (2025-01-01) has a rate.
      expect(sorted[0]!.effective_from <= "2025-01-01" || code === "MY", code).toBe(true);
    }
    // No national hourly figure: regional (PH), by occupation and area (KE), none statutory (IN).
    expect([...byJurisdiction.keys()].sort()).toEqual(["AU", "BR", "CA", "DE", "FR", "GB", "MY", "NL", "US"]);
  });

  it("hold the figures of the brief and of the Brazilian decrees", () => {
    const on = (code: string, day: string) =>
      seedMinimumWages.find(
        (w) =>
          w.jurisdiction === code &&
          w.effective_from <= day &&
          (w.effective_to === null || day < w.effective_to),
      )?.hourly_rate;
    expect(on("US", "2025-06-01")).toBe("7.25");
    expect(on("DE", "2025-06-01")).toBe("12.82");
    expect(on("DE", "2026-06-01")).toBe("13.90");
    // BR: the monthly minimum over 220 hours, as the decrees state the hourly value.
    expect(on("BR", "2025-06-01")).toBe(new Dec(1518).div(220).toFixed(2));
    expect(on("BR", "2026-06-01")).toBe(
      new Dec(1621).div(220).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2),
    );
  });
});

describe("pay per hour on the page and in record.json (HTTP)", () => {
  let inst: LocalInstance;
  let gamma: PlatformAccount;

  // ECB reference rates of 2025-03-12 (a Wednesday), read from the data file the instance loads.
  const ecb = (
    parse(readFileSync(new URL("../data/ecb-eurofxref-hist.csv", import.meta.url), "utf8"), {
      columns: true,
      trim: true,
    }) as Record<string, string>[]
  ).find((r) => r.Date === "2025-03-12")!;

  beforeAll(async () => {
    inst = await startLocalInstance();
    gamma = await inst.createPlatform("gamma");
    const gb = { id: "gb-1", country: "GB" };
    for (const body of [
      {
        id: "g1",
        type: "payout",
        occurred_at: "2025-03-12T10:00:00Z",
        worker: gb,
        amount: "1.50",
        currency: "USD",
        task: { duration_s: 600 },
      },
      {
        id: "g2",
        type: "payout",
        occurred_at: "2025-03-12T11:00:00Z",
        worker: gb,
        amount: "0.50",
        currency: "USD",
        task: { duration_s: 300 },
      },
      {
        id: "g3",
        type: "reversal",
        reverses: "g2",
        occurred_at: "2025-03-14T11:00:00Z",
        worker: gb,
        amount: "0.20",
        currency: "USD",
      },
      {
        id: "g4",
        type: "payout",
        occurred_at: "2025-03-13T11:00:00Z",
        worker: gb,
        amount: "0.40",
        currency: "USD",
      },
      {
        id: "k1",
        type: "payout",
        occurred_at: "2025-03-12T10:00:00+03:00",
        worker: { id: "ke-1", country: "KE" },
        amount: "300.00",
        currency: "KES",
        task: { duration_s: 3600 },
      },
    ]) {
      const res = await gamma.sender.send(body);
      expect(res.status, await res.clone().text()).toBe(201);
    }
  });

  afterAll(async () => {
    await inst?.close();
  });

  async function pageOf(workerRef: string, lang: string) {
    const link = await fetch(`${inst.baseUrl}/v1/workers/${workerRef}/access-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${gamma.apiKey}` },
    });
    const url = ((await link.json()) as { url: string }).url;
    const record = (await (await fetch(`${url}/record.json`)).json()) as {
      effective_pay: { month: string; payouts_without_duration: number; lines: Record<string, unknown>[] }[];
    };
    const html = await (await fetch(`${url}?lang=${lang}`)).text();
    return { record, html };
  }

  it("seeds the minimum wages with the rules", async () => {
    const [row] = await inst.database.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM minimum_wages`);
    expect(row!.n).toBe(seedMinimumWages.length);
  });

  it("converts a GB worker's USD payouts to GBP at the ECB rate and says it earned less than the National Living Wage", async () => {
    const { record, html } = await pageOf("gb-1", "en");
    // (1.50 + 0.50 − 0.20) USD × GBP/USD on 2025-03-12, for 900 s of tasks; the minimum then: 11.44 GBP (from 2024-04-01).
    const rate = new Dec(ecb.GBP!).div(ecb.USD!);
    const earnings = new Dec("1.80").times(rate);
    const hourly = formatMinor(roundToMinor(earnings.times(3600).div(900), "GBP", "half_up"), "GBP");
    expect(record.effective_pay).toEqual([
      {
        month: "2025-03",
        payouts_without_duration: 1,
        lines: [
          expect.objectContaining({
            jurisdiction: "GB",
            currency: "GBP",
            payouts: 2,
            reversals: 1,
            task_seconds: 900,
            earnings: formatMinor(roundToMinor(earnings, "GBP", "half_up"), "GBP"),
            hourly,
            converted_from: ["USD"],
            verdict: "below_minimum",
            minimum_wage: expect.objectContaining({
              hourly: "11.44",
              currency: "GBP",
              effective_from: "2024-04-01",
            }),
          }),
        ],
      },
    ]);
    const fmt = formatters("en");
    expect(html).toContain(`data-currency="GBP">${fmt.money(hourly, "GBP")}</data>`);
    expect(html).toContain('data-verdict="below_minimum"');
    expect(html).toContain(MESSAGES.en["pay.below"].split("{minimum}")[0]);
    // Hono escapes the apostrophe of "payout's".
    expect(html).toContain(
      MESSAGES.en["pay.converted"]
        .replace("{currencies}", "USD")
        .replace("{currency}", "GBP")
        .replaceAll("'", "&#39;"),
    );
    expect(html).toContain(MESSAGES.en["pay.withoutDuration.one"].replace("{count}", "1"));
  });

  it("says in Spanish that no national minimum is recorded for Kenya", async () => {
    const { record, html } = await pageOf("ke-1", "es");
    expect(record.effective_pay[0]!.lines[0]).toMatchObject({
      currency: "KES",
      hourly: "300.00",
      verdict: "not_compared",
      not_compared_reason: "no_minimum_wage",
      minimum_wage: null,
    });
    expect(html).toContain(MESSAGES.es["pay.noMinimum"].replace("{country}", formatters("es").country("KE")));
  });
});
