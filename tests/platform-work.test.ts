/**
 * The platform-work transparency report (GET /v1/reports/platform-work) over the real replay: the sample
 * of the CrowdFlower payouts (data/crowdflower-sample.csv, 2,002 rows) sent through the signed webhook
 * path, shifted so that it straddles 30 June/1 July 2025 (the ECB rates end in 2026) (the half-year boundary, in each jurisdiction's
 * own time zone), plus reversals with and without reasons and payouts carrying worker.status. Every
 * figure of the report is recomputed here from the CSV rows and the extra events, in TypeScript, without
 * SQL (Intl for local dates, Dec for money): persons, bands, averages, income, status, reversals by
 * reason, persons per month of the yearly file. Also: CSV form, jurisdiction scope, bad input.
 */
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { replay } from "../scripts/lib/replay.js";
import { Dec } from "../src/domain/money.js";
import { BANDS } from "../src/agency-reports/platform-work.js";

const SAMPLE = fileURLToPath(new URL("../data/crowdflower-sample.csv", import.meta.url));
const SHIFT_TO = "2025-06-28";
const DAY_MS = 86_400_000;
const ZONES: Record<string, string> = { US: "America/New_York", GB: "Europe/London" };
const HOUR_EDGES = [0, 10, 43, 87, 152];
const EARNING_EDGES = [0, 100, 500, 1000, 2000];
const REASON_ORDER = ["rejected-work", "refund", "chargeback", "platform-error", "other", "unspecified"];

interface Row {
  event_id: string;
  worker_ref: string;
  country: string;
  occurred_at: string;
  duration_s: string;
  amount: string;
  currency: string;
  status?: string;
}
interface Reversal {
  event_id: string;
  reverses: string;
  amount: string;
  reason?: string;
}

const csvRows = parse(readFileSync(SAMPLE, "utf8"), { columns: true, skip_empty_lines: true }) as Row[];
const offsetMs =
  Date.parse(`${SHIFT_TO}T00:00:00Z`) - Math.floor(Date.parse(csvRows[0]!.occurred_at) / DAY_MS) * DAY_MS;
const shifted = csvRows.map((r) => ({
  ...r,
  occurred_at: new Date(Date.parse(r.occurred_at) + offsetMs).toISOString(),
}));
const dayFormats = new Map(
  Object.entries(ZONES).map(([country, timeZone]) => [
    country,
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }),
  ]),
);
const localDay = (instant: string, country: string) => dayFormats.get(country)!.format(new Date(instant));

// Extra events: two US workers' status, four reversals of US payouts (one each side of the boundary).
const usRows = shifted.filter((r) => r.country === "US");
const workersUS = [...new Set(usRows.map((r) => r.worker_ref))].sort();
const extraPayouts: Row[] = [
  {
    event_id: "x-status-1",
    worker_ref: workersUS[0]!,
    country: "US",
    occurred_at: "2025-07-08T15:00:00.000Z",
    duration_s: "2000000",
    amount: "900.00",
    currency: "USD",
    status: "employee",
  },
  {
    event_id: "x-status-2",
    worker_ref: workersUS[1]!,
    country: "US",
    occurred_at: "2025-07-08T16:00:00.000Z",
    duration_s: "300000",
    amount: "0.75",
    currency: "USD",
    status: "self-employed",
  },
];
const july = usRows.filter((r) => localDay(r.occurred_at, "US") >= "2025-07-01");
const june = usRows.filter((r) => localDay(r.occurred_at, "US") < "2025-07-01");
const reversals: Reversal[] = [
  { event_id: "x-rev-1", reverses: july[0]!.event_id, amount: july[0]!.amount, reason: "rejected-work" },
  { event_id: "x-rev-2", reverses: july[5]!.event_id, amount: "0.01", reason: "chargeback" },
  { event_id: "x-rev-3", reverses: july[9]!.event_id, amount: "0.01" },
  { event_id: "x-rev-4", reverses: june[0]!.event_id, amount: june[0]!.amount, reason: "refund" },
];
const allPayouts = [...shifted.filter((r) => r.country !== ""), ...extraPayouts];

interface Period {
  key: string;
  from: string;
  to: string;
  months: string[];
}
const periods: Record<string, Period> = {
  "2025-H1": {
    key: "2025-H1",
    from: "2025-01-01",
    to: "2025-07-01",
    months: ["01", "02", "03", "04", "05", "06"].map((m) => `2025-${m}`),
  },
  "2025-H2": {
    key: "2025-H2",
    from: "2025-07-01",
    to: "2026-01-01",
    months: ["07", "08", "09", "10", "11", "12"].map((m) => `2025-${m}`),
  },
  "2025": {
    key: "2025",
    from: "2025-01-01",
    to: "2026-01-01",
    months: Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`),
  },
};
const daysOf = (p: Period) => (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS;
const bandOf = (value: Dec, edges: number[], unit: string) => {
  let i = edges.length - 1;
  while (i > 0 && value.lt(edges[i]!)) i--;
  return `${edges[i]}-${edges[i + 1] ?? "plus"}${unit}`;
};
const money = (d: Dec) => d.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);

/** The platform's figures for `country` over `period`, from the rows (independent of the service's SQL). */
function expected(country: string, period: Period) {
  const inPeriod = allPayouts.filter(
    (r) =>
      r.country === country &&
      localDay(r.occurred_at, country) >= period.from &&
      localDay(r.occurred_at, country) < period.to,
  );
  const reversedOf = new Map<string, Dec>();
  for (const rv of reversals)
    reversedOf.set(rv.reverses, (reversedOf.get(rv.reverses) ?? new Dec(0)).plus(rv.amount));
  const people = new Map<string, { seconds: number; net: Dec; status?: string }>();
  for (const r of inPeriod) {
    const p = people.get(r.worker_ref) ?? { seconds: 0, net: new Dec(0) };
    p.seconds += Number(r.duration_s);
    p.net = p.net.plus(r.amount).minus(reversedOf.get(r.event_id) ?? 0);
    if (r.status) p.status = r.status;
    people.set(r.worker_ref, p);
  }
  const months = period.months.length;
  const list = [...people.values()];
  const seconds = list.reduce((s, p) => s + p.seconds, 0);
  const total = list.reduce((s, p) => s.plus(p.net), new Dec(0));
  const hourBands = [...HOUR_EDGES.map((e, i) => `${e}-${HOUR_EDGES[i + 1] ?? "plus"}h`), "no-durations"];
  const earningBands = EARNING_EDGES.map((e, i) => `${e}-${EARNING_EDGES[i + 1] ?? "plus"}`);
  const reversalLines = new Map<string, { count: number; amount: Dec }>();
  for (const rv of reversals) {
    const target = inPeriod.find((r) => r.event_id === rv.reverses);
    if (!target) continue;
    const reason = rv.reason ?? "unspecified";
    const line = reversalLines.get(reason) ?? { count: 0, amount: new Dec(0) };
    reversalLines.set(reason, { count: line.count + 1, amount: line.amount.plus(rv.amount) });
  }
  return {
    platform: "crowdflower",
    persons_paid: list.length,
    persons_with_task_durations: list.length,
    by_task_hours: hourBands.map((band) => ({
      band,
      persons:
        band === "no-durations"
          ? 0
          : list.filter((p) => bandOf(new Dec(p.seconds).div(3600).div(months), HOUR_EDGES, "h") === band)
              .length,
    })),
    average_task_hours_per_week: new Dec(seconds)
      .div(3600)
      .div(list.length)
      .div(new Dec(daysOf(period)).div(7))
      .toDecimalPlaces(2, Dec.ROUND_HALF_UP)
      .toFixed(2),
    income: [
      {
        currency: "USD",
        persons: list.length,
        total: money(total),
        average_per_person: money(total.div(list.length)),
        average_per_person_per_month: money(total.div(list.length).div(months)),
      },
    ].map((i) => (country === "GB" ? { ...i, currency: "USD" } : i)),
    by_earnings: earningBands.map((band) => ({
      currency: "USD",
      band,
      persons: list.filter((p) => bandOf(p.net.div(months), EARNING_EDGES, "") === band).length,
    })),
    by_contractual_status: {
      employee: list.filter((p) => p.status === "employee").length,
      self_employed: list.filter((p) => p.status === "self-employed").length,
      not_sent: list.filter((p) => p.status === undefined).length,
    },
    reversals_by_reason: REASON_ORDER.filter((r) => reversalLines.has(r)).map((reason) => ({
      reason,
      currency: "USD",
      reversals: reversalLines.get(reason)!.count,
      amount: money(reversalLines.get(reason)!.amount),
    })),
    ...(months === 12
      ? {
          persons_paid_by_month: period.months.map((month) => ({
            month,
            persons: new Set(
              inPeriod
                .filter((r) => localDay(r.occurred_at, country).startsWith(month))
                .map((r) => r.worker_ref),
            ).size,
          })),
        }
      : {}),
  };
}

let inst: LocalInstance;
let platform: PlatformAccount;
let agencyUS: string;
let agencyGB: string;

beforeAll(async () => {
  inst = await startLocalInstance();
  platform = await inst.createPlatform("crowdflower");
  const summary = await replay({
    csvPath: SAMPLE,
    baseUrl: inst.baseUrl,
    platform: platform.slug,
    secret: platform.webhookSecret,
    batchSize: 500,
    concurrency: 2,
    shiftTo: SHIFT_TO,
  });
  expect([...summary.rejections]).toEqual([["invalid-event worker.country", 2]]);
  expect(summary.counts).toMatchObject({ recorded: allPayouts.length - extraPayouts.length, failed: 0 });
  const payout = (r: Row) => ({
    id: r.event_id,
    type: "payout",
    occurred_at: r.occurred_at,
    worker: { id: r.worker_ref, country: r.country, status: r.status },
    amount: r.amount,
    currency: r.currency,
    task: { type: "RelEx", duration_s: Number(r.duration_s) },
  });
  const reversal = (rv: Reversal) => {
    const target = allPayouts.find((r) => r.event_id === rv.reverses)!;
    return {
      id: rv.event_id,
      type: "reversal",
      occurred_at: new Date(Date.parse(target.occurred_at) + 3_600_000).toISOString(),
      worker: { id: target.worker_ref, country: "US" },
      amount: rv.amount,
      currency: "USD",
      reverses: rv.reverses,
      ...(rv.reason ? { reason: rv.reason, reason_note: "sent by the test" } : {}),
    };
  };
  const res = await platform.sender.send({
    events: [...extraPayouts.map(payout), ...reversals.map(reversal)],
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(
    Array(6).fill("recorded"),
  );
  agencyUS = await inst.createAgency(["US"]);
  agencyGB = await inst.createAgency(["GB"]);
}, 120_000);
afterAll(async () => {
  await inst?.close();
});

const report = async (key: string, query: string) => {
  const res = await fetch(`${inst.baseUrl}/v1/reports/platform-work?${query}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return res;
};

describe("the platform-work report over the replayed sample", () => {
  it("uses the documented bands", () => {
    expect(BANDS.task_hours_per_month.map((b) => b.from)).toEqual(HOUR_EDGES);
    expect(BANDS.earnings_per_month.map((b) => b.from)).toEqual(EARNING_EDGES);
  });

  for (const [country, key] of [
    ["US", "2025-H1"],
    ["US", "2025-H2"],
    ["US", "2025"],
    ["GB", "2025-H2"],
  ] as const) {
    it(`${country} ${key}: every figure equals the independent computation from the CSV rows`, async () => {
      const res = await report(
        country === "US" ? agencyUS : agencyGB,
        `jurisdiction=${country}&period=${key}`,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        platforms: unknown[];
        cannot_know: string[];
        months: number;
        chain_head: { event_seq: number };
      };
      const want = expected(country, periods[key]!);
      expect(want.persons_paid).toBeGreaterThan(10);
      // The extra payouts put persons in more than one band of each kind (US, second half and year).
      if (country === "US" && key !== "2025-H1") {
        expect(want.by_task_hours.filter((b) => b.persons > 0).length).toBeGreaterThan(1);
        expect(
          want.by_earnings.filter((b) => b.persons > 0).length + (key === "2025" ? 1 : 0),
        ).toBeGreaterThan(1);
      }
      expect(body.platforms).toEqual([want]);
      expect(body.months).toBe(periods[key]!.months.length);
      expect(body.cannot_know.join(" ")).toContain("worker.status");
      expect(body.chain_head.event_seq).toBe(allPayouts.length + reversals.length);
    });
  }

  it("serves the same figures as CSV, one per row", async () => {
    const res = await report(agencyUS, "jurisdiction=US&period=2025-H2&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows = parse(await res.text(), { columns: true }) as {
      platform: string;
      measure: string;
      category: string;
      currency: string;
      value: string;
    }[];
    const want = expected("US", periods["2025-H2"]!);
    expect(rows.find((r) => r.measure === "persons_paid")!.value).toBe(String(want.persons_paid));
    expect(rows.find((r) => r.measure === "average_task_hours_per_week")!.value).toBe(
      want.average_task_hours_per_week,
    );
    expect(rows.filter((r) => r.measure === "reversals").map((r) => [r.category, r.value])).toEqual(
      want.reversals_by_reason.map((r) => [r.reason, String(r.reversals)]),
    );
  });

  it("is the agency's own jurisdiction only; bad input is a 422 problem", async () => {
    expect((await report(agencyGB, "jurisdiction=US&period=2025-H2")).status).toBe(403);
    for (const query of [
      "jurisdiction=US&period=2025-H3",
      "jurisdiction=US&period=2026-07",
      "jurisdiction=XX&period=2025-H2",
      "jurisdiction=US&period=2025-H2&format=xml",
      "jurisdiction=US",
    ]) {
      const res = await report(agencyUS, query);
      expect(res.status, query).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});
