/**
 * A worker's own record (DESIGN.md 1 and 5): every payout, reversal and contribution of one ledger
 * subject across every platform (an agency-issued link) or on one platform (a platform-issued link), month
 * by month and platform by platform, with totals to date and the rule versions (with their legal sources)
 * that were applied. Read through a worker access link. The CSV neutralises formula cells (csv-cells.ts).
 *
 * Two halves:
 * - I/O: `loadWorkerLedger` (three statements: the subject's events with their platform, its entries,
 *   and the rule versions those entries name; then the minimum wages and ECB quotes of the pay-per-hour
 *   comparison, src/reports/effective-pay.ts).
 * - Pure: `assembleWorkerRecord` (the page's data and its JSON twin) and `workerRecordCsv` (the full
 *   export, one CSV row per event and per entry).
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
import { csvCellOptions } from "./csv-cells.js";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/database.js";
import type { FxRates } from "../db/fx-repo.js";
import { publicRule, type RuleRow } from "../db/rules-repo.js";
import { monthCoverage, type MonthCoverage } from "./coverage.js";
import { contributionRules, ledgerEntries, ledgerEvents, platforms } from "../db/schema.js";
import { Dec, formatAmount, formatMinor } from "../domain/money.js";
import type { ContributionLine, EntryRow, EventRow, Money } from "../ledger/event-result.js";
import type { Basis } from "../domain/explanation.js";
import { whyInEnglish } from "../i18n/why.js";
import { effectivePay, loadPayContext, type EffectivePayMonth, type PayContext } from "./effective-pay.js";

/** A ledger event of the subject with the platform that reported it. */
export interface WorkerEvent extends EventRow {
  platformSlug: string;
  platformName: string;
}

/** Everything the ledger holds on one subject (the I/O half's output). Events and entries in ledger order. */
export interface WorkerLedger {
  events: WorkerEvent[];
  entries: EntryRow[];
  rules: RuleRow[];
  /** Minimum wages and exchange rates for the pay-per-hour comparison. */
  pay: PayContext;
}

export interface CountedMoney extends Money {
  count: number;
}

/** Entries of one rule version and contribution period, for one platform's payouts of one month. */
export interface ContributionRow extends Omit<ContributionLine, "fx_rate" | "why"> {
  rule_id: number;
  jurisdiction: string;
  /** Why the rule applied as it did, in English (src/i18n/why.ts); the page words `facts` in its own language. */
  why: string[];
  /** The facts behind `why`: the entries' distinct bases (src/domain/explanation.ts). */
  facts: Basis[];
}

export interface PlatformMonth {
  platform: string;
  platform_name: string;
  /** Payouts dated in the month (gross), per currency. */
  payouts: CountedMoney[];
  /** Reversals of those payouts, per currency (positive amounts, subtracted from the payouts). */
  reversals: CountedMoney[];
  contributions: ContributionRow[];
}

export type { MonthCoverage };

/** One scheme's contributions in a month (all platforms), in one currency, with the month's coverage slot. */
export interface MonthScheme {
  jurisdiction: string;
  scheme: string;
  currency: string;
  withheld_from_you: string;
  paid_by_platform: string;
  /** withheld_from_you + paid_by_platform. */
  total: string;
  coverage: MonthCoverage;
}

export interface MonthRecord {
  /** Local month "YYYY-MM". */
  month: string;
  platforms: PlatformMonth[];
  withheld_from_you: Money[];
  paid_by_platform: Money[];
  /** Sorted by jurisdiction, scheme, currency. */
  schemes: MonthScheme[];
}

export interface SchemeTotal {
  jurisdiction: string;
  scheme: string;
  payer: "worker" | "platform";
  amount: string;
  currency: string;
}

export type AppliedRule = ReturnType<typeof publicRule> & { id: number };

export interface WorkerRecord {
  platforms: { slug: string; name: string }[];
  months: MonthRecord[];
  totals: {
    payouts: CountedMoney[];
    reversals: CountedMoney[];
    by_scheme: SchemeTotal[];
    withheld_from_you: Money[];
    paid_by_platform: Money[];
  };
  /** Months in which a net contribution was recorded, per jurisdiction and scheme (recorded, not a statement of insurance status). */
  coverage: { jurisdiction: string; scheme: string; months: string[] }[];
  rules: AppliedRule[];
  /** Pay per hour of task time, month by month (src/reports/effective-pay.ts). */
  effective_pay: EffectivePayMonth[];
}

/**
 * Reads the subject's events (with platform slug and name), entries, the rule versions applied, and the
 * pay context; with `platformId`, only what that platform reported (a platform-issued link), with null
 * every platform's (an agency-issued link).
 */
export async function loadWorkerLedger(db: Db, fx: FxRates, subjectKey: string, platformId: number | null): Promise<WorkerLedger> {
  const eventRows = await db
    .select({ event: ledgerEvents, platformSlug: platforms.slug, platformName: platforms.name })
    .from(ledgerEvents)
    .innerJoin(platforms, eq(platforms.id, ledgerEvents.platformId))
    .where(and(eq(ledgerEvents.subjectKey, subjectKey), platformId === null ? undefined : eq(ledgerEvents.platformId, platformId)))
    .orderBy(asc(ledgerEvents.id));
  const entryScope = and(eq(ledgerEntries.subjectKey, subjectKey), platformId === null ? undefined : eq(ledgerEntries.platformId, platformId));
  const entries = await db.select().from(ledgerEntries).where(entryScope).orderBy(asc(ledgerEntries.id));
  const ruleIds = db.selectDistinct({ id: ledgerEntries.ruleId }).from(ledgerEntries).where(entryScope);
  const rules = await db.select().from(contributionRules).where(inArray(contributionRules.id, ruleIds)).orderBy(asc(contributionRules.id));
  const events = eventRows.map(({ event, platformSlug, platformName }) => ({ ...event, platformSlug, platformName }));
  return { events, entries, rules, pay: await loadPayContext(db, fx, events) };
}

const eventKey = (platformId: number, eventId: string) => `${platformId}:${eventId}`;

/** The month an event is reported in: its own local month for a payout, its payout's for a reversal. */
function monthsOfEvents(events: readonly WorkerEvent[]): Map<string, string> {
  const months = new Map<string, string>();
  for (const e of events) if (e.type === "payout") months.set(eventKey(e.platformId, e.eventId), e.localDate.slice(0, 7));
  for (const e of events) {
    if (e.type === "reversal") months.set(eventKey(e.platformId, e.eventId), months.get(eventKey(e.platformId, e.reversesEventId ?? "")) ?? e.localDate.slice(0, 7));
  }
  return months;
}

/** Exact sums of minor units by key (Dec), in first-seen order (each add is one more counted item). */
class MinorSums<T> {
  readonly items = new Map<string, { item: T; minor: Dec; count: number }>();
  add(key: string, item: T, minor: Dec | number): void {
    const slot = this.items.get(key) ?? { item, minor: new Dec(0), count: 0 };
    slot.minor = slot.minor.plus(minor);
    slot.count += 1;
    this.items.set(key, slot);
  }
}

/** Sums per currency of (currency, integer minor units) items, sorted by currency, with their counts. */
function byCurrency(items: Iterable<{ currency: string; minor: Dec | number }>): CountedMoney[] {
  const sums = new MinorSums<string>();
  for (const i of items) sums.add(i.currency, i.currency, i.minor);
  return [...sums.items.values()].sort((a, b) => a.item.localeCompare(b.item)).map((s) => ({ amount: formatMinor(s.minor, s.item), currency: s.item, count: s.count }));
}

const money = (items: Iterable<{ currency: string; minor: Dec }>): Money[] => byCurrency(items).map(({ amount, currency }) => ({ amount, currency }));
const eventMoney = (events: readonly WorkerEvent[]) => byCurrency(events.map((e) => ({ currency: e.currency, minor: e.amountMinor })));

const byKeys =
  <T>(...keys: ((x: T) => string | number)[]) =>
  (a: T, b: T): number => {
    for (const key of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };

const payerOrder = (p: "worker" | "platform") => (p === "worker" ? 0 : 1);

/** A contribution row before formatting: its integer total and the cell it belongs to. */
interface Line {
  month: string;
  platformId: number;
  entry: EntryRow;
  /** Sum of the entries' amount_minor. */
  minor: Dec;
  base: Dec;
  /** The entries' distinct bases (JSON text). */
  bases: Set<string>;
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
    facts: [...l.bases].map((b) => JSON.parse(b) as Basis),
  };
}

/** A month's contributions per (jurisdiction, scheme, currency), split by payer, with whether the month counts (coverage.ts). */
function monthSchemes(month: string, lines: readonly Line[]): MonthScheme[] {
  const sums = new Map<string, { jurisdiction: string; scheme: string; currency: string; worker: Dec; platform: Dec }>();
  for (const { entry: e, minor } of lines) {
    const key = [e.jurisdiction, e.scheme, e.currency].join("\u0000");
    const slot = sums.get(key) ?? { jurisdiction: e.jurisdiction, scheme: e.scheme, currency: e.currency, worker: new Dec(0), platform: new Dec(0) };
    slot[e.payer] = slot[e.payer].plus(minor);
    sums.set(key, slot);
  }
  return [...sums.values()]
    .sort(byKeys((s) => s.jurisdiction, (s) => s.scheme, (s) => s.currency))
    .map((s) => ({
      jurisdiction: s.jurisdiction,
      scheme: s.scheme,
      currency: s.currency,
      withheld_from_you: formatMinor(s.worker, s.currency),
      paid_by_platform: formatMinor(s.platform, s.currency),
      total: formatMinor(s.worker.plus(s.platform), s.currency),
      coverage: monthCoverage(s.jurisdiction, s.scheme, s.currency, month, s.worker.plus(s.platform)),
    }));
}

const amountsOf = (lines: readonly Line[], payer: "worker" | "platform") => money(lines.filter((l) => l.entry.payer === payer).map((l) => ({ currency: l.entry.currency, minor: l.minor })));

/** The record as the page shows it and record.json returns it; deterministic for a given ledger. */
export function assembleWorkerRecord(ledger: WorkerLedger): WorkerRecord {
  const monthOf = monthsOfEvents(ledger.events);
  const platformOf = new Map(ledger.events.map((e) => [e.platformId, { slug: e.platformSlug, name: e.platformName }]));
  const slugOf = (platformId: number) => platformOf.get(platformId)?.slug ?? `platform-${platformId}`;

  // Contribution lines: entries grouped by (month, platform, rule version, contribution period).
  const lines = new Map<string, Line>();
  for (const entry of ledger.entries) {
    const key = [entry.month, entry.platformId, entry.ruleId, entry.periodKey].join("\u0000");
    const line = lines.get(key) ?? { month: entry.month, platformId: entry.platformId, entry, minor: new Dec(0), base: new Dec(0), bases: new Set<string>() };
    line.minor = line.minor.plus(entry.amountMinor);
    line.base = line.base.plus(entry.baseDelta);
    if (entry.basis !== null) line.bases.add(entry.basis);
    lines.set(key, line);
  }

  // Cells (month, platform) with an event or an entry, by month then platform slug.
  const cellKey = (month: string, platformId: number) => `${month}\u0000${platformId}`;
  const cells = new Map<string, { month: string; platformId: number; events: WorkerEvent[]; lines: Line[] }>();
  const cell = (month: string, platformId: number) => {
    const key = cellKey(month, platformId);
    const found = cells.get(key) ?? { month, platformId, events: [], lines: [] };
    cells.set(key, found);
    return found;
  };
  for (const e of ledger.events) cell(monthOf.get(eventKey(e.platformId, e.eventId))!, e.platformId).events.push(e);
  for (const l of lines.values()) cell(l.month, l.platformId).lines.push(l);

  const months = new Map<string, { month: string; platforms: PlatformMonth[]; lines: Line[] }>();
  for (const c of [...cells.values()].sort(byKeys((c) => c.month, (c) => slugOf(c.platformId)))) {
    const month = months.get(c.month) ?? { month: c.month, platforms: [], lines: [] };
    const sorted = c.lines.sort(lineOrder);
    month.lines.push(...sorted);
    month.platforms.push({
      platform: slugOf(c.platformId),
      platform_name: platformOf.get(c.platformId)?.name ?? slugOf(c.platformId),
      payouts: eventMoney(c.events.filter((e) => e.type === "payout")),
      reversals: eventMoney(c.events.filter((e) => e.type === "reversal")),
      contributions: sorted.map(contributionRow),
    });
    months.set(c.month, month);
  }
  const allLines = [...months.values()].flatMap((m) => m.lines);

  const schemeSums = new MinorSums<Omit<SchemeTotal, "amount">>();
  const coverageSums = new MinorSums<{ jurisdiction: string; scheme: string; month: string }>();
  for (const { entry: e, minor, month } of allLines) {
    schemeSums.add([e.jurisdiction, e.scheme, e.payer, e.currency].join("\u0000"), { jurisdiction: e.jurisdiction, scheme: e.scheme, payer: e.payer, currency: e.currency }, minor);
    coverageSums.add([e.jurisdiction, e.scheme, month, e.currency].join("\u0000"), { jurisdiction: e.jurisdiction, scheme: e.scheme, month }, minor);
  }
  const coverage = new Map<string, { jurisdiction: string; scheme: string; months: string[] }>();
  for (const { item, minor } of coverageSums.items.values()) {
    if (minor.lte(0)) continue;
    const key = `${item.jurisdiction}\u0000${item.scheme}`;
    const line = coverage.get(key) ?? { jurisdiction: item.jurisdiction, scheme: item.scheme, months: [] };
    if (!line.months.includes(item.month)) line.months.push(item.month);
    coverage.set(key, line);
  }

  return {
    platforms: [...platformOf.values()].sort(byKeys((p) => p.slug)),
    months: [...months.values()].map(({ month, platforms, lines }) => ({
      month,
      platforms,
      withheld_from_you: amountsOf(lines, "worker"),
      paid_by_platform: amountsOf(lines, "platform"),
      schemes: monthSchemes(month, lines),
    })),
    totals: {
      payouts: eventMoney(ledger.events.filter((e) => e.type === "payout")),
      reversals: eventMoney(ledger.events.filter((e) => e.type === "reversal")),
      by_scheme: [...schemeSums.items.values()]
        .map(({ item, minor }) => ({ ...item, amount: formatMinor(minor, item.currency) }))
        .sort(byKeys((t) => t.jurisdiction, (t) => t.scheme, (t) => payerOrder(t.payer), (t) => t.currency)),
      withheld_from_you: amountsOf(allLines, "worker"),
      paid_by_platform: amountsOf(allLines, "platform"),
    },
    coverage: [...coverage.values()].sort(byKeys((c) => c.jurisdiction, (c) => c.scheme)),
    rules: [...ledger.rules].sort(byKeys((r) => r.jurisdiction, (r) => r.code, (r) => r.effectiveFrom)).map((r) => ({ id: r.id, ...publicRule(r) })),
    effective_pay: effectivePay(ledger.events, ledger.pay),
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

/**
 * The full record as RFC 4180 CSV (header row, CRLF line ends): in ledger order, one `event` row per
 * payout or reversal, each followed by one `entry` row per contribution it caused.
 * `amount`: decimal string in `currency`, signed (a reversal and its entries are negative); `base_delta`:
 * the entry's exact contribution-base change (rule currency, signed decimal string); `month`: the month
 * the row is reported in (a reversal's is its payout's).
 */
export function workerRecordCsv(ledger: WorkerLedger): string {
  const monthOf = monthsOfEvents(ledger.events);
  const rules = new Map(ledger.rules.map((r) => [r.id, r]));
  const entriesOf = new Map<string, EntryRow[]>();
  for (const entry of ledger.entries) {
    const key = eventKey(entry.platformId, entry.eventId);
    entriesOf.set(key, [...(entriesOf.get(key) ?? []), entry]);
  }
  const records: CsvRecord[] = [];
  for (const e of ledger.events) {
    const key = eventKey(e.platformId, e.eventId);
    const common = { platform: e.platformSlug, event_id: e.eventId, type: e.type, reverses: e.reversesEventId ?? "", worker_ref: e.workerRef };
    records.push({
      record: "event",
      ...common,
      occurred_at: e.occurredAt,
      local_date: e.localDate,
      month: monthOf.get(key)!,
      jurisdiction: e.jurisdiction,
      amount: formatMinor(e.type === "reversal" ? -e.amountMinor : e.amountMinor, e.currency),
      currency: e.currency,
      task_id: e.taskId ?? "",
      task_type: e.taskType ?? "",
      task_duration_s: e.taskDurationS ?? "",
    });
    for (const entry of entriesOf.get(key) ?? []) {
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
  return stringify(records, { header: true, columns: [...RECORD_CSV_COLUMNS], record_delimiter: "windows", ...csvCellOptions() });
}
