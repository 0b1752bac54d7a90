/**
 * Reads the write path needs, each one statement per chunk (never one query per event):
 * known events by idempotency key, reversal targets with their entries, latest running totals.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Accrual } from "../domain/contributions.js";
import { Dec } from "../domain/money.js";
import { chunkRows } from "../db/chunk.js";
import type { Db } from "../db/client.js";
import { ledgerEntries, ledgerEvents } from "../db/schema.js";
import type { EntryRow, EventRow } from "./event-result.js";

/** Content hashes of a platform's stored events, by event id (the idempotency check reads nothing else). */
export async function contentHashesById(db: Db, maxParams: number, platformId: number, ids: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of chunkRows([...new Set(ids)], 1, maxParams - 1)) {
    const rows = await db
      .select({ eventId: ledgerEvents.eventId, contentHash: ledgerEvents.contentHash })
      .from(ledgerEvents)
      .where(and(eq(ledgerEvents.platformId, platformId), inArray(ledgerEvents.eventId, chunk)));
    for (const row of rows) found.set(row.eventId, row.contentHash);
  }
  return found;
}

/** Stored events of a platform by event id. */
export async function eventsById(db: Db, maxParams: number, platformId: number, ids: readonly string[]): Promise<Map<string, EventRow>> {
  const found = new Map<string, EventRow>();
  for (const chunk of chunkRows([...new Set(ids)], 1, maxParams - 1)) {
    const rows = await db.select().from(ledgerEvents).where(and(eq(ledgerEvents.platformId, platformId), inArray(ledgerEvents.eventId, chunk)));
    for (const row of rows) found.set(row.eventId, row);
  }
  return found;
}

/** Entries of a platform's events, grouped by event id, in ledger order. */
export async function entriesByEvent(db: Db, maxParams: number, platformId: number, ids: readonly string[]): Promise<Map<string, EntryRow[]>> {
  const grouped = new Map<string, EntryRow[]>();
  for (const chunk of chunkRows([...new Set(ids)], 1, maxParams - 1)) {
    const rows = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.platformId, platformId), inArray(ledgerEntries.eventId, chunk)))
      .orderBy(ledgerEntries.id);
    for (const row of rows) grouped.set(row.eventId, [...(grouped.get(row.eventId) ?? []), row]);
  }
  return grouped;
}

/** Reversals already recorded against payouts: amount reversed (minor units) and count, by payout id. */
export async function reversalsOf(db: Db, maxParams: number, platformId: number, payoutIds: readonly string[]): Promise<Map<string, { reversedMinor: number; count: number }>> {
  const totals = new Map<string, { reversedMinor: number; count: number }>();
  for (const chunk of chunkRows([...new Set(payoutIds)], 1, maxParams - 1)) {
    const rows = await db
      .select({ payout: ledgerEvents.reversesEventId, reversedMinor: sql<number>`sum(${ledgerEvents.amountMinor})`, count: sql<number>`count(*)` })
      .from(ledgerEvents)
      .where(and(eq(ledgerEvents.platformId, platformId), inArray(ledgerEvents.reversesEventId, chunk)))
      .groupBy(ledgerEvents.reversesEventId);
    for (const row of rows) if (row.payout) totals.set(row.payout, { reversedMinor: Number(row.reversedMinor), count: Number(row.count) });
  }
  return totals;
}

export interface AccrualKey {
  subjectKey: string;
  ruleCode: string;
  accrualKey: string;
}

export const accrualId = (k: AccrualKey) => `${k.subjectKey}\u0000${k.ruleCode}\u0000${k.accrualKey}`;

/**
 * Latest running totals of each accrual (absent = no entry yet). One statement per chunk of keys; each key
 * costs two index seeks (max(seq) on the unique index, then that row), whatever the accrual's length.
 */
export async function latestAccruals(db: Db, maxParams: number, keys: readonly AccrualKey[]): Promise<Map<string, Accrual>> {
  const states = new Map<string, Accrual>();
  const unique = [...new Map(keys.map((k) => [accrualId(k), k])).values()];
  for (const chunk of chunkRows(unique, 3, maxParams)) {
    const tuples = sql.join(
      chunk.map((k) => sql`(${k.subjectKey}, ${k.ruleCode}, ${k.accrualKey})`),
      sql`, `,
    );
    const rows = await db.all<{ subject_key: string; rule_code: string; accrual_key: string; seq: number; base_to_date: string; exact_to_date: string; rounded_to_date_minor: number }>(sql`
      WITH k(subject_key, rule_code, accrual_key) AS (VALUES ${tuples})
      SELECT e.subject_key, e.rule_code, e.accrual_key, e.seq, e.base_to_date, e.exact_to_date, e.rounded_to_date_minor
      FROM k JOIN ledger_entries e
        ON e.subject_key = k.subject_key AND e.rule_code = k.rule_code AND e.accrual_key = k.accrual_key
       AND e.seq = (SELECT max(m.seq) FROM ledger_entries m WHERE m.subject_key = k.subject_key AND m.rule_code = k.rule_code AND m.accrual_key = k.accrual_key)`);
    for (const row of rows) {
      states.set(accrualId({ subjectKey: row.subject_key, ruleCode: row.rule_code, accrualKey: row.accrual_key }), {
        seq: Number(row.seq),
        baseToDate: new Dec(row.base_to_date),
        exactToDate: new Dec(row.exact_to_date),
        roundedToDateMinor: Number(row.rounded_to_date_minor),
      });
    }
  }
  return states;
}
