/**
 * Tamper evidence: a SHA-256 hash chain over ledger events in sequence order (DESIGN.md 4.5).
 *
 * Ingestion never reads a chain head (that would serialise all writers); instead the sealer appends,
 * after the fact, one seal per event in `ledger_events.id` order:
 *   hash_n = SHA-256(hash_{n-1} + "\n" + JCS({event: row_n, entries: rows of event n}))   (RFC 8785 JSON)
 * with hash_0 = 64 zeros. Ids are assigned in commit order (single writer), so a sealed prefix never
 * gains a new member. Sealing runs in bounded batches, in the background after writes and always before
 * a report or a verify. `verifyChain` recomputes everything and names the first broken link.
 */
import canonicalize from "canonicalize";
import { and, asc, desc, gt, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { ledgerEntries, ledgerEvents, ledgerSeals } from "../db/schema.js";
import { sha256Hex } from "../security/digest.js";
import type { EntryRow, EventRow } from "./event-result.js";

export const GENESIS_HASH = "0".repeat(64);
const SEAL_BATCH = 500;

export interface ChainHead {
  eventSeq: number;
  hash: string;
}

export function linkHash(prevHash: string, event: EventRow, entries: readonly EntryRow[]): Promise<string> {
  return sha256Hex(`${prevHash}\n${canonicalize({ event, entries })}`);
}

export async function chainHead(db: Db): Promise<ChainHead> {
  const [last] = await db.select().from(ledgerSeals).orderBy(desc(ledgerSeals.eventSeq)).limit(1);
  return last ? { eventSeq: last.eventSeq, hash: last.hash } : { eventSeq: 0, hash: GENESIS_HASH };
}

/** Events with ids in (after, upTo] and their entries, in ledger order. */
async function eventsWithEntries(db: Db, after: number, limit: number): Promise<{ event: EventRow; entries: EntryRow[] }[]> {
  const events = await db.select().from(ledgerEvents).where(gt(ledgerEvents.id, after)).orderBy(asc(ledgerEvents.id)).limit(limit);
  if (events.length === 0) return [];
  const upTo = events[events.length - 1]!.id;
  const entries = await db
    .select({ entry: ledgerEntries })
    .from(ledgerEntries)
    .innerJoin(ledgerEvents, and(sql`${ledgerEvents.platformId} = ${ledgerEntries.platformId}`, sql`${ledgerEvents.eventId} = ${ledgerEntries.eventId}`))
    .where(and(gt(ledgerEvents.id, after), lte(ledgerEvents.id, upTo)))
    .orderBy(asc(ledgerEntries.id));
  const byEvent = new Map<string, EntryRow[]>();
  for (const { entry } of entries) {
    const key = `${entry.platformId}:${entry.eventId}`;
    byEvent.set(key, [...(byEvent.get(key) ?? []), entry]);
  }
  return events.map((event) => ({ event, entries: byEvent.get(`${event.platformId}:${event.eventId}`) ?? [] }));
}

/** Seals every unsealed event; returns the new head. Safe to run concurrently (a losing sealer re-reads). */
export async function sealLedger(db: Db): Promise<ChainHead> {
  for (let rounds = 0; rounds < 1_000_000; rounds++) {
    const head = await chainHead(db);
    const batch = await eventsWithEntries(db, head.eventSeq, SEAL_BATCH);
    if (batch.length === 0) return head;
    let prev = head.hash;
    const seals: (typeof ledgerSeals.$inferInsert)[] = [];
    for (const { event, entries } of batch) {
      const hash = await linkHash(prev, event, entries);
      seals.push({ eventSeq: event.id, prevHash: prev, hash });
      prev = hash;
    }
    try {
      await db.insert(ledgerSeals).values(seals);
    } catch (error) {
      if (!/UNIQUE|PRIMARY KEY|CONSTRAINT/i.test(String((error as { cause?: unknown }).cause ?? error))) throw error;
    }
  }
  throw new Error("sealing did not converge");
}

export interface VerifyReport {
  ok: boolean;
  events_checked: number;
  head: ChainHead;
  unsealed_events: number;
  first_broken?: { event_seq: number; reason: string };
}

/** Recomputes the whole chain from genesis. */
export async function verifyChain(db: Db): Promise<VerifyReport> {
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const seals = await db.select().from(ledgerSeals).where(gt(ledgerSeals.eventSeq, after)).orderBy(asc(ledgerSeals.eventSeq)).limit(SEAL_BATCH);
    if (seals.length === 0) break;
    const batch = await eventsWithEntries(db, after, seals.length);
    for (const [i, seal] of seals.entries()) {
      const item = batch[i];
      const broken = (reason: string): VerifyReport => ({ ok: false, events_checked: checked, head: { eventSeq: after, hash: prev }, unsealed_events: 0, first_broken: { event_seq: seal.eventSeq, reason } });
      if (!item || item.event.id !== seal.eventSeq) return broken("sealed event is missing");
      if (seal.prevHash !== prev) return broken("seal does not follow the previous link");
      if ((await linkHash(prev, item.event, item.entries)) !== seal.hash) return broken("event or entries changed after sealing");
      prev = seal.hash;
      after = seal.eventSeq;
      checked++;
    }
  }
  const [unsealed] = await db.select({ count: sql<number>`count(*)` }).from(ledgerEvents).where(gt(ledgerEvents.id, after));
  return { ok: true, events_checked: checked, head: { eventSeq: after, hash: prev }, unsealed_events: Number(unsealed?.count ?? 0) };
}

/** How long the sealer lets writes gather before sealing them in one run (ms). */
export const SEAL_DELAY_MS = 200;

/**
 * Runs sealing in the background, debounced: after a write, `schedule()` seals within SEAL_DELAY_MS
 * everything written so far in one run (one run at a time), so a stream of small deliveries costs a
 * few sealing statements per interval rather than per delivery. `flush()` seals at once and returns the head.
 */
export class Sealer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: { promise: Promise<void>; resolve: () => void } | null = null;

  constructor(private readonly db: Db) {}

  /** Seals soon; the promise settles when that run is over (for a Worker's waitUntil). Never rejects. */
  schedule(): Promise<void> {
    if (this.pending) return this.pending.promise;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.pending = { promise, resolve };
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pending = null;
      sealLedger(this.db)
        .catch((error: unknown) => console.error(`background sealing failed (the next run retries): ${String(error).slice(0, 300)}`))
        .finally(resolve);
    }, SEAL_DELAY_MS);
    return promise;
  }

  /** Seals everything written so far at once (a scheduled run is folded into this one) and returns the head. */
  async flush(): Promise<ChainHead> {
    const scheduled = this.pending;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    try {
      return await sealLedger(this.db);
    } finally {
      scheduled?.resolve();
    }
  }
}
