/**
 * Reads the write path needs, one statement each whatever the batch size (lists travel as one JSON
 * parameter, src/db/json-rows.ts): known events by idempotency key, reversal targets with their
 * entries, latest running totals.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { allEarnings, plus, type Components } from "../domain/components.js";
import type { Accrual } from "../domain/contributions.js";
import { Dec } from "../domain/money.js";
import type { Db } from "../db/database.js";
import { jsonList } from "../db/json-rows.js";
import { ledgerEntries, ledgerEvents } from "../db/schema.js";
import type { EntryRow, EventRow } from "./event-result.js";

/** Content hashes of a platform's stored events, by event id (the idempotency check reads nothing else). */
export async function contentHashesById(
  db: Db,
  platformId: number,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ eventId: ledgerEvents.eventId, contentHash: ledgerEvents.contentHash })
    .from(ledgerEvents)
    .where(
      and(
        eq(ledgerEvents.platformId, platformId),
        sql`${ledgerEvents.eventId} IN ${jsonList([...new Set(ids)])}`,
      ),
    );
  return new Map(rows.map((row) => [row.eventId, row.contentHash]));
}

/** Stored events of a platform by event id. */
export async function eventsById(
  db: Db,
  platformId: number,
  ids: readonly string[],
): Promise<Map<string, EventRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(ledgerEvents)
    .where(
      and(
        eq(ledgerEvents.platformId, platformId),
        sql`${ledgerEvents.eventId} IN ${jsonList([...new Set(ids)])}`,
      ),
    );
  return new Map(rows.map((row) => [row.eventId, row]));
}

/** The national id hash each of a platform's worker references was first reported with (refs sent without one are absent). */
export async function nationalIdHashesOf(
  db: Db,
  platformId: number,
  workerRefs: readonly string[],
): Promise<Map<string, string>> {
  if (workerRefs.length === 0) return new Map();
  const rows = await db
    .select({ workerRef: ledgerEvents.workerRef, hash: ledgerEvents.nationalIdHash })
    .from(ledgerEvents)
    .where(
      and(
        eq(ledgerEvents.platformId, platformId),
        sql`${ledgerEvents.workerRef} IN ${jsonList([...new Set(workerRefs)])}`,
        sql`${ledgerEvents.nationalIdHash} IS NOT NULL`,
      ),
    )
    .orderBy(ledgerEvents.id);
  const first = new Map<string, string>();
  for (const row of rows)
    if (row.hash !== null && !first.has(row.workerRef)) first.set(row.workerRef, row.hash);
  return first;
}

/** Entries of a platform's events, grouped by event id, in ledger order. */
export async function entriesByEvent(
  db: Db,
  platformId: number,
  ids: readonly string[],
): Promise<Map<string, EntryRow[]>> {
  const grouped = new Map<string, EntryRow[]>();
  if (ids.length === 0) return grouped;
  const rows = await db
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.platformId, platformId),
        sql`${ledgerEntries.eventId} IN ${jsonList([...new Set(ids)])}`,
      ),
    )
    .orderBy(asc(ledgerEntries.id));
  for (const row of rows) grouped.set(row.eventId, [...(grouped.get(row.eventId) ?? []), row]);
  return grouped;
}

/**
 * Reversals already recorded against payouts, by payout id: amount reversed (minor units), the components
 * reversed (minor units per type; a reversal stored without components reversed earnings) and their count.
 */
export async function reversalsOf(
  db: Db,
  platformId: number,
  payoutIds: readonly string[],
): Promise<Map<string, { reversedMinor: number; reversedComponents: Components; count: number }>> {
  const out = new Map<string, { reversedMinor: number; reversedComponents: Components; count: number }>();
  if (payoutIds.length === 0) return out;
  const rows = await db
    .select({
      payout: ledgerEvents.reversesEventId,
      amountMinor: ledgerEvents.amountMinor,
      components: ledgerEvents.components,
    })
    .from(ledgerEvents)
    .where(
      and(
        eq(ledgerEvents.platformId, platformId),
        sql`${ledgerEvents.reversesEventId} IN ${jsonList([...new Set(payoutIds)])}`,
      ),
    );
  for (const row of rows) {
    if (!row.payout) continue;
    const done = out.get(row.payout) ?? { reversedMinor: 0, reversedComponents: {}, count: 0 };
    out.set(row.payout, {
      reversedMinor: done.reversedMinor + row.amountMinor,
      reversedComponents: plus(done.reversedComponents, componentsOf(row)),
      count: done.count + 1,
    });
  }
  return out;
}

export interface AccrualKey {
  subjectKey: string;
  ruleCode: string;
  accrualKey: string;
}

/** Components of a stored event row (null: all earnings). */
export function componentsOf(event: { components: string | null; amountMinor: number }): Components {
  return event.components === null
    ? allEarnings(event.amountMinor)
    : (JSON.parse(event.components) as Components);
}

export const accrualId = (k: AccrualKey) => `${k.subjectKey}\u0000${k.ruleCode}\u0000${k.accrualKey}`;

interface LatestRow {
  subject_key: string;
  rule_code: string;
  accrual_key: string;
  seq: number;
  base_to_date: string;
  exact_to_date: string;
  rounded_to_date_minor: number;
}

/**
 * Latest running totals of each accrual (absent = no entry yet), in one statement: each key costs two
 * index seeks (max(seq) on the unique index, then that row), whatever the accrual's length.
 */
export async function latestAccruals(db: Db, keys: readonly AccrualKey[]): Promise<Map<string, Accrual>> {
  const states = new Map<string, Accrual>();
  if (keys.length === 0) return states;
  const unique = [
    ...new Map(keys.map((k) => [accrualId(k), [k.subjectKey, k.ruleCode, k.accrualKey]])).values(),
  ];
  const rows = await db.all<LatestRow>(sql`
    WITH k(subject_key, rule_code, accrual_key) AS (SELECT value->>0, value->>1, value->>2 FROM json_each(${JSON.stringify(unique)}))
    SELECT e.subject_key, e.rule_code, e.accrual_key, e.seq, e.base_to_date, e.exact_to_date, e.rounded_to_date_minor
    FROM k JOIN ledger_entries e
      ON e.subject_key = k.subject_key AND e.rule_code = k.rule_code AND e.accrual_key = k.accrual_key
     AND e.seq = (SELECT max(m.seq) FROM ledger_entries m WHERE m.subject_key = k.subject_key AND m.rule_code = k.rule_code AND m.accrual_key = k.accrual_key)`);
  for (const row of rows) {
    states.set(
      accrualId({ subjectKey: row.subject_key, ruleCode: row.rule_code, accrualKey: row.accrual_key }),
      {
        seq: Number(row.seq),
        baseToDate: new Dec(row.base_to_date),
        exactToDate: new Dec(row.exact_to_date),
        roundedToDateMinor: Number(row.rounded_to_date_minor),
      },
    );
  }
  return states;
}
