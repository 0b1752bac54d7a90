/**
 * The platform-work transparency report (issue 16; EU Platform Work Directive 2024/2831, art. 17 on
 * information to labour and social-protection authorities, at least every six months): per platform, for
 * one jurisdiction and one half-year ("2026-H2") or calendar year ("2026", the yearly file, see below):
 *
 * - `persons_paid`: distinct ledger subjects the platform paid (payouts dated, local date, in the period);
 * - `by_task_hours`: those persons by band of average monthly task hours (Σ task_duration_s of their
 *   payouts ÷ 3600 ÷ months of the period); persons none of whose payouts carried a duration are in the
 *   band `no-durations`;
 * - `persons_with_task_durations`: persons with at least one payout carrying `task.duration_s`;
 * - `average_task_hours_per_week`: Σ task hours ÷ persons with task durations ÷ (days of the period ÷ 7),
 *   rounded half-up to 2 decimals (null when nobody reported durations);
 * - `income`: per payout currency, persons paid in it, their net income (payouts − their reversals with
 *   sequence ≤ the head) in total, per person and per person per month, rounded half-up to the minor unit;
 * - `by_earnings`: per currency, persons by band of average monthly net income in that currency;
 * - `by_contractual_status`: persons by the `worker.status` their latest payout of the period that
 *   carried one said, and `not_sent`;
 * - `reversals_by_reason`: src/agency-reports/reversals-by-reason.ts over the same months.
 * With a calendar-year period, each platform also has `persons_paid_by_month` (12 counts): France's
 * arrêté of 25 April 2024 (under décret n° 2024-388) asks ride-hailing and delivery platforms for a
 * yearly, machine-readable file to the ARPE by 1 April with, among others, the number of active worker
 * accounts on the first day of each month; the ledger knows payouts, not accounts, so this is the nearest
 * figure it holds (README "Platform-work transparency report" says what is inferred).
 *
 * Bands (BANDS, also in the report): task hours per month [0,10), [10,43), [43,87), [87,152), [152,∞):
 * 43 and 87 h a month are 10 and 20 h a week (× 52/12), the thresholds between "marginal", "secondary"
 * and "main" platform work in the JRC's COLLEEM surveys; 152 h ≈ 35 h a week, full time; under 10 h a
 * month splits off occasional work. Earnings per month, in major units of each payout currency:
 * [0,100), [100,500), [500,1000), [1000,2000), [2000,∞) (a net income ≤ 0 falls in the first): round
 * figures of our choice, since no law sets earnings bands; they are not comparable across currencies.
 * Lower bounds inclusive, upper exclusive; compared in integers (seconds, minor units) in SQL.
 *
 * I/O: `platformWorkReport` seals first and reads only events with sequence ≤ the head (so the figures
 * and the head agree); four grouped SQL statements (hours bands and sums, earnings bands and sums,
 * status, persons per month) and the reversals query. The divisions for the averages are exact (Dec)
 * and rounded once, half-up.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/database.js";
import type { ReportDeps } from "./report-deps.js";
import { Dec, formatAmount, fromMinor, powerOfTen, exponentOf } from "../domain/money.js";
import { countBy, sumBy } from "../domain/grouping.js";
import { compareCodeUnits } from "../domain/ordering.js";
import type { ChainHead } from "../ledger/seal.js";
import type { PlatformWork, PlatformWorkReport, ReasonLine } from "../schemas/platform-work.js";
import { reversalsByReason } from "./reversals-by-reason.js";

/** A report period: half-year "YYYY-H1" / "YYYY-H2", or a calendar year "YYYY" (the yearly file). */
export interface WorkPeriod {
  key: string;
  /** First local day, inclusive. */
  from: string;
  /** Local day after the last, exclusive. */
  to: string;
  /** Months "YYYY-MM" of the period. */
  months: string[];
  days: number;
  yearly: boolean;
}

export const WORK_PERIOD_PATTERN = /^(\d{4})(?:-H([12]))?$/;

/** The period a key names; undefined when it is not "YYYY", "YYYY-H1" or "YYYY-H2". */
export function workPeriod(key: string): WorkPeriod | undefined {
  const match = WORK_PERIOD_PATTERN.exec(key);
  if (!match) return undefined;
  const year = Number(match[1]);
  const half = match[2] === undefined ? undefined : Number(match[2]);
  const first = half === 2 ? 7 : 1;
  const count = half === undefined ? 12 : 6;
  const months = Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, "0")}`);
  const from = `${months[0]}-01`;
  const to = half === 1 ? `${year}-07-01` : `${year + 1}-01-01`;
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return { key, from, to, months, days, yearly: half === undefined };
}

interface Band {
  code: string;
  /** Lower bound, inclusive (hours a month, or major currency units a month). */
  from: number;
  /** Upper bound, exclusive; null: open. */
  to: number | null;
}

const bands = (edges: number[], unit: string): Band[] =>
  edges.map((from, i) => ({
    code: `${from}-${edges[i + 1] ?? "plus"}${unit}`,
    from,
    to: edges[i + 1] ?? null,
  }));

/** The activity bands of the report (see the module comment for their source). */
export const BANDS = {
  task_hours_per_month: bands([0, 10, 43, 87, 152], "h"),
  earnings_per_month: bands([0, 100, 500, 1000, 2000], ""),
  no_durations: "no-durations",
  source:
    "Task hours a month: 43 and 87 h are 10 and 20 h a week (x 52/12), the marginal/secondary/main thresholds of the JRC COLLEEM surveys of platform workers; 152 h is about 35 h a week (full time); under 10 h is occasional work. Earnings a month, in major units of each payout currency: round figures chosen by this project (no law sets earnings bands), not comparable across currencies.",
} as const;

/** What the ledger cannot know, stated in every report. */
export const CANNOT_KNOW = [
  "Contractual status is known only where the platform sent worker.status with the payouts; other persons are counted under not_sent.",
  "Working time is task time as platforms report it (task.duration_s); waiting and searching time and unpaid work are not in the ledger.",
  "Persons are ledger subjects per platform: a person known by a national id is one subject; a person paid by two platforms is counted once by each.",
  "Income is net payouts recorded in the ledger (payouts minus their reversals), before any costs the worker bears; pay outside the ledger is not counted.",
  "The ledger records payouts, not accounts: persons with an account and no payout in the period are not counted.",
] as const;

/** Payouts of the period with their net amount (reversals up to the head subtracted, found through index ledger_events_reversal_no). */
function payoutsCte(jurisdiction: string, period: WorkPeriod, head: number) {
  return sql`
    WITH pay AS (
      SELECT o.id, o.platform_id, o.subject_key, o.currency, o.local_date, o.task_duration_s, o.worker_status,
             o.amount_minor - (SELECT coalesce(sum(r.amount_minor), 0) FROM ledger_events r
                               WHERE r.platform_id = o.platform_id AND r.reverses_event_id = o.event_id AND r.id <= ${head}) AS net_minor
      FROM ledger_events o
      WHERE o.type = 'payout' AND o.jurisdiction = ${jurisdiction} AND o.local_date >= ${period.from} AND o.local_date < ${period.to} AND o.id <= ${head}
    )`;
}

/** SQL CASE naming the band of `value` against `edges` scaled by `scale` (an SQL expression). */
function bandCase(value: ReturnType<typeof sql>, list: readonly Band[], scale: ReturnType<typeof sql>) {
  const arms = list.flatMap((band, i) => {
    const next = list[i + 1];
    return next ? [sql`WHEN ${value} < ${next.from} * ${scale} THEN ${band.code}`] : [];
  });
  const last = list.at(-1);
  if (!last) throw new Error("a band list holds at least one band");
  return sql`CASE ${sql.join(arms, sql` `)} ELSE ${last.code} END`;
}

type Row = Record<string, unknown>;

async function loadFigures(db: Db, jurisdiction: string, period: WorkPeriod, head: number) {
  const pay = payoutsCte(jurisdiction, period, head);
  const months = period.months.length;
  const hoursBand = bandCase(sql`dur_s`, BANDS.task_hours_per_month, sql.raw(String(3600 * months)));
  const hours = db.all<Row>(sql`${pay}, person AS (
      SELECT platform_id, subject_key, sum(task_duration_s) AS dur_s FROM pay GROUP BY platform_id, subject_key
    )
    SELECT p.slug AS platform, CASE WHEN dur_s IS NULL THEN ${BANDS.no_durations} ELSE ${hoursBand} END AS band,
           count(*) AS persons, coalesce(sum(dur_s), 0) AS dur_s
    FROM person JOIN platforms p ON p.id = person.platform_id GROUP BY p.slug, band`);
  const currencies = await db.all<{ currency: string }>(sql`${pay} SELECT DISTINCT currency FROM pay`);
  const factors =
    currencies.length === 0
      ? sql`SELECT '' AS currency, 1 AS factor`
      : sql.join(
          currencies.map(
            (c) =>
              sql`SELECT ${c.currency} AS currency, ${powerOfTen(exponentOf(c.currency)).toNumber()} AS factor`,
          ),
          sql` UNION ALL `,
        );
  const earningsBand = bandCase(sql`net`, BANDS.earnings_per_month, sql`factor * ${months}`);
  const earnings = db.all<Row>(sql`${pay}, cur AS (${factors}), person AS (
      SELECT platform_id, subject_key, currency, sum(net_minor) AS net FROM pay GROUP BY platform_id, subject_key, currency
    )
    SELECT p.slug AS platform, person.currency AS currency, ${earningsBand} AS band, count(*) AS persons, sum(net) AS net
    FROM person JOIN cur ON cur.currency = person.currency JOIN platforms p ON p.id = person.platform_id
    GROUP BY p.slug, person.currency, band`);
  const status = db.all<Row>(sql`${pay}, latest AS (
      SELECT platform_id, worker_status, row_number() OVER (PARTITION BY platform_id, subject_key ORDER BY id DESC) AS n
      FROM pay WHERE worker_status IS NOT NULL
    )
    SELECT p.slug AS platform, worker_status AS status, count(*) AS persons FROM latest JOIN platforms p ON p.id = latest.platform_id
    WHERE n = 1 GROUP BY p.slug, worker_status`);
  const byMonth = period.yearly
    ? db.all<Row>(sql`${pay} SELECT p.slug AS platform, substr(local_date, 1, 7) AS month, count(DISTINCT subject_key) AS persons
        FROM pay JOIN platforms p ON p.id = pay.platform_id GROUP BY p.slug, month`)
    : Promise.resolve([] as Row[]);
  const reversals = reversalsByReason(db, jurisdiction, period.from, period.to, head);
  return {
    hours: await hours,
    earnings: await earnings,
    status: await status,
    byMonth: await byMonth,
    reversals: await reversals,
  };
}

const n = (v: unknown) => Number(v);

/** Assembles one platform's figures from the grouped rows (pure). */
function platformFigures(
  slug: string,
  figures: Awaited<ReturnType<typeof loadFigures>>,
  period: WorkPeriod,
): PlatformWork {
  const mine = <T extends Row | ReasonLine>(rows: T[]) => rows.filter((r) => r.platform === slug);
  const hours = mine(figures.hours);
  const persons = countBy(hours, (r) => n(r.persons));
  const timed = hours.filter((r) => r.band !== BANDS.no_durations);
  const timedPersons = countBy(timed, (r) => n(r.persons));
  const seconds = sumBy(timed, (r) => n(r.dur_s));
  const weeks = new Dec(period.days).div(7);
  const bandOrder = [...BANDS.task_hours_per_month.map((b) => b.code), BANDS.no_durations];
  const earnings = mine(figures.earnings);
  const currencies = [...new Set(earnings.map((r) => String(r.currency)))].sort(compareCodeUnits);
  const status = mine(figures.status);
  const statusCount = (s: string) => n(status.find((r) => r.status === s)?.persons ?? 0);
  const months = period.months.length;
  return {
    platform: slug,
    persons_paid: persons,
    persons_with_task_durations: timedPersons,
    by_task_hours: bandOrder.map((band) => ({
      band,
      persons: n(hours.find((r) => r.band === band)?.persons ?? 0),
    })),
    average_task_hours_per_week:
      timedPersons === 0
        ? null
        : seconds.div(3600).div(timedPersons).div(weeks).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2),
    income: currencies.map((currency) => {
      const lines = earnings.filter((r) => r.currency === currency);
      const people = countBy(lines, (r) => n(r.persons));
      const total = sumBy(lines, (r) => fromMinor(n(r.net), currency));
      return {
        currency,
        persons: people,
        total: formatAmount(total, currency),
        average_per_person: formatAmount(total.div(people), currency),
        average_per_person_per_month: formatAmount(total.div(people).div(months), currency),
      };
    }),
    by_earnings: currencies.flatMap((currency) =>
      BANDS.earnings_per_month.map((b) => ({
        currency,
        band: b.code,
        persons: n(earnings.find((r) => r.currency === currency && r.band === b.code)?.persons ?? 0),
      })),
    ),
    by_contractual_status: {
      employee: statusCount("employee"),
      self_employed: statusCount("self-employed"),
      not_sent: persons - statusCount("employee") - statusCount("self-employed"),
    },
    reversals_by_reason: mine(figures.reversals).map(({ platform: _platform, ...line }) => line),
    ...(period.yearly
      ? {
          persons_paid_by_month: period.months.map((month) => ({
            month,
            persons: n(figures.byMonth.find((r) => r.platform === slug && r.month === month)?.persons ?? 0),
          })),
        }
      : {}),
  };
}

/** The report for `jurisdiction` over `period`, sealed first; platforms sorted by slug. */
export async function platformWorkReport(
  deps: Pick<ReportDeps, "database" | "sealer" | "now">,
  jurisdiction: string,
  period: WorkPeriod,
): Promise<PlatformWorkReport> {
  const head: ChainHead = await deps.sealer.flush();
  const figures = await loadFigures(deps.database.db, jurisdiction, period, head.eventSeq);
  const slugs = [
    ...new Set([
      ...figures.hours.map((r) => String(r.platform)),
      ...figures.reversals.map((r) => r.platform),
    ]),
  ].sort(compareCodeUnits);
  return {
    jurisdiction,
    period: period.key,
    from: period.from,
    to_exclusive: period.to,
    months: period.months.length,
    weeks: new Dec(period.days).div(7).toDecimalPlaces(4, Dec.ROUND_HALF_UP).toString(),
    generated_at: deps.now().toISOString(),
    chain_head: { event_seq: head.eventSeq, hash: head.hash },
    bands: BANDS,
    platforms: slugs.map((slug) => platformFigures(slug, figures, period)),
    cannot_know: CANNOT_KNOW,
  };
}

/** The CSV columns of the report: one row per figure (long format). */
export const PLATFORM_WORK_COLUMNS = ["platform", "measure", "category", "currency", "value"] as const;

/** The report as CSV rows (header excluded), in PLATFORM_WORK_COLUMNS order. */
export function platformWorkCsvRows(report: PlatformWorkReport): string[][] {
  return report.platforms.flatMap((p) => [
    [p.platform, "persons_paid", "", "", String(p.persons_paid)],
    [p.platform, "persons_with_task_durations", "", "", String(p.persons_with_task_durations)],
    ...p.by_task_hours.map((b) => [
      p.platform,
      "persons_by_task_hours_per_month",
      b.band,
      "",
      String(b.persons),
    ]),
    [p.platform, "average_task_hours_per_week", "", "", p.average_task_hours_per_week ?? ""],
    ...p.income.flatMap((i) => [
      [p.platform, "persons_paid_in_currency", "", i.currency, String(i.persons)],
      [p.platform, "income_total", "", i.currency, i.total],
      [p.platform, "average_income_per_person", "", i.currency, i.average_per_person],
      [p.platform, "average_income_per_person_per_month", "", i.currency, i.average_per_person_per_month],
    ]),
    ...p.by_earnings.map((b) => [
      p.platform,
      "persons_by_earnings_per_month",
      b.band,
      b.currency,
      String(b.persons),
    ]),
    [p.platform, "persons_by_contractual_status", "employee", "", String(p.by_contractual_status.employee)],
    [
      p.platform,
      "persons_by_contractual_status",
      "self-employed",
      "",
      String(p.by_contractual_status.self_employed),
    ],
    [p.platform, "persons_by_contractual_status", "not_sent", "", String(p.by_contractual_status.not_sent)],
    ...p.reversals_by_reason.flatMap((r) => [
      [p.platform, "reversals", r.reason, r.currency, String(r.reversals)],
      [p.platform, "reversed_amount", r.reason, r.currency, r.amount],
    ]),
    ...(p.persons_paid_by_month ?? []).map((m) => [
      p.platform,
      "persons_paid_in_month",
      m.month,
      "",
      String(m.persons),
    ]),
  ]);
}
