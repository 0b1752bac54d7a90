/**
 * The agency report's rows read from the database in pages, from carried totals (issue 13), in report
 * order, in flat memory: the I/O behind src/agency-reports/report-summary.ts (totals, checksum)
 * and report-body.ts (JSON and CSV bodies, pages).
 *
 * Entry bound. A report covers the events with ledger sequence ≤ its chain head H. Every writer inserts
 * a batch's events and then their entries, in the same order, in ONE atomic batch, and batches commit
 * one after the other (src/ledger/record-payouts.ts, SQLite's single writer), so the entries of the
 * events ≤ H are exactly the entries with id ≤ `entryBound(db, H)`: the largest entry id of the latest
 * event ≤ H that has entries (0 when none). Reports therefore filter entries by their own rowid, in the
 * index, without a join to ledger_events.
 *
 * Rows from carried totals. Every entry carries its accrual's running totals after it
 * (`base_to_date`, `rounded_to_date_minor`; accrual = subject, rule code, accrual key). A report row is
 * (worker, platform, rule, contribution period, worker ref) of one month; in SQL it is read as groups of
 * one accrual each (the covering index ledger_entries_month, in its order, one JSON text per page of
 * groups: `PAGE_GROUPS`), each group with its entry count, reversal count, first and last sequence
 * numbers, rule versions and bases, and the group's last entry (its largest id, which is its largest
 * sequence number as ids follow commit order; checked). When the group's entries are the whole sequence range s0..s1 of
 * their accrual (count = s1 − s0 + 1, which the unique (accrual, seq) index makes a proof), its
 * contribution is rounded_to_date(s1) − rounded_to_date(s0 − 1) and its base base_to_date(s1) −
 * base_to_date(s0 − 1) (0 before seq 1): the sum of its entries' amounts and base deltas, exactly,
 * telescoped (src/domain/contributions.ts `accrue`), read from two entries instead of all. Otherwise
 * (a reversal or late payout interleaved with another month's entries of a yearly accrual, two
 * platforms in one national-id accrual) the group's entries are summed (`summedGroup`), as before.
 * Groups of one row (several accruals: per-transaction rules) are consecutive and merged.
 *
 * Order. SQL reads in (subject, platform id, rule, period, worker ref, accrual) order; rows are
 * published in `rowKey` order (worker, platform slug, rule, period, worker ref, currency), which differs
 * only in the platform (slug, not id) inside one worker: each worker's rows are buffered and sorted
 * before they are yielded. Keys are ASCII (subject keys, rule codes, worker ids), so SQLite's BINARY
 * order and JavaScript's code-unit order agree.
 *
 * `loadCorrectionGroups` reads the corrections section's late entries by entry id range on
 * ledger_entries_report, summed per row (they are few).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { jsonList } from "../db/json-rows.js";
import type { RuleVersion } from "../domain/contributions.js";
import { sumBy, type NonEmpty } from "../domain/grouping.js";
import { Dec } from "../domain/money.js";
import { compareKeys } from "../domain/ordering.js";
import { ratesApplied, reportRow, rowKey, type ReportGroup, type RowWithMinor } from "./monthly-report.js";

/** Groups (one accrual each) per statement of `reportRows`. */
export const PAGE_GROUPS = 2_000;

/** What a report's rows are read over. */
export interface RowScope {
  db: Db;
  jurisdiction: string;
  /** The report month "YYYY-MM". */
  period: string;
  /** Entries with id ≤ this (`entryBound` of the report's chain head). */
  entryBound: number;
  /** The jurisdiction's rule versions by id (scheme, payer, currency and `rates` of a row). */
  versions: ReadonlyMap<number, RuleVersion>;
  /** Platform slugs by id. */
  slugs: ReadonlyMap<number, string>;
}

/** The largest entry id of the events with ledger sequence ≤ `eventSeq` (module doc); 0 when none has entries. */
export async function entryBound(db: Db, eventSeq: number): Promise<number> {
  const [row] = await db.all<{ bound: number }>(sql`
    SELECT (SELECT max(en.id) FROM ledger_entries en WHERE en.platform_id = ev.platform_id AND en.event_id = ev.event_id) AS bound
    FROM ledger_events ev WHERE ev.id <= ${eventSeq} AND bound IS NOT NULL ORDER BY ev.id DESC LIMIT 1`);
  return row ? Number(row.bound) : 0;
}

/** One accrual's entries in a row, as the page statement returns it (a JSON array, in this order). */
type GroupTuple = [
  subject: string,
  platformId: number,
  rule: string,
  period: string,
  workerRef: string,
  accrualKey: string,
  entries: number,
  reversals: number,
  firstSeq: number,
  lastSeq: number,
  ruleIds: string,
  /** JSON array of the distinct bases (text, or already an array where the engine keeps JSON subtypes across a subquery). */
  bases: string | (string | null)[],
  lastEntrySeq: number,
  lastBase: string,
  lastRoundedMinor: number | string,
  priorBase: string | null,
  priorRoundedMinor: number | string | null,
];

/** The keyset position of a group: (subject, platform id, rule, period, worker ref, accrual key). */
type GroupKey = [string, number, string, string, string, string];

async function groupPage(scope: RowScope, after: GroupKey, limit: number): Promise<GroupTuple[]> {
  const [s, p, r, pk, w, a] = after;
  const [row] = await scope.db.all<{ page: string | null }>(sql`
    SELECT json_group_array(json_array(g.subject_key, g.platform_id, g.rule_code, g.period_key, g.worker_ref, g.accrual_key, g.n, g.rev, g.s0, g.s1, g.rule_ids, g.bases,
             l.seq, l.base_to_date, CAST(l.rounded_to_date_minor AS TEXT), b.base_to_date, CAST(b.rounded_to_date_minor AS TEXT))) AS page
    FROM (
      SELECT subject_key, platform_id, rule_code, period_key, worker_ref, accrual_key, count(*) AS n, sum(event_type = 'reversal') AS rev,
             min(seq) AS s0, max(seq) AS s1, max(id) AS last_id, group_concat(DISTINCT rule_id) AS rule_ids, json_group_array(DISTINCT basis) AS bases
      FROM ledger_entries INDEXED BY ledger_entries_month
      WHERE jurisdiction = ${scope.jurisdiction} AND month = ${scope.period} AND id <= ${scope.entryBound}
        AND (subject_key, platform_id, rule_code, period_key, worker_ref, accrual_key) > (${s}, ${p}, ${r}, ${pk}, ${w}, ${a})
      GROUP BY subject_key, platform_id, rule_code, period_key, worker_ref, accrual_key
      ORDER BY subject_key, platform_id, rule_code, period_key, worker_ref, accrual_key
      LIMIT ${limit}
    ) AS g
    JOIN ledger_entries AS l ON l.id = g.last_id
    LEFT JOIN ledger_entries AS b ON g.s0 > 1 AND b.subject_key = g.subject_key AND b.rule_code = g.rule_code AND b.accrual_key = g.accrual_key AND b.seq = g.s0 - 1`);
  return row?.page ? (JSON.parse(row.page) as GroupTuple[]) : [];
}

/** The sum of one group's entries (the group is not one whole sequence range; module doc). */
async function summedGroup(scope: RowScope, g: GroupTuple): Promise<{ base: Dec; contributionMinor: Dec }> {
  const rows = await scope.db.all<{ base_delta: string; amount_minor: number | string }>(sql`
    SELECT base_delta, CAST(amount_minor AS TEXT) AS amount_minor FROM ledger_entries INDEXED BY ledger_entries_accrual_seq
    WHERE subject_key = ${g[0]} AND rule_code = ${g[2]} AND accrual_key = ${g[5]} AND seq BETWEEN ${g[8]} AND ${g[9]}
      AND jurisdiction = ${scope.jurisdiction} AND month = ${scope.period} AND id <= ${scope.entryBound} AND platform_id = ${g[1]} AND worker_ref = ${g[4]}`);
  return {
    base: sumBy(rows, (r) => r.base_delta),
    contributionMinor: sumBy(rows, (r) => r.amount_minor),
  };
}

/** A group's base and contribution, from its carried totals when it is a whole sequence range (module doc). */
async function groupTotals(scope: RowScope, g: GroupTuple): Promise<{ base: Dec; contributionMinor: Dec }> {
  const [
    ,
    ,
    ,
    ,
    ,
    ,
    entries,
    ,
    firstSeq,
    lastSeq,
    ,
    ,
    lastEntrySeq,
    lastBase,
    lastRounded,
    priorBase,
    priorRounded,
  ] = g;
  const wholeRange =
    entries === lastSeq - firstSeq + 1 && lastEntrySeq === lastSeq && (firstSeq === 1 || priorBase !== null);
  if (!wholeRange) return summedGroup(scope, g);
  if (priorBase === null) return { base: new Dec(lastBase), contributionMinor: new Dec(lastRounded) };
  return {
    base: new Dec(lastBase).minus(priorBase),
    contributionMinor: new Dec(lastRounded).minus(priorRounded ?? 0),
  };
}

/** A row being merged from consecutive groups. */
interface Pending {
  id: string;
  subject: string;
  platformId: number;
  rule: string;
  period: string;
  workerRef: string;
  entries: number;
  reversals: number;
  ruleIds: Set<number>;
  bases: Set<string>;
  base: Dec;
  contributionMinor: Dec;
}

/** The rule versions `ids` names; an id that is not one of the jurisdiction's (impossible under the foreign key) throws. */
function versionsOf(
  versions: ReadonlyMap<number, RuleVersion>,
  jurisdiction: string,
  ids: Iterable<number>,
): NonEmpty<RuleVersion> {
  const found = [...ids].map((id) => {
    const version = versions.get(id);
    if (!version)
      throw new Error(`ledger entry refers to rule version ${id}, which is not a ${jurisdiction} rule`);
    return version;
  });
  const [first, ...rest] = found;
  if (!first) throw new Error("a report row has entries, so at least one rule version");
  return [first, ...rest];
}

/** The published row of merged groups (shared with the summing path: `reportRow`). */
function finished(
  scope: RowScope,
  p: Pending,
  ratesKept: Map<string, { rule: RuleVersion; rates: string }>,
): RowWithMinor {
  const id = [...p.ruleIds].join(",");
  let kept = ratesKept.get(id);
  if (!kept) {
    const versions = versionsOf(scope.versions, scope.jurisdiction, p.ruleIds);
    kept = { rule: versions[0], rates: ratesApplied(versions) };
    ratesKept.set(id, kept);
  }
  const rule = kept.rule;
  const fields: Omit<ReportGroup, "baseDeltas" | "contributionMinor"> = {
    worker: p.subject,
    workerRef: p.workerRef,
    platform: scope.slugs.get(p.platformId) ?? `platform-${p.platformId}`,
    rule: p.rule,
    scheme: rule.scheme,
    payer: rule.payer,
    period: p.period,
    month: scope.period,
    currency: rule.currency,
    payouts: p.entries - p.reversals,
    reversals: p.reversals,
    rates: kept.rates,
    bases: [...p.bases],
  };
  return reportRow(fields, p.base, p.contributionMinor);
}

/**
 * The report's rows in `rowKey` order (module doc), those after `after` (a row key) when given; reads
 * `pageGroups` groups per statement and holds one page and one worker's rows at a time.
 */
export async function* reportRows(
  scope: RowScope,
  after?: readonly string[],
  pageGroups: number = PAGE_GROUPS,
): AsyncGenerator<RowWithMinor> {
  let key: GroupKey = [after?.[0] ?? "", -1, "", "", "", ""];
  let pending: Pending | undefined;
  let worker: RowWithMinor[] = [];
  const ratesKept = new Map<string, { rule: RuleVersion; rates: string }>();
  const flushWorker = function* () {
    worker.sort((a, b) => compareKeys(rowKey(a.row), rowKey(b.row)));
    for (const row of worker) if (!after || compareKeys(rowKey(row.row), after) > 0) yield row;
    worker = [];
  };
  for (;;) {
    const page = await groupPage(scope, key, pageGroups);
    for (const g of page) {
      const [subject, platformId, rule, period, workerRef] = g;
      const id = JSON.stringify([subject, platformId, rule, period, workerRef]);
      if (pending && pending.id !== id) {
        worker.push(finished(scope, pending, ratesKept));
        if (pending.subject !== subject) yield* flushWorker();
        pending = undefined;
      }
      pending ??= {
        id,
        subject,
        platformId,
        rule,
        period,
        workerRef,
        entries: 0,
        reversals: 0,
        ruleIds: new Set(),
        bases: new Set(),
        base: new Dec(0),
        contributionMinor: new Dec(0),
      };
      const totals = await groupTotals(scope, g);
      pending.entries += g[6];
      pending.reversals += g[7];
      for (const ruleId of g[10].split(",")) pending.ruleIds.add(Number(ruleId));
      for (const basis of (typeof g[11] === "string" ? JSON.parse(g[11]) : g[11]) as (string | null)[])
        if (basis !== null) pending.bases.add(basis);
      pending.base = pending.base.plus(totals.base);
      pending.contributionMinor = pending.contributionMinor.plus(totals.contributionMinor);
    }
    const last = page.at(-1);
    if (!last || page.length < pageGroups) break;
    key = [last[0], last[1], last[2], last[3], last[4], last[5]];
  }
  if (pending) worker.push(finished(scope, pending, ratesKept));
  yield* flushWorker();
}

/**
 * The late entries a report lists as corrections (src/agency-reports/monthly-report.ts module doc): entries of
 * `jurisdiction` in `closedMonths` (the closed months before the report's), with entry id in (`afterBound`,
 * `upToBound`] (the entry bounds of the previous month's close head and of the report's head), summed
 * per row and original month. Months close in order, so an entry after the previous month's close head
 * is after its own month's too.
 */
export async function loadCorrectionGroups(
  db: Db,
  jurisdiction: string,
  closedMonths: readonly string[],
  afterBound: number,
  upToBound: number,
  versions: ReadonlyMap<number, RuleVersion>,
): Promise<ReportGroup[]> {
  if (closedMonths.length === 0 || upToBound <= afterBound) return [];
  const rows = await db.all<{
    worker: string;
    worker_ref: string;
    platform: string;
    rule: string;
    period: string;
    month: string;
    base_deltas: string;
    contribution_minor: string;
    payouts: number;
    reversals: number;
    rule_ids: string;
    bases: string;
  }>(sql`
    SELECT en.subject_key AS worker, en.worker_ref, p.slug AS platform, en.rule_code AS rule, en.period_key AS period, en.month,
           group_concat(en.base_delta, ',') AS base_deltas, CAST(sum(en.amount_minor) AS TEXT) AS contribution_minor,
           sum(en.event_type <> 'reversal') AS payouts, sum(en.event_type = 'reversal') AS reversals,
           group_concat(DISTINCT en.rule_id) AS rule_ids, json_group_array(DISTINCT en.basis) AS bases
    FROM ledger_entries en INDEXED BY ledger_entries_report JOIN platforms p ON p.id = en.platform_id
    WHERE en.jurisdiction = ${jurisdiction} AND en.month IN ${jsonList(closedMonths)} AND en.id > ${afterBound} AND en.id <= ${upToBound}
    GROUP BY en.subject_key, en.worker_ref, p.slug, en.rule_code, en.period_key, en.month`);
  return rows.map((r) => {
    const ruleVersions = versionsOf(versions, jurisdiction, r.rule_ids.split(",").map(Number));
    const rule = ruleVersions[0];
    return {
      worker: r.worker,
      workerRef: r.worker_ref,
      platform: r.platform,
      rule: r.rule,
      scheme: rule.scheme,
      payer: rule.payer,
      period: r.period,
      month: r.month,
      currency: rule.currency,
      baseDeltas: r.base_deltas.split(","),
      contributionMinor: new Dec(r.contribution_minor),
      payouts: Number(r.payouts),
      reversals: Number(r.reversals),
      rates: ratesApplied(ruleVersions),
      bases: (JSON.parse(r.bases) as (string | null)[]).filter((b): b is string => b !== null),
    };
  });
}
