/**
 * Group commit of webhook deliveries (issue 13): one atomic write for every delivery that arrived while
 * the previous write was in flight.
 *
 * Design:
 * - **Queue.** `submit(platformId, commands)` takes the delivery's valid events, parsed once at the
 *   edge into commands (src/schemas/payout-event.ts), first hashes them (parseDelivery),
 *   then queues it. When no group is being written, the queue
 *   is taken at once: the first delivery after an idle spell is written alone, without waiting. While a
 *   group is being written, new deliveries wait; when its write returns, every waiting delivery (up to
 *   `maxGroupEvents` events, at least one delivery) becomes the next group. One group at a time per
 *   committer, so in one process the ledger has a single writer and groups never invalidate each other.
 * - **One write per group.** The group is decided and drafted against the ledger state as one batch in
 *   arrival order (record-payouts.ts recordDeliveries): idempotency per platform across the group (a
 *   redelivery of an event recorded earlier in the same group is its duplicate, with the same result),
 *   running totals and seq chained across the group (two events of one accrual in one group get seq n+1
 *   and n+2), then every row is written in ONE batch.
 * - **Per-delivery results.** Each delivery gets its own outcomes, in its own order: recorded, duplicate,
 *   409 conflict or 422 rejection per event. A rejection is a per-event outcome, never a write error, so
 *   it cannot fail its neighbours. Should the group's write fail for any other reason than a concurrent
 *   writer (an unexpected error), each delivery of the group is retried alone, so only the delivery that
 *   causes it gets the error.
 * - **Bounds.** At most `maxQueuedEvents` events wait (GROUP_COMMIT_MAX_QUEUE, default 10,000); a delivery
 *   that would exceed it is refused at once, and one that waited `maxWaitMs` (GROUP_COMMIT_MAX_WAIT_MS,
 *   default 2,000 ms) without its group starting is taken out of the queue; both get BusyError,
 *   which the route answers 503 problem+json with Retry-After. Nothing of a refused delivery is written,
 *   and the platform redelivers it (the client does, src/client/index.ts).
 * - **Optimistic guard kept.** Another process or a remote database may write between this group's reads
 *   and its write (two servers on one file, two isolates on D1). The guard of record-payouts.ts holds as
 *   before: entries carry their accrual's next seq under a unique index and event ids are unique per
 *   platform, so the whole group's batch fails, is re-read and re-drafted (at most MAX_ATTEMPTS times,
 *   else every delivery of the group gets BusyError). The running totals this committer wrote are
 *   kept in an AccrualCache (accrual-cache.ts) instead of being read back; a stale one trips the same
 *   guard, which clears the cache.
 *
 * On Workers each request builds its own app and committer (workerd forbids awaiting another request's
 * I/O), so every group is one delivery, written as before; D1 serialises the writes (README, BENCHMARKS.md).
 */
import { BusyError } from "../domain/errors.js";
import {
  BUSY_RETRY_AFTER_SECONDS,
  parseDelivery,
  recordDeliveries,
  type EventOutcome,
  type LedgerDeps,
  type ParsedDelivery,
} from "./record-payouts.js";
import { defined } from "../domain/invariant.js";
import type { PayoutCommand } from "../schemas/payout-event.js";
import { AccrualCache } from "./accrual-cache.js";

export interface GroupCommitOptions {
  /** Events that may wait for a group (default 10,000); beyond, a delivery is refused (503). */
  maxQueuedEvents: number;
  /** Longest wait for a group to start, ms (default 2,000); beyond, the delivery is refused (503). */
  maxWaitMs: number;
  /** Events per group at most (default 5,000; a single larger delivery forms a group alone). */
  maxGroupEvents: number;
  /**
   * Whether a group starts one event-loop turn late, gathering the deliveries ready by then (pump(); true
   * on Node). The Worker, whose committer sees one delivery per request, starts at once (false): there a
   * deferred start only held each request back.
   */
  gather: boolean;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = {
  maxQueuedEvents: 10_000,
  maxWaitMs: 2_000,
  maxGroupEvents: 5_000,
  gather: true,
};

interface Waiting {
  delivery: ParsedDelivery;
  resolve(outcomes: EventOutcome[]): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

export class GroupCommitter {
  private readonly queue: Waiting[] = [];
  private queuedEvents = 0;
  private writing = false;
  private readonly accruals = new AccrualCache();
  /** Groups written and the deliveries they held, since start (deliveries ÷ groups = mean group size). */
  readonly written = { groups: 0, deliveries: 0 };

  constructor(
    private readonly deps: LedgerDeps,
    private readonly options: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
  ) {}

  /** Records one delivery's events (in a group); outcomes in input order. Throws BusyError when the queue is full or the wait too long. */
  async submit(platformId: number, commands: readonly PayoutCommand[]): Promise<EventOutcome[]> {
    if (commands.length === 0) return [];
    const delivery = parseDelivery(this.deps.nationalIdKey, platformId, commands);
    if (this.queuedEvents > 0 && this.queuedEvents + delivery.size > this.options.maxQueuedEvents) {
      throw new BusyError(
        `the ledger's write queue is full (${this.queuedEvents} events waiting); retry`,
        BUSY_RETRY_AFTER_SECONDS,
      );
    }
    return new Promise<EventOutcome[]>((resolve, reject) => {
      const waiting: Waiting = {
        delivery,
        resolve,
        reject,
        timer: setTimeout(() => {
          const at = this.queue.indexOf(waiting);
          if (at < 0) return;
          this.queue.splice(at, 1);
          this.queuedEvents -= delivery.size;
          reject(
            new BusyError(
              `the delivery waited ${this.options.maxWaitMs} ms for the ledger's write queue; retry`,
              BUSY_RETRY_AFTER_SECONDS,
            ),
          );
        }, this.options.maxWaitMs),
      };
      this.queue.push(waiting);
      this.queuedEvents += delivery.size;
      this.pump();
    });
  }

  /**
   * Starts the next group when none is being written, after the deliveries that are ready in this turn
   * of the event loop have joined the queue (`gather`: setImmediate, after pending I/O callbacks, no
   * timer delay).
   * The embedded libSQL driver runs statements synchronously, so without this turn a group's write would
   * never leave the event loop to requests arriving meanwhile, and every group would hold one delivery.
   */
  private pump(): void {
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    const start = (run: () => void) => (this.options.gather ? void setImmediate(run) : run());
    start(() => {
      const group: Waiting[] = [];
      let events = 0;
      for (
        let next = this.queue[0];
        next && (group.length === 0 || events + next.delivery.size <= this.options.maxGroupEvents);
        next = this.queue[0]
      ) {
        this.queue.shift();
        clearTimeout(next.timer);
        events += next.delivery.size;
        group.push(next);
      }
      this.queuedEvents -= events;
      void this.write(group).finally(() => {
        this.writing = false;
        this.pump();
      });
    });
  }

  private async write(group: Waiting[]): Promise<void> {
    this.written.groups++;
    this.written.deliveries += group.length;
    try {
      const outcomes = await recordDeliveries(
        this.deps,
        group.map((w) => w.delivery),
        this.accruals,
      );
      group.forEach((w, i) => {
        w.resolve(defined(outcomes[i], "the outcomes of a delivery of the group"));
      });
    } catch (error) {
      if (error instanceof BusyError || group.length === 1) {
        for (const w of group) w.reject(error);
        return;
      }
      // An unexpected failure of the group's write: each delivery alone, so only the one that causes it fails.
      this.accruals.clear();
      for (const w of group) {
        await recordDeliveries(this.deps, [w.delivery], this.accruals).then(
          ([outcomes]) => w.resolve(defined(outcomes, "the outcomes of the one delivery")),
          w.reject,
        );
      }
    }
  }
}
