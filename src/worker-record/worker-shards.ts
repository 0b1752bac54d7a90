/**
 * A worker's record gathered over the ledger shards (src/db/shards.ts): a worker who moved has events on
 * two shards (one per jurisdiction), so the page, record.json and the receipt list read every shard in
 * parallel and merge what they read (the CSV export reads them in turn). With one shard this is the plain read.
 *
 * Merging (`mergeWorkerLedgers`): platforms, rule versions and minimum wages are the control plane's rows
 * (mirrored with their ids), so they are united by id; event sums of the same (month, platform, type,
 * currency) from two shards are added; contribution lines and pay inputs carry their jurisdiction, which
 * lives on one shard only, so they are concatenated.
 */
import type { Db } from "../db/database.js";
import type { FxRates } from "../db/fx-repo.js";
import { latestReceiptLinks, RECEIPTS_ON_PAGE, type ReceiptLink } from "../receipts/receipt-store.js";
import {
  loadWorkerLedger,
  workerRecordCsvChunks,
  type EventSum,
  type WorkerLedger,
} from "./worker-record.js";

/** One WorkerLedger out of several shards' (module doc); the first part's exchange-rate lookup (the control plane's FX). */
export function mergeWorkerLedgers(parts: readonly WorkerLedger[]): WorkerLedger {
  const [first, ...rest] = parts;
  if (!first) throw new Error("mergeWorkerLedgers needs at least one part");
  if (rest.length === 0) return first;
  const events = new Map<string, EventSum>();
  for (const e of parts.flatMap((p) => p.events)) {
    const key = JSON.stringify([e.month, e.platformId, e.type, e.currency]);
    const known = events.get(key);
    events.set(key, known ? { ...known, count: known.count + e.count, minor: known.minor.plus(e.minor) } : e);
  }
  const byId = <T extends { id: number }>(rows: readonly T[]) => [
    ...new Map(rows.map((r) => [r.id, r])).values(),
  ];
  return {
    platforms: new Map(parts.flatMap((p) => [...p.platforms])),
    events: [...events.values()],
    lines: parts.flatMap((p) => p.lines),
    rules: byId(parts.flatMap((p) => p.rules)).sort((a, b) => a.id - b.id),
    payEvents: parts.flatMap((p) => p.payEvents),
    pay: { wages: byId(parts.flatMap((p) => p.pay.wages)), quote: first.pay.quote },
  };
}

/** loadWorkerLedger over every shard database in `dbs`, merged. */
export async function loadWorkerLedgerAcross(
  dbs: readonly Db[],
  fx: FxRates,
  subjectKey: string,
  platformId: number | null,
): Promise<WorkerLedger> {
  return mergeWorkerLedgers(
    await Promise.all(dbs.map((db) => loadWorkerLedger(db, fx, subjectKey, platformId))),
  );
}

/** The latest RECEIPTS_ON_PAGE receipt links of the subject over every shard, newest local date first. */
export async function latestReceiptLinksAcross(
  dbs: readonly Db[],
  subjectKey: string,
  platformId: number | null,
): Promise<ReceiptLink[]> {
  const parts = await Promise.all(dbs.map((db) => latestReceiptLinks(db, subjectKey, platformId)));
  if (parts.length === 1) return parts[0] ?? [];
  return parts
    .flat()
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .slice(0, RECEIPTS_ON_PAGE);
}

/**
 * The record CSV (workerRecordCsvChunks) over every shard in turn: one header, then each shard's rows in
 * its ledger order (the header line of every shard but the first is dropped).
 */
export async function* workerRecordCsvAcross(
  dbs: readonly Db[],
  subjectKey: string,
  platformId: number | null,
): AsyncGenerator<string> {
  for (const [i, db] of dbs.entries()) {
    let first = true;
    for await (const chunk of workerRecordCsvChunks(db, subjectKey, platformId)) {
      const text = i > 0 && first ? chunk.slice(chunk.indexOf("\r\n") + 2) : chunk;
      first = false;
      if (text.length > 0) yield text;
    }
  }
}
