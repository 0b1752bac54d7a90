/**
 * The raw write baseline (docs/design.md §8): the very rows the ledger wrote (events and their entries, every
 * column but the rowid), written again with @libsql/client directly into a copy of the same migrated
 * database (same schema, indexes, PRAGMAs and foreign keys), as multi-row statements: per batch of
 * `batchEvents` events one INSERT for the events and one for their entries (split only where a statement
 * would exceed the bound-parameter limit, as the ledger splits them), in one atomic write batch.
 *
 * readLedgerRows(source, afterEventId, upToEventId): the rows of events with ids in (after, upTo], with
 * their entries, read before timing. writeRaw(target, rows, batchEvents): the timed writes, in ms.
 */
import type { Client, InStatement, InValue } from "@libsql/client";
import { chunkRows } from "./chunk.js";
import { SQLITE_MAX_PARAMS } from "../../src/db/database.js";

export interface LedgerRows {
  eventColumns: string[];
  entryColumns: string[];
  /** In ledger order, each event's column values and the values of its entries. */
  events: { values: InValue[]; entries: InValue[][] }[];
}

async function columnsOf(client: Client, table: string): Promise<string[]> {
  const info = await client.execute(`PRAGMA table_info(${table})`);
  return info.rows.map((r) => String(r.name)).filter((name) => name !== "id");
}

export async function readLedgerRows(
  source: Client,
  afterEventId: number,
  upToEventId: number,
): Promise<LedgerRows> {
  const eventColumns = await columnsOf(source, "ledger_events");
  const entryColumns = await columnsOf(source, "ledger_entries");
  const events = await source.execute({
    sql: `SELECT ${eventColumns.join(", ")} FROM ledger_events WHERE id > ? AND id <= ? ORDER BY id`,
    args: [afterEventId, upToEventId],
  });
  const entries = await source.execute({
    sql: `SELECT ${entryColumns.map((c) => `en.${c}`).join(", ")} FROM ledger_entries en
          JOIN ledger_events ev ON ev.platform_id = en.platform_id AND ev.event_id = en.event_id
          WHERE ev.id > ? AND ev.id <= ? ORDER BY en.id`,
    args: [afterEventId, upToEventId],
  });
  const byEvent = new Map<string, InValue[][]>();
  const [platformAt, eventAt] = [entryColumns.indexOf("platform_id"), entryColumns.indexOf("event_id")];
  for (const row of entries.rows) {
    const values = entryColumns.map((_, i) => row[i] as InValue);
    const key = `${String(values[platformAt])}:${String(values[eventAt])}`;
    byEvent.set(key, [...(byEvent.get(key) ?? []), values]);
  }
  const [evPlatformAt, evEventAt] = [eventColumns.indexOf("platform_id"), eventColumns.indexOf("event_id")];
  return {
    eventColumns,
    entryColumns,
    events: events.rows.map((row) => {
      const values = eventColumns.map((_, i) => row[i] as InValue);
      return {
        values,
        entries: byEvent.get(`${String(values[evPlatformAt])}:${String(values[evEventAt])}`) ?? [],
      };
    }),
  };
}

/** Multi-row INSERTs of `rows` into `table`, split to respect the bound-parameter limit. */
function multiRowInserts(
  table: string,
  columns: readonly string[],
  rows: readonly InValue[][],
): InStatement[] {
  const placeholders = `(${columns.map(() => "?").join(", ")})`;
  return chunkRows(rows, columns.length, SQLITE_MAX_PARAMS).map((chunk) => ({
    sql: `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${chunk.map(() => placeholders).join(", ")}`,
    args: chunk.flat(),
  }));
}

/** Writes `rows` in batches of `batchEvents` events; returns the wall time (ms) and statements executed. */
export async function writeRaw(
  target: Client,
  rows: LedgerRows,
  batchEvents: number,
): Promise<{ ms: number; statements: number }> {
  let statements = 0;
  const started = performance.now();
  for (let start = 0; start < rows.events.length; start += batchEvents) {
    const batch = rows.events.slice(start, start + batchEvents);
    const writes = [
      ...multiRowInserts(
        "ledger_events",
        rows.eventColumns,
        batch.map((e) => e.values),
      ),
      ...multiRowInserts(
        "ledger_entries",
        rows.entryColumns,
        batch.flatMap((e) => e.entries),
      ),
    ];
    statements += writes.length;
    await target.batch(writes, "write");
  }
  return { ms: performance.now() - started, statements };
}
