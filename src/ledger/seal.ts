/**
 * Tamper evidence: a SHA-256 hash chain over ledger events in sequence order (docs/design.md §4.5).
 *
 * Ingestion never reads a chain head (that would serialise all writers); instead the sealer appends,
 * after the fact, one seal per event in `ledger_events.id` order:
 *   hash_n = SHA-256(hash_{n-1} + "\n" + content_n),   hash_0 = 64 zeros,
 * where content_n is the JSON array of every column of event n (schema order) followed by the array of
 * its entries (each the array of every column, in entry id order), built by SQLite's json_array, so
 * every engine (libSQL, D1) produces the same text and the sealer reads one string per event.
 * Columns added after the chain began (SEALED_LATER, by generation: rules v2, then reversal reasons) are
 * appended to a row's array only when one of their generation, or of a later one, is set, so the content
 * of rows written, and sealed, before they existed never changes.
 * Entry columns that copy their event's (ENTRY_COPIES_OF_EVENT: worker_ref and event_type, migration 0009, for the agency
 * report's index) are not part of the content: the event's own columns are sealed.
 * Ids are assigned in commit order (single writer), so a sealed prefix never gains a new member.
 * Sealing runs in bounded batches, in the background after writes and always before a report or a
 * verify. `verifyChain` recomputes everything and names the first broken link.
 */
import { desc, getTableColumns, gt, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/database.js";
import { isUniqueViolationOn } from "../db/driver-errors.js";
import { insertJsonRows } from "../db/json-rows.js";
import { ledgerEntries, ledgerEvents, ledgerSeals } from "../db/schema.js";
import type { VerifyReport } from "../schemas/ledger-verify.js";
import { sha256HexSync } from "../security/sync-digest.js";

export const GENESIS_HASH = "0".repeat(64);
const SEAL_BATCH = 1_000;

export interface ChainHead {
  eventSeq: number;
  hash: string;
}

/**
 * Generations of columns added after the chain began, in the order of their migrations. A row's content
 * carries the columns of generation k (and of every earlier one) only when a column of generation k or
 * of a later one is set, so a row that sets none of a generation's columns keeps the content, and the
 * seal, it had before that generation existed (module doc).
 */
export const SEALED_LATER: readonly (readonly string[])[] = [
  ["task_attributes", "components", "base_fraction", "basis"], // migration 0005 (rules v2)
  ["reversal_reason", "reversal_note", "worker_status"], // migration 0008 (reversal reasons, worker status)
];

/** Entry columns copied from the entry's event (migration 0009): left out of the entry's content (module doc). */
const ENTRY_COPIES_OF_EVENT = new Set(["worker_ref", "event_type"]);

/** json_array(alias.col1, alias.col2, …) over every column of a table but `omitted`, in schema order (later columns: SEALED_LATER). */
function jsonOfRow(table: SQLiteTable, alias: string, omitted: ReadonlySet<string> = new Set()): SQL {
  const names = Object.values(getTableColumns(table))
    .map((c) => c.name)
    .filter((n) => !omitted.has(n));
  const quoted = (n: string) => `${alias}."${n}"`;
  const first = names.filter((n) => !SEALED_LATER.some((generation) => generation.includes(n))).map(quoted);
  const generations = SEALED_LATER.map((generation) =>
    names.filter((n) => generation.includes(n)).map(quoted),
  ).filter((g) => g.length > 0);
  if (generations.length === 0) return sql.raw(`json_array(${first.join(", ")})`);
  const branches = generations.map((generation, k) => {
    const anySet = `NOT (${generation.map((c) => `${c} IS NULL`).join(" AND ")})`;
    return `WHEN ${anySet} THEN json_array(${[...first, ...generations.slice(0, k + 1).flat()].join(", ")})`;
  });
  return sql.raw(`CASE ${branches.reverse().join(" ")} ELSE json_array(${first.join(", ")}) END`);
}

const EVENT_JSON = jsonOfRow(ledgerEvents, "ev");
const ENTRY_JSON = jsonOfRow(ledgerEntries, "en", ENTRY_COPIES_OF_EVENT);

/** One link: SHA-256 of the previous hash, a newline and the event's content, hex (synchronous: sync-digest.ts). */
export function linkHash(prevHash: string, content: string): string {
  return sha256HexSync(`${prevHash}\n${content}`);
}

export async function chainHead(db: Db): Promise<ChainHead> {
  const [last] = await db.select().from(ledgerSeals).orderBy(desc(ledgerSeals.eventSeq)).limit(1);
  return last ? { eventSeq: last.eventSeq, hash: last.hash } : { eventSeq: 0, hash: GENESIS_HASH };
}

/** Up to `limit` events after ledger sequence `after`, each as its sealed content (see module doc), in ledger order. */
async function sealContents(
  db: Db,
  after: number,
  limit: number,
): Promise<{ seq: number; content: string }[]> {
  const rows = await db.all<{ seq: number; content: string }>(sql`
    SELECT ev.id AS seq,
           json_array(${EVENT_JSON},
             (SELECT json_group_array(json(x)) FROM (SELECT ${ENTRY_JSON} AS x FROM ledger_entries en
               WHERE en.platform_id = ev.platform_id AND en.event_id = ev.event_id ORDER BY en.id))) AS content
    FROM ledger_events ev WHERE ev.id > ${after} ORDER BY ev.id LIMIT ${limit}`);
  return rows.map((r) => ({ seq: Number(r.seq), content: r.content }));
}

/** Seals every unsealed event; returns the new head. Safe to run concurrently (a losing sealer re-reads). */
export async function sealLedger(db: Db): Promise<ChainHead> {
  for (let rounds = 0; rounds < 1_000_000; rounds++) {
    const head = await chainHead(db);
    const batch = await sealContents(db, head.eventSeq, SEAL_BATCH);
    if (batch.length === 0) return head;
    let prev = head.hash;
    const seals: (typeof ledgerSeals.$inferInsert)[] = [];
    for (const { seq, content } of batch) {
      const hash = linkHash(prev, content);
      seals.push({ eventSeq: seq, prevHash: prev, hash });
      prev = hash;
    }
    try {
      for (const insert of insertJsonRows(db, ledgerSeals, seals)) await insert;
    } catch (error) {
      // Only a unique conflict on ledger_seals is a lost race (another sealer wrote these seals first).
      if (!isUniqueViolationOn(error, "ledger_seals")) throw error;
    }
  }
  throw new Error("sealing did not converge");
}

/** Recomputes the whole chain from genesis. */
export async function verifyChain(db: Db): Promise<VerifyReport> {
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const seals = await db
      .select()
      .from(ledgerSeals)
      .where(gt(ledgerSeals.eventSeq, after))
      .orderBy(ledgerSeals.eventSeq)
      .limit(SEAL_BATCH);
    if (seals.length === 0) break;
    const batch = await sealContents(db, after, seals.length);
    for (const [i, seal] of seals.entries()) {
      const item = batch[i];
      const broken = (reason: string): VerifyReport => ({
        ok: false,
        events_checked: checked,
        head: { event_seq: after, hash: prev },
        unsealed_events: 0,
        first_broken: { event_seq: seal.eventSeq, reason },
      });
      if (!item || item.seq !== seal.eventSeq) return broken("sealed event is missing");
      if (seal.prevHash !== prev) return broken("seal does not follow the previous link");
      if (linkHash(prev, item.content) !== seal.hash) return broken("event or entries changed after sealing");
      prev = seal.hash;
      after = seal.eventSeq;
      checked++;
    }
  }
  const [unsealed] = await db
    .select({ count: sql<number>`count(*)` })
    .from(ledgerEvents)
    .where(gt(ledgerEvents.id, after));
  return {
    ok: true,
    events_checked: checked,
    head: { event_seq: after, hash: prev },
    unsealed_events: Number(unsealed?.count ?? 0),
  };
}
/** How long the sealer lets writes gather before sealing them in one run (ms). */
export const SEAL_DELAY_MS = 200;

/**
 * Runs sealing in the background, debounced and one run at a time: after a write, `schedule()` seals
 * within SEAL_DELAY_MS everything written so far, so a stream of small deliveries costs a few sealing
 * statements per interval rather than per delivery. `flush()` seals at once (after any run in flight)
 * and returns the head; `close()` cancels what is scheduled and waits for the run in flight.
 */
export class Sealer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waiters: (() => void)[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {}

  /** Seals soon; the promise settles when that run is over (for a Worker's waitUntil). Never rejects. */
  schedule(): Promise<void> {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const waiters = this.waiters.splice(0);
      void this.exclusive(() => sealLedger(this.db))
        .catch((error: unknown) =>
          console.error(
            `background sealing failed (the next run retries): ${String((error as { cause?: unknown }).cause ?? error).slice(0, 300)}`,
          ),
        )
        .finally(() => {
          for (const resolve of waiters) resolve();
        });
    }, SEAL_DELAY_MS);
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Seals everything written so far and returns the head. */
  flush(): Promise<ChainHead> {
    return this.exclusive(() => sealLedger(this.db));
  }

  /** Stops background sealing: cancels the scheduled run and waits for the one in flight. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const resolve of this.waiters.splice(0)) resolve();
    await this.tail;
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
