/**
 * The only code that writes payouts and contributions to the ledger.
 *
 * recordPayouts(deps, platformId, commands): takes valid events, parsed once at the edge into
 * PayoutCommands (src/schemas/payout-event.ts parsePayoutEvent), sorts out redeliveries (same id and
 * content: "duplicate", the original result) from conflicts (same id, other content: 409), drafts and
 * accrues the new ones, and writes all their rows in ONE atomic batch. Concurrency is optimistic: each
 * entry carries its accrual's next sequence number under a unique index, and idempotency keys are unique,
 * so a concurrent writer that read the same totals makes the batch fail as a whole; it is then re-read
 * and re-drafted (at most MAX_ATTEMPTS times, else BusyError, a 503 with Retry-After; any other
 * constraint failure is a bug, thrown at once). Per-event outcomes keep the
 * order of `commands`; `withInvalidEvents` puts the 422 outcomes of the events that failed parsing back
 * in their places of the delivery.
 *
 * recordDeliveries(deps, deliveries, accruals?) is the same for several deliveries at once (the group
 * commit, group-commit.ts): every delivery's events are decided as if they were one batch in delivery
 * order (a redelivery of an event recorded earlier in the group is its duplicate, an accrual touched by
 * two deliveries chains its seq and running totals), written in ONE batch, and each delivery gets its
 * own outcomes. `parseDelivery` does the per-delivery CPU work (content hashes) beforehand.
 * `accruals` (accrual-cache.ts) answers running totals this process wrote; a stale one only makes the
 * seq index refuse the batch, after which the cache is dropped and the group re-read.
 *
 * Before drafting, each event is checked against what the ledger knows of its worker: `occurred_at` in the
 * accepted range (occurred-at.ts), and a national id equal to the one this platform first reported for
 * the same worker id (else identity-conflict: a platform cannot re-point a worker at another person).
 * The check reads committed rows and the batch itself; two first deliveries of the same worker id with
 * different national ids racing each other are not told apart.
 */
import type { Db } from "../db/database.js";
import { classifyDriverError, isUniqueViolationOn } from "../db/driver-errors.js";
import type { FxRates } from "../db/fx-repo.js";
import type { RuleBook } from "../db/rule-book.js";
import { insertJsonRows } from "../db/json-rows.js";
import { ledgerEntries, ledgerEvents } from "../db/schema.js";
import { BusyError } from "../domain/errors.js";
import { defined } from "../domain/invariant.js";
import type { ParsedEvent, PayoutCommand } from "../schemas/payout-event.js";
import { hmacHexSync } from "../security/sync-digest.js";
import { nationalIdSubject } from "../security/national-id.js";
import { toEventResult, type EventResult } from "./event-result.js";
import {
  accrualKeysOf,
  accrueDraft,
  draftEvent,
  type Draft,
  type DraftContext,
  type NewEntryRow,
  type NewEventRow,
  type ReversalTarget,
} from "./draft-events.js";
import {
  contentHashesById,
  entriesByEvent,
  eventsById,
  latestAccruals,
  nationalIdHashesOf,
  reversalsOf,
} from "./ledger-reads.js";
import type { AccrualCache } from "./accrual-cache.js";
import { occurredAtRejection } from "./occurred-at.js";
import type { Rejection } from "./rejection.js";

export const MAX_ATTEMPTS = 12;

export interface LedgerDeps {
  db: Db;
  fx: FxRates;
  ruleBook: RuleBook;
  /** HMAC key for national ids (NATIONAL_ID_KEY): the ledger stores only the keyed hash. */
  nationalIdKey: CryptoKey;
  now: () => Date;
  /** How far past `now` an event's occurred_at may lie, ms (occurred-at.ts; default one day). */
  occurredAtMaxFutureMs?: number;
}

export type EventOutcome =
  | { status: "recorded" | "duplicate"; result: EventResult }
  | { status: "rejected" | "conflict"; id: string | undefined; rejection: Rejection };

/** Seconds a refused delivery should wait before it is sent again (the 503's Retry-After). */
export const BUSY_RETRY_AFTER_SECONDS = 1;

interface Parsed {
  /** Position of the event's delivery in the group, and of the event in its delivery. */
  delivery: number;
  index: number;
  event: PayoutCommand;
  contentHash: string;
}

/** One delivery's commands with their content hashes (parseDelivery). */
export interface ParsedDelivery {
  platformId: number;
  /** Number of events in the delivery. */
  size: number;
  valid: Omit<Parsed, "delivery">[];
}

/**
 * Hashes the commands of one delivery for idempotency: HMAC-SHA256 (NATIONAL_ID_KEY) of each command's
 * `canonicalJson`, the parsed wire event. Keyed, because the event may hold a national id, which a plain
 * hash would let anyone with the database confirm by guessing. zod emits keys in schema order and drops
 * unknown ones, so the same event sent with its keys in another order hashes the same.
 */
export function parseDelivery(
  key: CryptoKey,
  platformId: number,
  commands: readonly PayoutCommand[],
): ParsedDelivery {
  return {
    platformId,
    size: commands.length,
    valid: commands.map((event, index) => ({
      index,
      event,
      contentHash: hmacHexSync(key, event.canonicalJson),
    })),
  };
}

/**
 * The outcomes of a whole delivery in its order: the 422 invalid-event outcome of each event that failed
 * parsing, and for the others, in turn, `outcomes` (those recordPayouts gave their commands).
 */
export function withInvalidEvents(
  parsed: readonly ParsedEvent[],
  outcomes: readonly EventOutcome[],
): EventOutcome[] {
  let next = 0;
  return parsed.map((p) =>
    p.ok
      ? defined(outcomes[next++], "the outcome of a parsed event")
      : {
          status: "rejected",
          id: p.id,
          rejection: { code: "invalid-event", detail: "the event failed validation", errors: p.errors },
        },
  );
}

/**
 * The ledger's race indexes (src/db/schema.ts): a concurrent writer that won makes the batch fail on
 * one of them, and the batch is re-read and re-drafted. Any other constraint failure is a bug and fails
 * loudly (a 500 over HTTP, logged), never retried.
 */
const RACE_INDEXES: readonly { table: string; columns: readonly string[] }[] = [
  { table: "ledger_events", columns: ["platform_id", "event_id"] },
  { table: "ledger_events", columns: ["platform_id", "reverses_event_id", "reversal_no"] },
  { table: "ledger_entries", columns: ["subject_key", "rule_code", "accrual_key", "seq"] },
];

/** True for a lost race (a unique violation on a race index) or a busy database (driver-errors.ts). */
export function isRetryable(error: unknown): boolean {
  if (classifyDriverError(error).kind === "busy") return true;
  return RACE_INDEXES.some((index) => isUniqueViolationOn(error, index.table, index.columns));
}

export async function recordPayouts(
  deps: LedgerDeps,
  platformId: number,
  commands: readonly PayoutCommand[],
): Promise<EventOutcome[]> {
  const [outcomes] = await recordDeliveries(deps, [parseDelivery(deps.nationalIdKey, platformId, commands)]);
  return defined(outcomes, "the outcomes of the one delivery");
}

/** Records several parsed deliveries in one atomic write (module doc); outcomes per delivery, in order. */
export async function recordDeliveries(
  deps: LedgerDeps,
  deliveries: readonly ParsedDelivery[],
  accruals?: AccrualCache,
): Promise<EventOutcome[][]> {
  const parsed = deliveries.flatMap((d, delivery) => d.valid.map((p) => ({ ...p, delivery })));
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const attemptOutcomes: EventOutcome[][] = deliveries.map((d) => new Array(d.size));
    const { eventRows, entryRows, states } = await plan(deps, deliveries, parsed, attemptOutcomes, accruals);
    try {
      await write(deps, eventRows, entryRows);
      accruals?.remember(states);
      return attemptOutcomes;
    } catch (error) {
      if (!isRetryable(error)) throw error;
      accruals?.clear();
      // Full jitter, capped exponential backoff: concurrent writers of one worker spread out and converge.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 4 * 2 ** attempt)));
    }
  }
  throw new BusyError(
    "the ledger is busy with concurrent deliveries for the same workers; retry",
    BUSY_RETRY_AFTER_SECONDS,
  );
}

/** Sets the outcome of event `at.index` of delivery `at.delivery`. */
function setOutcome(
  outcomes: EventOutcome[][],
  at: { delivery: number; index: number },
  outcome: EventOutcome,
) {
  defined(outcomes[at.delivery], "the outcomes of a delivery of the group")[at.index] = outcome;
}

/** The outcome decided for event `at.index` of delivery `at.delivery` (set before it is read). */
function outcomeAt(outcomes: EventOutcome[][], at: { delivery: number; index: number }): EventOutcome {
  return defined(
    outcomes[at.delivery]?.[at.index],
    `the outcome of event ${at.index} of delivery ${at.delivery}`,
  );
}

async function write(deps: LedgerDeps, eventRows: NewEventRow[], entryRows: NewEntryRow[]): Promise<void> {
  const [first, ...rest] = [
    ...insertJsonRows(deps.db, ledgerEvents, eventRows),
    ...insertJsonRows(deps.db, ledgerEntries, entryRows),
  ];
  if (first) await deps.db.batch([first, ...rest]);
}

/**
 * Decides every valid event's outcome against the current ledger and drafts the rows to write: per
 * platform of the group, the idempotency check and drafting over all its deliveries in order, then the
 * accrual of every draft, in group order, on running totals shared by the whole group (a national-id
 * subject accrues across platforms). Returns the rows and the running totals after them.
 */
async function plan(
  deps: LedgerDeps,
  deliveries: readonly ParsedDelivery[],
  parsed: Parsed[],
  outcomes: EventOutcome[][],
  accruals: AccrualCache | undefined,
) {
  const { db } = deps;
  const platformIds = [...new Set(deliveries.map((d) => d.platformId))];
  const platformOf = (p: Parsed) => defined(deliveries[p.delivery], "a parsed event's delivery").platformId;
  const set = (p: { delivery: number; index: number }, outcome: EventOutcome) =>
    setOutcome(outcomes, p, outcome);
  const perPlatform = await Promise.all(
    platformIds.map(async (platformId) => {
      const mine = parsed.filter((p) => platformOf(p) === platformId);
      const stored = await contentHashesById(
        db,
        platformId,
        mine.map((p) => p.event.id),
      );
      const fresh: Parsed[] = [];
      const seenInGroup = new Map<string, Parsed>();
      const duplicateOf = new Map<Parsed, Parsed | undefined>();
      for (const p of mine) {
        const earlier = seenInGroup.get(p.event.id);
        const known = stored.get(p.event.id) ?? earlier?.contentHash;
        if (known === undefined) {
          seenInGroup.set(p.event.id, p);
          fresh.push(p);
        } else if (known === p.contentHash) {
          duplicateOf.set(p, stored.has(p.event.id) ? undefined : earlier);
        } else {
          set(p, {
            status: "conflict",
            id: p.event.id,
            rejection: {
              code: "idempotency-conflict",
              detail: `event "${p.event.id}" was recorded before with different content`,
            },
          });
        }
      }
      return { platformId, duplicateOf, drafts: await draftAll(deps, platformId, fresh, outcomes) };
    }),
  );
  const drafts = perPlatform
    .flatMap((p) => p.drafts)
    .sort((a, b) => a.at.delivery - b.at.delivery || a.at.index - b.at.index);
  const keys = accrualKeysOf(drafts.map((d) => d.draft));
  const states = accruals ? await accruals.latest(db, keys) : await latestAccruals(db, keys);
  const eventRows: NewEventRow[] = [];
  const entryRows: NewEntryRow[] = [];
  for (const { at, draft } of drafts) {
    const entries = accrueDraft(draft, states);
    if ("code" in entries) {
      set(at, { status: "rejected", id: draft.row.eventId, rejection: entries });
      continue;
    }
    eventRows.push(draft.row);
    entryRows.push(...entries);
    set(at, { status: "recorded", result: toEventResult("recorded", draft.row, entries) });
  }
  await Promise.all(perPlatform.map((p) => resolveDuplicates(deps, p.platformId, p.duplicateOf, outcomes)));
  return { eventRows, entryRows, states };
}

async function draftAll(
  deps: LedgerDeps,
  platformId: number,
  fresh: Parsed[],
  outcomes: EventOutcome[][],
): Promise<{ at: Parsed; draft: Draft }[]> {
  if (fresh.length === 0) return [];
  const targetIds = fresh.flatMap((p) => (p.event.type === "reversal" ? [p.event.reverses] : []));
  const now = deps.now();
  const [book, targets, knownIds] = await Promise.all([
    deps.ruleBook.get(),
    reversalTargets(deps, platformId, targetIds),
    nationalIdHashesOf(
      deps.db,
      platformId,
      fresh.flatMap((p) => (p.event.worker.nationalId ? [p.event.worker.id] : [])),
    ),
  ]);
  const subjects = new Map<PayoutCommand, { subjectKey: string; nationalIdHash: string | null }>();
  const ctx: DraftContext = {
    platformId,
    receivedAt: now.toISOString(),
    ...book,
    fx: deps.fx,
    targets,
    subjectKeyOf: async (event) =>
      subjects.get(event) ?? { subjectKey: `p${platformId}:${event.worker.id}`, nationalIdHash: null },
  };
  const drafts: { at: Parsed; draft: Draft }[] = [];
  for (const p of fresh) {
    const refused =
      occurredAtRejection(p.event.occurredAt, now, deps.occurredAtMaxFutureMs) ??
      (await identityRejection(deps, p.event, knownIds, subjects));
    if (refused) {
      setOutcome(outcomes, p, { status: "rejected", id: p.event.id, rejection: refused });
      continue;
    }
    const draft = await draftEvent(ctx, p.event, p.contentHash);
    if ("code" in draft) setOutcome(outcomes, p, { status: "rejected", id: p.event.id, rejection: draft });
    else drafts.push({ at: p, draft });
  }
  return drafts;
}

/**
 * Derives the event's national-id subject into `subjects` and refuses a national id other than the one
 * `knownIds` holds for the same worker id (the first reported, updated as the batch goes on).
 */
async function identityRejection(
  deps: LedgerDeps,
  event: PayoutCommand,
  knownIds: Map<string, string>,
  subjects: Map<PayoutCommand, { subjectKey: string; nationalIdHash: string | null }>,
): Promise<Rejection | null> {
  if (!event.worker.nationalId) return null;
  const { hash, subjectKey } = await nationalIdSubject(
    deps.nationalIdKey,
    event.worker.country,
    event.worker.nationalId,
  );
  const known = knownIds.get(event.worker.id);
  if (known !== undefined && known !== hash) {
    return {
      code: "identity-conflict",
      detail: `worker "${event.worker.id}" was reported with another national id before; a platform's worker id names one person`,
      errors: [
        {
          path: "worker.national_id",
          message: "differs from the national id reported earlier for this worker id",
        },
      ],
    };
  }
  knownIds.set(event.worker.id, hash);
  subjects.set(event, { subjectKey, nationalIdHash: hash });
  return null;
}

/** Stored payouts that new reversals name, with their entries and what was reversed so far. */
async function reversalTargets(
  deps: LedgerDeps,
  platformId: number,
  ids: string[],
): Promise<Map<string, ReversalTarget>> {
  const targets = new Map<string, ReversalTarget>();
  if (ids.length === 0) return targets;
  const [events, entries, reversals] = await Promise.all([
    eventsById(deps.db, platformId, ids),
    entriesByEvent(deps.db, platformId, ids),
    reversalsOf(deps.db, platformId, ids),
  ]);
  for (const [id, event] of events) {
    const done = reversals.get(id) ?? { reversedMinor: 0, reversedComponents: {}, count: 0 };
    targets.set(id, { event, entries: entries.get(id) ?? [], ...done });
  }
  return targets;
}

/**
 * Fills the outcome of each redelivery: of an event stored before, its original result rebuilt from its
 * ledger rows; of an event first seen earlier in the group (`original`), that event's outcome: its
 * result as a duplicate, or, when it was refused, the same refusal (in its own delivery: a problem that
 * says it repeats a refused event).
 */
async function resolveDuplicates(
  deps: LedgerDeps,
  platformId: number,
  duplicateOf: Map<Parsed, Parsed | undefined>,
  outcomes: EventOutcome[][],
): Promise<void> {
  if (duplicateOf.size === 0) return;
  const storedIds = [...new Set([...duplicateOf].flatMap(([p, original]) => (original ? [] : [p.event.id])))];
  const [events, entries] = await Promise.all([
    eventsById(deps.db, platformId, storedIds),
    entriesByEvent(deps.db, platformId, storedIds),
  ]);
  for (const [p, original] of duplicateOf) {
    const id = p.event.id;
    const first = original && outcomeAt(outcomes, original);
    const event = events.get(id);
    let outcome: EventOutcome;
    if (first && "result" in first)
      outcome = { status: "duplicate", result: { ...first.result, status: "duplicate" } };
    else if (first && original && original.delivery !== p.delivery) outcome = first;
    else if (event)
      outcome = { status: "duplicate", result: toEventResult("duplicate", event, entries.get(id) ?? []) };
    else
      outcome = {
        status: "rejected",
        id,
        rejection: {
          code: "invalid-event",
          detail: `event "${id}" repeats an event of this delivery that was rejected`,
        },
      };
    setOutcome(outcomes, p, outcome);
  }
}
