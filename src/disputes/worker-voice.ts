/**
 * What the worker's page shows of non-payment and disputes (issue 16), read apart from the contribution
 * record (src/worker-record/worker-record.ts) so each stays one concept:
 * - `reversals`: every reversal of the link's subject within its scope, newest first, with the platform's
 *   reason (null: unspecified) and note, the payout it reverses, its local date and amount;
 * - `disputes`: the subject's disputes within the scope, with their derived state and answer;
 * - `payouts`: the latest MAX_FORM_PAYOUTS payouts, for the dispute form's list;
 * - `platforms`: the platforms that paid the subject within the scope, for the "missing payout" form.
 * Four statements; amounts as decimal strings in their currency.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { ledgerEvents, platforms } from "../db/schema.js";
import { formatMinor } from "../domain/money.js";
import type { ReversalReason } from "../domain/reversal-reasons.js";
import type { DisputeView } from "../schemas/dispute.js";
import { bySubject, listDisputes } from "./disputes.js";

/** How many of the latest payouts the form lists (older ones: the worker names them in the note). */
export const MAX_FORM_PAYOUTS = 200;

export interface WorkerReversal {
  platform_name: string;
  event_id: string;
  reverses: string;
  date: string;
  amount: string;
  currency: string;
  reason: ReversalReason | null;
  note: string | null;
}

export interface FormPayout {
  /** "<platform id>:<event id>", the form's value. */
  value: string;
  platform_name: string;
  event_id: string;
  date: string;
  amount: string;
  currency: string;
}

export interface WorkerVoice {
  reversals: WorkerReversal[];
  disputes: (DisputeView & { platform_name: string })[];
  payouts: FormPayout[];
  platforms: { id: number; name: string }[];
}

/** The rows loadWorkerVoice words: reversals, form payouts, disputes and the worker's platforms. */
async function voiceRows(db: Db, sub: string, platform: number | null, ledgerDbs: readonly Db[]) {
  const scope = (type: "payout" | "reversal") =>
    and(
      eq(ledgerEvents.subjectKey, sub),
      eq(ledgerEvents.type, type),
      platform === null ? undefined : eq(ledgerEvents.platformId, platform),
    );
  const columns = {
    platformId: ledgerEvents.platformId,
    platformName: platforms.name,
    eventId: ledgerEvents.eventId,
    reverses: ledgerEvents.reversesEventId,
    date: ledgerEvents.localDate,
    amountMinor: ledgerEvents.amountMinor,
    currency: ledgerEvents.currency,
    reason: ledgerEvents.reversalReason,
    note: ledgerEvents.reversalNote,
  };
  const everyShard = async <T>(read: (ledger: Db) => Promise<T[]>) =>
    (await Promise.all(ledgerDbs.map(read))).flat();
  const newestFirst = <T extends { date: string }>(rows: T[]) =>
    rows.sort((x, y) => (x.date === y.date ? 0 : x.date < y.date ? 1 : -1));
  return Promise.all([
    everyShard((ledger) =>
      ledger
        .select(columns)
        .from(ledgerEvents)
        .innerJoin(platforms, eq(platforms.id, ledgerEvents.platformId))
        .where(scope("reversal"))
        .orderBy(desc(ledgerEvents.id)),
    ).then(ledgerDbs.length > 1 ? newestFirst : (rows) => rows),
    everyShard((ledger) =>
      ledger
        .select(columns)
        .from(ledgerEvents)
        .innerJoin(platforms, eq(platforms.id, ledgerEvents.platformId))
        .where(scope("payout"))
        .orderBy(desc(ledgerEvents.id))
        .limit(MAX_FORM_PAYOUTS),
    ).then((rows) => (ledgerDbs.length > 1 ? newestFirst(rows).slice(0, MAX_FORM_PAYOUTS) : rows)),
    listDisputes(db, { where: bySubject(sub, platform), status: "all", limit: 1000 }),
    everyShard((ledger) =>
      ledger
        .selectDistinct({ id: platforms.id, name: platforms.name, slug: platforms.slug })
        .from(platforms)
        .innerJoin(ledgerEvents, eq(ledgerEvents.platformId, platforms.id))
        .where(
          and(
            eq(ledgerEvents.subjectKey, sub),
            platform === null ? undefined : eq(ledgerEvents.platformId, platform),
          ),
        ),
    ).then((rows) => [...new Map(rows.map((p) => [p.id, p])).values()]),
  ]);
}

/**
 * Reads the page's reversals, disputes and form choices for subject `sub` seen by `platform` (null: all):
 * disputes from the control database `db`, events from every ledger shard `ledgerDbs` (default: `db`
 * alone; a worker who moved has events on two shards), newest first by local date.
 */
export async function loadWorkerVoice(
  db: Db,
  sub: string,
  platform: number | null,
  ledgerDbs: readonly Db[] = [db],
): Promise<WorkerVoice> {
  const [reversals, payouts, disputes, names] = await voiceRows(db, sub, platform, ledgerDbs);
  const nameOf = new Map(names.map((p) => [p.slug, p.name]));
  return {
    reversals: reversals.map((r) => ({
      platform_name: r.platformName,
      event_id: r.eventId,
      reverses: r.reverses ?? "",
      date: r.date,
      amount: formatMinor(r.amountMinor, r.currency),
      currency: r.currency,
      reason: r.reason,
      note: r.note,
    })),
    disputes: disputes.reverse().map((d) => ({ ...d, platform_name: nameOf.get(d.platform) ?? d.platform })),
    payouts: payouts.map((p) => ({
      value: `${p.platformId}:${p.eventId}`,
      platform_name: p.platformName,
      event_id: p.eventId,
      date: p.date,
      amount: formatMinor(p.amountMinor, p.currency),
      currency: p.currency,
    })),
    platforms: names.map((p) => ({ id: p.id, name: p.name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
