/**
 * Receipts from the ledger's rows (src/receipts/receipt.ts): signed for the events of a delivery, fetched
 * again by event id, and listed for a worker's page. Reads only; one statement per call whatever the
 * number of events (lists travel as one JSON parameter, src/db/json-rows.ts).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { jsonList } from "../db/json-rows.js";
import { ledgerEvents, ledgerSeals, platforms } from "../db/schema.js";
import { NotFoundError } from "../domain/errors.js";
import { formatMinor } from "../domain/money.js";
import { toEventResult, type EventResult } from "../ledger/event-result.js";
import { entriesByEvent, eventsById } from "../ledger/ledger-reads.js";
import type { ReceiptSigner } from "../security/receipt-keys.js";
import type { SignedReceipt } from "../schemas/receipt.js";
import { receiptOf, signReceipt, type LedgerPosition } from "./receipt.js";

/** Ledger positions (sequence, storage time, subject, seal if any) of a platform's events, by event id. */
export async function ledgerPositions(
  db: Db,
  platformId: number,
  ids: readonly string[],
): Promise<Map<string, LedgerPosition>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      eventId: ledgerEvents.eventId,
      seq: ledgerEvents.id,
      recordedAt: ledgerEvents.receivedAt,
      subjectKey: ledgerEvents.subjectKey,
      hash: ledgerSeals.hash,
      prevHash: ledgerSeals.prevHash,
    })
    .from(ledgerEvents)
    .leftJoin(ledgerSeals, eq(ledgerSeals.eventSeq, ledgerEvents.id))
    .where(
      and(
        eq(ledgerEvents.platformId, platformId),
        sql`${ledgerEvents.eventId} IN ${jsonList([...new Set(ids)])}`,
      ),
    );
  return new Map(
    rows.map((r) => [
      r.eventId,
      {
        seq: r.seq,
        recordedAt: r.recordedAt,
        subjectKey: r.subjectKey,
        seal: r.hash !== null && r.prevHash !== null ? { hash: r.hash, prevHash: r.prevHash } : null,
      },
    ]),
  );
}

/**
 * Signed receipts of results just recorded or redelivered for the platform `platform` (id and slug), by
 * event id. Every result must name a stored event of the platform (a bug otherwise: throws).
 */
export async function signedReceipts(
  db: Db,
  signer: ReceiptSigner,
  platform: { id: number; slug: string },
  results: readonly EventResult[],
): Promise<Map<string, SignedReceipt>> {
  const positions = await ledgerPositions(
    db,
    platform.id,
    results.map((r) => r.id),
  );
  const signed = await Promise.all(
    results.map((result) => {
      const position = positions.get(result.id);
      if (!position)
        throw new Error(`event "${result.id}" of platform ${platform.id} has no ledger row to sign`);
      return signReceipt(signer, receiptOf(result, position, platform.slug));
    }),
  );
  return new Map(signed.map((s) => [s.payload.event.id, s]));
}

/** The signed receipt of one stored event of a platform, or undefined when the platform has no such event. */
export async function storedReceipt(
  db: Db,
  signer: ReceiptSigner,
  platform: { id: number; slug: string },
  eventId: string,
): Promise<SignedReceipt | undefined> {
  const [events, entries] = await Promise.all([
    eventsById(db, platform.id, [eventId]),
    entriesByEvent(db, platform.id, [eventId]),
  ]);
  const event = events.get(eventId);
  if (!event) return undefined;
  return (
    await signedReceipts(db, signer, platform, [toEventResult("recorded", event, entries.get(eventId) ?? [])])
  ).get(eventId);
}

/**
 * The signed receipt of a platform's event (GET /v1/receipts/{event_id}), from the ledger shard that
 * holds it (an event lives on exactly one: src/db/shards.ts); `ledgerDbs` is every shard's database, the
 * default first. NotFoundError when no shard holds the event for this platform.
 */
export async function platformReceipt(
  ledgerDbs: readonly Db[],
  signer: ReceiptSigner,
  platform: { id: number; slug: string },
  eventId: string,
): Promise<SignedReceipt> {
  for (const db of ledgerDbs) {
    const receipt = await storedReceipt(db, signer, platform, eventId);
    if (receipt) return receipt;
  }
  throw new NotFoundError(`this platform has no event "${eventId}"`);
}

/** A platform by slug (id and slug), or undefined. */
export async function platformBySlug(
  db: Db,
  slug: string,
): Promise<{ id: number; slug: string } | undefined> {
  const [row] = await db
    .select({ id: platforms.id, slug: platforms.slug })
    .from(platforms)
    .where(eq(platforms.slug, slug));
  return row;
}

/** Subject and platform of a stored event, for checking a worker link's claim before answering. */
export async function eventOwner(
  db: Db,
  platformId: number,
  eventId: string,
): Promise<{ subjectKey: string } | undefined> {
  const [row] = await db
    .select({ subjectKey: ledgerEvents.subjectKey })
    .from(ledgerEvents)
    .where(and(eq(ledgerEvents.platformId, platformId), eq(ledgerEvents.eventId, eventId)));
  return row;
}

/** One line of the worker page's receipt list. */
export interface ReceiptLink {
  platform: string;
  eventId: string;
  type: "payout" | "reversal";
  /** Local date of the event in its jurisdiction, YYYY-MM-DD. */
  date: string;
  amount: string;
  currency: string;
}

/** Most receipts a worker page lists (the latest first); every receipt stays reachable by event id. */
export const RECEIPTS_ON_PAGE = 50;

/** The latest `limit` events of a subject (of one platform, or of all with null), newest first, for links to their receipts. */
export async function latestReceiptLinks(
  db: Db,
  subjectKey: string,
  platformId: number | null,
  limit: number = RECEIPTS_ON_PAGE,
): Promise<ReceiptLink[]> {
  const rows = await db
    .select({
      platform: platforms.slug,
      eventId: ledgerEvents.eventId,
      type: ledgerEvents.type,
      date: ledgerEvents.localDate,
      amountMinor: ledgerEvents.amountMinor,
      currency: ledgerEvents.currency,
    })
    .from(ledgerEvents)
    .innerJoin(platforms, eq(platforms.id, ledgerEvents.platformId))
    .where(
      and(
        eq(ledgerEvents.subjectKey, subjectKey),
        platformId === null ? undefined : eq(ledgerEvents.platformId, platformId),
      ),
    )
    .orderBy(desc(ledgerEvents.id))
    .limit(limit);
  return rows.map((r) => ({
    platform: r.platform,
    eventId: r.eventId,
    type: r.type,
    date: r.date,
    amount: formatMinor(r.amountMinor, r.currency),
    currency: r.currency,
  }));
}
