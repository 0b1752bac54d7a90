/**
 * A worker's own record (docs/design.md §1 and 5): every payout, reversal and contribution of one ledger
 * subject across every platform (an agency-issued link) or on one platform (a platform-issued link), month
 * by month and platform by platform, with totals to date and the rule versions (with their legal sources)
 * that were applied. Read through a worker access link. The CSV neutralises formula cells (csv-cells.ts).
 *
 * Three parts:
 * - I/O for the page and record.json: `loadWorkerLedger` reads per-month aggregates, never every row:
 *   event sums per (month, platform, type, currency), contribution sums per (month, platform, rule
 *   version, contribution period) with each line's base from its accruals' carried totals where the
 *   line's entries are a whole sequence range of one accrual (else summed; as in
 *   src/agency-reports/report-rows.ts), the lines' distinct bases, the rule versions applied, and
 *   the pay-per-hour inputs summed per day (src/worker-record/effective-pay.ts `PayEvent.count`); each
 *   statement returns one JSON text, so a worker with 10,000 payouts costs a few hundred aggregates.
 * - Pure: `assembleWorkerRecord` (the page's data and its JSON twin) from those aggregates.
 * - The export: `workerRecordCsvChunks`, the full record (one CSV row per event and per entry) streamed
 *   from the database in pages of events (keyset on the ledger sequence), flat memory.
 *
 * Months: an entry's `month` is the local month (jurisdiction time zone) of the payout it belongs to; a
 * reversal is counted in its payout's month, like its (negative) entries, so a month shows its corrections.
 * Money: contributions are sums of the entries' integer `amount_minor` in the rule's currency, so every
 * total is exactly the sum of the rows it covers; payouts are sums of the events' `amount_minor` per
 * currency; bases are exact decimal sums of `base_delta`, rounded half-up to the minor unit for display.
 * Sums are carried in Dec (formatMinor/formatAmount, src/domain/money.ts), so a total past 2^53 minor units still renders.
 * Coverage: the ledger records contributions, not insurance status. Each month lists its contributions
 * per scheme with a `coverage` slot from the dated coverage rules (src/db/seed/coverage-rules.ts, via
 * coverage.ts monthCoverage): `counts`, `does_not_count` with the amount still missing, or
 * `not_assessed` where the ledger holds no monthly condition for the scheme (e.g. yearly US credits).
 */
import { stringify } from "csv-stringify/sync";
import { csvCellOptions } from "../domain/csv-cells.js";
import { asc, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/database.js";
import type { FxRates } from "../db/fx-repo.js";
import { publicRule, type RuleRow } from "../db/rules-repo.js";
import { monthCoverage } from "../agency-reports/coverage.js";
import { contributionRules } from "../db/schema.js";
import { compositeKey, groupBy, SumsByKey } from "../domain/grouping.js";
import { Dec, formatAmount, formatMinor } from "../domain/money.js";
import { byKeys, compareCodeUnits } from "../domain/ordering.js";
import type { EntryRow, EventRow, Money } from "../ledger/event-result.js";
import type {
  ContributionRow,
  CountedMoney,
  MonthScheme,
  PlatformMonth,
  RecordSchemeTotal,
  WorkerRecord,
} from "../schemas/worker-record.js";
import type { Basis } from "../domain/explanation.js";
import { whyInEnglish } from "../i18n/why.js";
import { effectivePay, loadPayContext, type PayContext, type PayEvent } from "./effective-pay.js";

/** The contribution fields a line shows (fixed by its rule version). */
type LineFields = Pick<
  EntryRow,
  "ruleId" | "ruleCode" | "jurisdiction" | "scheme" | "payer" | "periodKey" | "currency"
>;

/** Events of one (month, platform, type, currency): how many, and their amounts summed (minor units). */
export interface EventSum {
  month: string;
  platformId: number;
  type: "payout" | "reversal";
  currency: string;
  count: number;
  minor: Dec;
}

/** Entries of one (month, platform, rule version, contribution period), summed. */
export interface LineSum extends LineFields {
  month: string;
  platformId: number;
  /** Sum of the entries' amount_minor. */
  minor: Dec;
  /** Exact sum of the entries' base_delta. */
  base: Dec;
  /** The entries' distinct bases (JSON text), in the order of their first entry. */
  bases: string[];
}

/** What the page and record.json are built from: aggregates of one subject (the I/O half's output). */
export interface WorkerLedger {
  /** Platforms of the subject's events, by id. */
  platforms: Map<number, { slug: string; name: string }>;
  events: EventSum[];
  lines: LineSum[];
  rules: RuleRow[];
  /** The pay-per-hour inputs, summed per day (`PayEvent.count`). */
  payEvents: PayEvent[];
  /** Minimum wages and exchange rates for the pay-per-hour comparison. */
  pay: PayContext;
}

/** A statement's single JSON-array text column, parsed (an empty array for none). */
async function jsonRows<T>(db: Db, query: SQL): Promise<T[]> {
  const [row] = await db.all<{ rows: string | null }>(query);
  return row?.rows ? (JSON.parse(row.rows) as T[]) : [];
}

/** The scope of a subject's events (`ev`) or entries (`en`): every platform's with a null `platformId`, else that platform's. */
function subjectScope(alias: "ev" | "en", subjectKey: string, platformId: number | null): SQL {
  const column = sql.raw(alias);
  return platformId === null
    ? sql`${column}.subject_key = ${subjectKey}`
    : sql`${column}.subject_key = ${subjectKey} AND ${column}.platform_id = ${platformId}`;
}

/** The platforms of the subject's events, by id. */
async function readPlatforms(db: Db, eventScope: SQL): Promise<WorkerLedger["platforms"]> {
  const rows = await jsonRows<[number, string, string]>(
    db,
    sql`SELECT json_group_array(json_array(p.id, p.slug, p.name)) AS rows FROM platforms p WHERE p.id IN (SELECT DISTINCT ev.platform_id FROM ledger_events ev WHERE ${eventScope})`,
  );
  return new Map(rows.map(([id, slug, name]) => [id, { slug, name }]));
}

/** Event sums per (month, platform, type, currency); a reversal is reported in its payout's month (the same platform's payout it names). */
async function readEventSums(db: Db, eventScope: SQL): Promise<EventSum[]> {
  const rows = await jsonRows<[string, number, "payout" | "reversal", string, number, string]>(
    db,
    sql`SELECT json_group_array(json_array(month, platform_id, type, currency, n, minor)) AS rows FROM (
        SELECT coalesce(substr(po.local_date, 1, 7), substr(ev.local_date, 1, 7)) AS month, ev.platform_id, ev.type, ev.currency, count(*) AS n, CAST(sum(ev.amount_minor) AS TEXT) AS minor
        FROM ledger_events ev LEFT JOIN ledger_events po ON ev.type = 'reversal' AND po.platform_id = ev.platform_id AND po.event_id = ev.reverses_event_id AND po.type = 'payout' AND po.subject_key = ev.subject_key
        WHERE ${eventScope} GROUP BY 1, 2, 3, 4)`,
  );
  return rows.map(([month, platformId, type, currency, count, minor]) => ({
    month,
    platformId,
    type,
    currency,
    count,
    minor: new Dec(minor),
  }));
}

/** A line's cell and rule version: the key of its distinct bases. */
const lineKey = (month: string, platformId: number, ruleId: number, periodKey: string) =>
  compositeKey(month, platformId, ruleId, periodKey);

/** The distinct bases (JSON text) of each line (`lineKey`), in the order of their first entry. */
async function readLineBases(db: Db, entryScope: SQL): Promise<Map<string, string[]>> {
  const rows = await jsonRows<[string, number, number, string, string]>(
    db,
    sql`SELECT json_group_array(json_array(month, platform_id, rule_id, period_key, basis)) AS rows FROM (
        SELECT en.month, en.platform_id, en.rule_id, en.period_key, en.basis, min(en.id) AS first FROM ledger_entries en WHERE ${entryScope} AND en.basis IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5 ORDER BY first)`,
  );
  const groups = groupBy(rows, ([month, platformId, ruleId, period]) =>
    lineKey(month, platformId, ruleId, period),
  );
  return new Map([...groups].map(([key, group]) => [key, group.map(([, , , , basis]) => basis)]));
}

/** Contribution sums per (month, platform, rule version, contribution period), bases from carried totals (module doc). */
async function readLineSums(db: Db, entryScope: SQL): Promise<LineSum[]> {
  const [rows, basesOf] = await Promise.all([
    jsonRows<
      [
        string,
        number,
        number,
        string,
        string,
        string,
        string,
        "worker" | "platform",
        string,
        string,
        string | unknown[],
      ]
    >(
      db,
      sql`SELECT json_group_array(json_array(month, platform_id, rule_id, period_key, rule_code, jurisdiction, scheme, payer, currency, minor, base)) AS rows FROM (
        SELECT g.month, g.platform_id, g.rule_id, g.period_key, g.rule_code, g.jurisdiction, g.scheme, g.payer, g.currency, CAST(sum(g.minor) AS TEXT) AS minor,
               json_group_array(CASE WHEN g.whole AND l.seq = g.s1 AND (g.s0 = 1 OR b.id IS NOT NULL) THEN json_array(l.base_to_date, b.base_to_date) ELSE json_array(g.deltas) END) AS base
        FROM (
          SELECT en.month, en.platform_id, en.rule_id, en.period_key, en.rule_code, en.jurisdiction, en.scheme, en.payer, en.currency, en.subject_key, en.accrual_key,
                 sum(en.amount_minor) AS minor, min(en.seq) AS s0, max(en.seq) AS s1, max(en.id) AS last_id,
                 count(*) = max(en.seq) - min(en.seq) + 1 AS whole, group_concat(en.base_delta, ',') AS deltas
          FROM ledger_entries en WHERE ${entryScope}
          GROUP BY en.month, en.platform_id, en.rule_id, en.period_key, en.subject_key, en.rule_code, en.accrual_key
        ) AS g
        LEFT JOIN ledger_entries l ON l.id = g.last_id
        LEFT JOIN ledger_entries b ON g.s0 > 1 AND b.subject_key = g.subject_key AND b.rule_code = g.rule_code AND b.accrual_key = g.accrual_key AND b.seq = g.s0 - 1
        GROUP BY g.month, g.platform_id, g.rule_id, g.period_key)`,
    ),
    readLineBases(db, entryScope),
  ]);
  return rows.map(
    ([
      month,
      platformId,
      ruleId,
      periodKey,
      ruleCode,
      jurisdiction,
      scheme,
      payer,
      currency,
      minor,
      base,
    ]): LineSum => ({
      month,
      platformId,
      ruleId,
      periodKey,
      ruleCode,
      jurisdiction,
      scheme,
      payer,
      currency,
      minor: new Dec(minor),
      base: lineBase(base),
      bases: basesOf.get(lineKey(month, platformId, ruleId, periodKey)) ?? [],
    }),
  );
}

/** The rule versions `lines` applied, by id. */
async function readRules(db: Db, lines: readonly LineSum[]): Promise<RuleRow[]> {
  const ruleIds = [...new Set(lines.map((l) => l.ruleId))];
  return ruleIds.length === 0
    ? []
    : await db
        .select()
        .from(contributionRules)
        .where(inArray(contributionRules.id, ruleIds))
        .orderBy(asc(contributionRules.id));
}

/** The pay-per-hour inputs summed per (jurisdiction, currency, day, timed): one payout event and, when reversed, one reversal event each. */
async function readPayDays(db: Db, eventScope: SQL): Promise<PayEvent[]> {
  const rows = await jsonRows<[string, string, string, number, string, number | null, number, string | null]>(
    db,
    sql`SELECT json_group_array(json_array(jurisdiction, currency, local_date, n, minor, seconds, rv_n, rv_minor)) AS rows FROM (
        SELECT ev.jurisdiction, ev.currency, ev.local_date, coalesce(ev.task_duration_s > 0, 0) AS timed, count(*) AS n, CAST(sum(ev.amount_minor) AS TEXT) AS minor,
               CASE WHEN coalesce(ev.task_duration_s > 0, 0) THEN sum(ev.task_duration_s) END AS seconds, coalesce(sum(rv.n), 0) AS rv_n, CAST(sum(rv.minor) AS TEXT) AS rv_minor
        FROM ledger_events ev
        LEFT JOIN (SELECT ev.platform_id, ev.reverses_event_id, count(*) AS n, sum(ev.amount_minor) AS minor FROM ledger_events ev WHERE ${eventScope} AND ev.type = 'reversal' GROUP BY 1, 2) AS rv
          ON rv.platform_id = ev.platform_id AND rv.reverses_event_id = ev.event_id
        WHERE ${eventScope} AND ev.type = 'payout' GROUP BY 1, 2, 3, 4)`,
  );
  return rows.flatMap(
    ([jurisdiction, currency, localDate, count, minor, seconds, reversals, reversedMinor], k): PayEvent[] => {
      const payout: PayEvent = {
        platformId: 0,
        eventId: `day-${k}`,
        type: "payout",
        reversesEventId: null,
        localDate,
        jurisdiction,
        amountMinor: Number(minor),
        currency,
        taskDurationS: seconds,
        count,
      };
      return reversals > 0
        ? [
            payout,
            {
              ...payout,
              eventId: `day-${k}-r`,
              type: "reversal",
              reversesEventId: payout.eventId,
              amountMinor: Number(reversedMinor),
              taskDurationS: null,
              count: reversals,
            },
          ]
        : [payout];
    },
  );
}

/**
 * Reads the subject's aggregates (module doc); with `platformId`, only what that platform reported (a
 * platform-issued link), with null every platform's (an agency-issued link).
 */
export async function loadWorkerLedger(
  db: Db,
  fx: FxRates,
  subjectKey: string,
  platformId: number | null,
): Promise<WorkerLedger> {
  const eventScope = subjectScope("ev", subjectKey, platformId);
  const entryScope = subjectScope("en", subjectKey, platformId);
  const [platforms, events, lines, payEvents] = await Promise.all([
    readPlatforms(db, eventScope),
    readEventSums(db, eventScope),
    readLineSums(db, entryScope),
    readPayDays(db, eventScope),
  ]);
  const [rules, pay] = await Promise.all([readRules(db, lines), loadPayContext(db, fx, payEvents)]);
  return { platforms, events, lines, rules, payEvents, pay };
}

/**
 * A line's exact base from its accruals' parts (JSON text, one per accrual): `[last, prior]` base_to_date
 * of a whole sequence range (prior null before seq 1), or `[deltas]` (comma-joined base_delta) to sum.
 */
function lineBase(parts: string | unknown[]): Dec {
  let base = new Dec(0);
  for (const part of (typeof parts === "string" ? JSON.parse(parts) : parts) as (
    | [string, string | null]
    | [string]
  )[]) {
    if (part.length === 2) base = base.plus(part[0]).minus(part[1] ?? 0);
    else for (const delta of part[0].split(",")) base = base.plus(delta);
  }
  return base;
}

const eventKey = (platformId: number, eventId: string) => `${platformId}:${eventId}`;

/** Sums per currency of (currency, integer minor units, count) items, sorted by currency (code units), with their counts. */
function byCurrency(
  items: Iterable<{ currency: string; minor: Dec | number; count?: number }>,
): CountedMoney[] {
  const sums = new SumsByKey<string, "minor">(["minor"]);
  for (const i of items) sums.add(i.currency, i.currency, { minor: i.minor }, i.count ?? 1);
  return sums
    .slots()
    .sort((a, b) => compareCodeUnits(a.item, b.item))
    .map((s) => ({ amount: formatMinor(s.sums.minor, s.item), currency: s.item, count: s.count }));
}

const money = (items: Iterable<{ currency: string; minor: Dec }>): Money[] =>
  byCurrency(items).map(({ amount, currency }) => ({ amount, currency }));
const eventMoney = (events: readonly EventSum[], type: EventSum["type"]) =>
  byCurrency(events.filter((e) => e.type === type));

const payerOrder = (p: "worker" | "platform") => (p === "worker" ? 0 : 1);

/** A contribution row before formatting: its integer total and the cell it belongs to (`entry`: its rule's fields). */
interface Line {
  month: string;
  platformId: number;
  entry: LineFields;
  /** Sum of the entries' amount_minor. */
  minor: Dec;
  base: Dec;
  /** The entries' distinct bases (JSON text). */
  bases: readonly string[];
}

const lineOrder = byKeys<Line>(
  (l) => l.entry.jurisdiction,
  (l) => l.entry.scheme,
  (l) => payerOrder(l.entry.payer),
  (l) => l.entry.ruleCode,
  (l) => l.entry.periodKey,
  (l) => l.entry.ruleId,
);

function contributionRow(l: Line): ContributionRow {
  const e = l.entry;
  return {
    rule_id: e.ruleId,
    rule: e.ruleCode,
    jurisdiction: e.jurisdiction,
    scheme: e.scheme,
    payer: e.payer,
    period: e.periodKey,
    base: formatAmount(l.base, e.currency),
    amount: formatMinor(l.minor, e.currency),
    currency: e.currency,
    why: whyInEnglish(l.bases),
    facts: l.bases.map((b) => JSON.parse(b) as Basis),
  };
}

/** A month's contributions per (jurisdiction, scheme, currency), split by payer, with whether the month counts (coverage.ts). */
function monthSchemes(month: string, lines: readonly Line[]): MonthScheme[] {
  const sums = new SumsByKey<LineFields, "worker" | "platform">(["worker", "platform"]);
  for (const { entry: e, minor } of lines)
    sums.add(compositeKey(e.jurisdiction, e.scheme, e.currency), e, { [e.payer]: minor });
  return sums
    .slots()
    .sort(
      byKeys(
        (s) => s.item.jurisdiction,
        (s) => s.item.scheme,
        (s) => s.item.currency,
      ),
    )
    .map(({ item: { jurisdiction, scheme, currency }, sums: { worker, platform } }) => ({
      jurisdiction,
      scheme,
      currency,
      withheld_from_you: formatMinor(worker, currency),
      paid_by_platform: formatMinor(platform, currency),
      total: formatMinor(worker.plus(platform), currency),
      coverage: monthCoverage(jurisdiction, scheme, currency, month, worker.plus(platform)),
    }));
}

const amountsOf = (lines: readonly Line[], payer: "worker" | "platform") =>
  money(
    lines.filter((l) => l.entry.payer === payer).map((l) => ({ currency: l.entry.currency, minor: l.minor })),
  );

/** A month's lines, in `lineOrder`, and its platforms' figures. */
interface MonthLines {
  month: string;
  platforms: PlatformMonth[];
  lines: Line[];
}

/**
 * The months of the record, in month order; within a month the platforms by slug, each with its payouts,
 * reversals and contribution lines (a cell is a (month, platform) with an event or an entry).
 */
function monthLines(ledger: WorkerLedger, lines: readonly Line[]): MonthLines[] {
  const platformOf = ledger.platforms;
  const slugOf = (platformId: number) => platformOf.get(platformId)?.slug ?? `platform-${platformId}`;
  const cellKey = (month: string, platformId: number) => compositeKey(month, platformId);
  const eventsOf = groupBy(ledger.events, (e) => cellKey(e.month, e.platformId));
  const linesOf = groupBy(lines, (l) => cellKey(l.month, l.platformId));
  const cells = [
    ...new Map(
      [...ledger.events, ...lines].map((x) => [
        cellKey(x.month, x.platformId),
        { month: x.month, platformId: x.platformId },
      ]),
    ).values(),
  ].sort(
    byKeys(
      (c) => c.month,
      (c) => slugOf(c.platformId),
    ),
  );
  return [...groupBy(cells, (c) => c.month)].map(([month, monthCells]) => {
    const cellLines = monthCells.map((c) =>
      [...(linesOf.get(cellKey(c.month, c.platformId)) ?? [])].sort(lineOrder),
    );
    return {
      month,
      lines: cellLines.flat(),
      platforms: monthCells.map((c, k) => {
        const events = eventsOf.get(cellKey(c.month, c.platformId)) ?? [];
        return {
          platform: slugOf(c.platformId),
          platform_name: platformOf.get(c.platformId)?.name ?? slugOf(c.platformId),
          payouts: eventMoney(events, "payout"),
          reversals: eventMoney(events, "reversal"),
          contributions: (cellLines[k] ?? []).map(contributionRow),
        };
      }),
    };
  });
}

/** Contributions to date per jurisdiction, scheme, payer and currency, in that order (worker before platform). */
function schemeTotals(lines: readonly Line[]): RecordSchemeTotal[] {
  const sums = new SumsByKey<LineFields, "minor">(["minor"]);
  for (const { entry: e, minor } of lines)
    sums.add(compositeKey(e.jurisdiction, e.scheme, e.payer, e.currency), e, { minor });
  return sums
    .slots()
    .map(({ item: { jurisdiction, scheme, payer, currency }, sums: { minor } }) => ({
      jurisdiction,
      scheme,
      payer,
      currency,
      amount: formatMinor(minor, currency),
    }))
    .sort(
      byKeys(
        (t) => t.jurisdiction,
        (t) => t.scheme,
        (t) => payerOrder(t.payer),
        (t) => t.currency,
      ),
    );
}

/** The months with a net positive contribution in some currency, per jurisdiction and scheme (in first-seen month order). */
function recordedCoverage(lines: readonly Line[]): WorkerRecord["coverage"] {
  const sums = new SumsByKey<Line, "minor">(["minor"]);
  for (const l of lines)
    sums.add(compositeKey(l.entry.jurisdiction, l.entry.scheme, l.month, l.entry.currency), l, {
      minor: l.minor,
    });
  const covered = sums
    .slots()
    .filter((s) => s.sums.minor.gt(0))
    .map((s) => s.item);
  return [...groupBy(covered, (l) => compositeKey(l.entry.jurisdiction, l.entry.scheme)).values()]
    .map((group) => ({
      jurisdiction: group[0].entry.jurisdiction,
      scheme: group[0].entry.scheme,
      months: [...new Set(group.map((l) => l.month))],
    }))
    .sort(
      byKeys(
        (c) => c.jurisdiction,
        (c) => c.scheme,
      ),
    );
}

/** The record as the page shows it and record.json returns it; deterministic for a given ledger. */
export function assembleWorkerRecord(ledger: WorkerLedger): WorkerRecord {
  const lines: Line[] = ledger.lines.map(({ month, platformId, minor, base, bases, ...entry }) => ({
    month,
    platformId,
    entry,
    minor,
    base,
    bases,
  }));
  const months = monthLines(ledger, lines);
  const allLines = months.flatMap((m) => m.lines);
  return {
    platforms: [...ledger.platforms.values()].sort(byKeys((p) => p.slug)),
    months: months.map(({ month, platforms, lines }) => ({
      month,
      platforms,
      withheld_from_you: amountsOf(lines, "worker"),
      paid_by_platform: amountsOf(lines, "platform"),
      schemes: monthSchemes(month, lines),
    })),
    totals: {
      payouts: eventMoney(ledger.events, "payout"),
      reversals: eventMoney(ledger.events, "reversal"),
      by_scheme: schemeTotals(allLines),
      withheld_from_you: amountsOf(allLines, "worker"),
      paid_by_platform: amountsOf(allLines, "platform"),
    },
    coverage: recordedCoverage(allLines),
    rules: [...ledger.rules]
      .sort(
        byKeys(
          (r) => r.jurisdiction,
          (r) => r.code,
          (r) => r.effectiveFrom,
        ),
      )
      .map((r) => ({ id: r.id, ...publicRule(r) })),
    effective_pay: effectivePay(ledger.payEvents, ledger.pay),
  };
}

/** Columns of the CSV export, in order. */
export const RECORD_CSV_COLUMNS = [
  "record",
  "platform",
  "event_id",
  "type",
  "reverses",
  "occurred_at",
  "local_date",
  "month",
  "jurisdiction",
  "worker_ref",
  "amount",
  "currency",
  "task_id",
  "task_type",
  "task_duration_s",
  "rule_id",
  "rule",
  "rule_status",
  "scheme",
  "payer",
  "period",
  "base_delta",
  "fx_rate",
  "fx_source",
  "rule_source_url",
] as const;

type CsvRecord = Partial<Record<(typeof RECORD_CSV_COLUMNS)[number], string | number>>;

/** Events per page of `workerRecordCsvChunks`. */
export const RECORD_EVENTS_PER_PAGE = 500;

/** An event as the export reads it, with its platform slug and the month it is reported in. */
type ExportEvent = Pick<
  EventRow,
  | "id"
  | "platformId"
  | "eventId"
  | "type"
  | "reversesEventId"
  | "occurredAt"
  | "localDate"
  | "jurisdiction"
  | "workerRef"
  | "amountMinor"
  | "currency"
  | "taskId"
  | "taskType"
  | "taskDurationS"
> & { platformSlug: string; month: string };
type ExportEntry = Pick<
  EntryRow,
  | "platformId"
  | "eventId"
  | "month"
  | "jurisdiction"
  | "amountMinor"
  | "currency"
  | "ruleId"
  | "ruleCode"
  | "scheme"
  | "payer"
  | "periodKey"
  | "baseDelta"
  | "fxRate"
  | "fxSource"
>;

/**
 * The full record as RFC 4180 CSV (header row, CRLF line ends), streamed: in ledger order, one `event`
 * row per payout or reversal, each followed by one `entry` row per contribution it caused, read
 * RECORD_EVENTS_PER_PAGE events (with their entries) per page, keyset on the ledger sequence. Scope as
 * `loadWorkerLedger`. `amount`: decimal string in `currency`, signed (a reversal and its entries are
 * negative); `base_delta`: the entry's exact contribution-base change (rule currency, signed decimal
 * string); `month`: the month the row is reported in (a reversal's is its payout's). The chunks
 * concatenate to the one CSV text of every record.
 */
export async function* workerRecordCsvChunks(
  db: Db,
  subjectKey: string,
  platformId: number | null,
): AsyncGenerator<string> {
  const eventScope =
    platformId === null
      ? sql`ev.subject_key = ${subjectKey}`
      : sql`ev.subject_key = ${subjectKey} AND ev.platform_id = ${platformId}`;
  const ruleIds = db
    .selectDistinct({ id: sql<number>`rule_id` })
    .from(sql`ledger_entries`)
    .where(
      platformId === null
        ? sql`subject_key = ${subjectKey}`
        : sql`subject_key = ${subjectKey} AND platform_id = ${platformId}`,
    );
  const rules = new Map(
    (await db.select().from(contributionRules).where(inArray(contributionRules.id, ruleIds))).map((r) => [
      r.id,
      r,
    ]),
  );
  const options = {
    columns: [...RECORD_CSV_COLUMNS],
    record_delimiter: "windows",
    ...csvCellOptions(),
  } as const;
  let after = 0;
  let header = true;
  for (;;) {
    const events = await jsonRows<ExportEvent>(
      db,
      sql`SELECT json_group_array(json_object('id', id, 'platformId', platform_id, 'eventId', event_id, 'type', type, 'reversesEventId', reverses_event_id, 'occurredAt', occurred_at,
            'localDate', local_date, 'jurisdiction', jurisdiction, 'workerRef', worker_ref, 'amountMinor', amount_minor, 'currency', currency, 'taskId', task_id, 'taskType', task_type,
            'taskDurationS', task_duration_s, 'platformSlug', slug, 'month', month)) AS rows FROM (
          SELECT ev.*, p.slug, coalesce(substr(po.local_date, 1, 7), substr(ev.local_date, 1, 7)) AS month
          FROM ledger_events ev JOIN platforms p ON p.id = ev.platform_id
          LEFT JOIN ledger_events po ON ev.type = 'reversal' AND po.platform_id = ev.platform_id AND po.event_id = ev.reverses_event_id AND po.type = 'payout' AND po.subject_key = ev.subject_key
          WHERE ${eventScope} AND ev.id > ${after} ORDER BY ev.id LIMIT ${RECORD_EVENTS_PER_PAGE})`,
    );
    if (events.length === 0 && !header) return;
    const entries =
      events.length === 0
        ? []
        : await jsonRows<ExportEntry>(
            db,
            sql`SELECT json_group_array(json_object('platformId', platform_id, 'eventId', event_id, 'month', month, 'jurisdiction', jurisdiction, 'amountMinor', amount_minor, 'currency', currency,
            'ruleId', rule_id, 'ruleCode', rule_code, 'scheme', scheme, 'payer', payer, 'periodKey', period_key, 'baseDelta', base_delta, 'fxRate', fx_rate, 'fxSource', fx_source)) AS rows FROM (
          SELECT en.* FROM json_each(${JSON.stringify(events.map((e) => [e.platformId, e.eventId]))}) AS k
          JOIN ledger_entries en ON en.platform_id = k.value->>0 AND en.event_id = k.value->>1 ORDER BY en.id)`,
          );
    yield stringify(exportRecords(events, entries, rules), { ...options, header });
    header = false;
    const last = events.at(-1);
    if (!last || events.length < RECORD_EVENTS_PER_PAGE) return;
    after = last.id;
  }
}

/** The CSV records of a page of events and their entries (in entry id order). */
function exportRecords(
  events: readonly ExportEvent[],
  entries: readonly ExportEntry[],
  rules: ReadonlyMap<number, RuleRow>,
): CsvRecord[] {
  const entriesOf = groupBy(entries, (entry) => eventKey(entry.platformId, entry.eventId));
  const records: CsvRecord[] = [];
  for (const e of events) {
    const common = {
      platform: e.platformSlug,
      event_id: e.eventId,
      type: e.type,
      reverses: e.reversesEventId ?? "",
      worker_ref: e.workerRef,
    };
    records.push({
      record: "event",
      ...common,
      occurred_at: e.occurredAt,
      local_date: e.localDate,
      month: e.month,
      jurisdiction: e.jurisdiction,
      amount: formatMinor(e.type === "reversal" ? -e.amountMinor : e.amountMinor, e.currency),
      currency: e.currency,
      task_id: e.taskId ?? "",
      task_type: e.taskType ?? "",
      task_duration_s: e.taskDurationS ?? "",
    });
    for (const entry of entriesOf.get(eventKey(e.platformId, e.eventId)) ?? []) {
      const rule = rules.get(entry.ruleId);
      records.push({
        record: "entry",
        ...common,
        local_date: e.localDate,
        month: entry.month,
        jurisdiction: entry.jurisdiction,
        amount: formatMinor(entry.amountMinor, entry.currency),
        currency: entry.currency,
        rule_id: entry.ruleId,
        rule: entry.ruleCode,
        rule_status: rule?.status ?? "",
        scheme: entry.scheme,
        payer: entry.payer,
        period: entry.periodKey,
        base_delta: entry.baseDelta,
        fx_rate: entry.fxRate ?? "",
        fx_source: entry.fxSource ?? "",
        rule_source_url: rule?.sourceUrl ?? "",
      });
    }
  }
  return records;
}
