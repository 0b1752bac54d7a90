/**
 * The running totals this process last wrote, per accrual (subject, rule, accrual key), so that the next
 * write of the same accrual need not read back what the previous one wrote (issue 13: no read that the
 * group's write could answer). `latest(db, keys)` answers the cached states and reads the others
 * (ledger-reads.ts latestAccruals) in one statement; `remember(states)` stores the states after a
 * committed write; `clear()` forgets everything.
 *
 * Safe with other writers (another process, another isolate): a cached state that another writer has
 * since moved on carries a stale `seq`, so the next entry's seq collides with the unique accrual-seq
 * index, the batch fails whole, recordDeliveries clears this cache and re-reads (the optimistic guard of
 * record-payouts.ts). Bounded: beyond `maxEntries` accruals the cache starts over empty.
 */
import type { Accrual } from "../domain/contributions.js";
import type { Db } from "../db/database.js";
import { accrualId, latestAccruals, type AccrualKey } from "./ledger-reads.js";

export const DEFAULT_ACCRUAL_CACHE_ENTRIES = 200_000;

export class AccrualCache {
  private readonly states = new Map<string, Accrual>();

  constructor(private readonly maxEntries = DEFAULT_ACCRUAL_CACHE_ENTRIES) {}

  /** Latest running totals of `keys` (absent: no entry yet), from the cache or else the database; a fresh map the caller may change. */
  async latest(db: Db, keys: readonly AccrualKey[]): Promise<Map<string, Accrual>> {
    const out = new Map<string, Accrual>();
    const missing: AccrualKey[] = [];
    for (const key of keys) {
      const id = accrualId(key);
      const known = this.states.get(id);
      if (known) out.set(id, known);
      else missing.push(key);
    }
    for (const [id, state] of await latestAccruals(db, missing)) out.set(id, state);
    return out;
  }

  /** Stores the states of a committed write. */
  remember(states: ReadonlyMap<string, Accrual>): void {
    if (this.states.size + states.size > this.maxEntries) this.states.clear();
    for (const [id, state] of states) this.states.set(id, state);
  }

  clear(): void {
    this.states.clear();
  }
}
