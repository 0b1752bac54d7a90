/**
 * Grouping and exact sums, the one helper behind every group-by of the reports and the worker's record.
 * Groups keep the first-seen order of their keys and the input order of their items; sums are exact
 * decimals (decimal.js `Dec`, src/domain/money.ts), never JS floats. Pure.
 * - `groupBy(items, key)`: the items of each key (each group holds at least one item);
 * - `sumBy(items, value)`: the exact sum of a value over items (0 for none);
 * - `countBy(items, count)`: the sum of integer counts over items (counts stay far below 2^53);
 * - `SumsByKey`: sums per key fed one item at a time (for streamed rows, where the items are not all held);
 * - `compositeKey(...parts)`: one string key of several fields.
 */
import { Dec } from "./money.js";

/** A list of at least one item. */
export type NonEmpty<T> = [T, ...T[]];

/** The key of several fields, joined by U+0000 (which no field of the ledger holds), so distinct tuples never collide. */
export function compositeKey(...parts: readonly (string | number)[]): string {
  return parts.join("\u0000");
}

/** The items of `items` grouped by `key`: groups in first-seen key order, items in input order, none empty. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, NonEmpty<T>> {
  const groups = new Map<string, NonEmpty<T>>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The exact sum of `value(item)` over `items` (decimal strings, numbers or Dec), Dec 0 for none. */
export function sumBy<T>(items: Iterable<T>, value: (item: T) => Dec | string | number): Dec {
  let sum = new Dec(0);
  for (const item of items) sum = sum.plus(value(item));
  return sum;
}

/** The sum of the integer `count(item)` over `items` (0 for none): counts of events or persons, never money. */
export function countBy<T>(items: Iterable<T>, count: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += count(item);
  return total;
}

/** One key's slot of `SumsByKey`: its first item, its exact sums (one per field) and how many items it counts. */
export interface KeyedSums<T, F extends string> {
  item: T;
  sums: Record<F, Dec>;
  count: number;
}

/**
 * Exact sums of `fields` per key, fed one item at a time (`add`), in first-seen key order (`slots`): for
 * rows streamed past once. A key's `item` is the first one added under it.
 */
export class SumsByKey<T, F extends string> {
  private readonly byKey = new Map<string, KeyedSums<T, F>>();
  constructor(private readonly fields: readonly F[]) {}

  /** Adds `amounts` (missing fields add 0) and `count` items (default 1) under `key`. */
  add(key: string, item: T, amounts: Partial<Record<F, Dec | string | number>>, count = 1): void {
    let slot = this.byKey.get(key);
    if (!slot) {
      const sums = Object.fromEntries(this.fields.map((f) => [f, new Dec(0)])) as Record<F, Dec>;
      slot = { item, sums, count: 0 };
      this.byKey.set(key, slot);
    }
    for (const field of this.fields) {
      const amount = amounts[field];
      if (amount !== undefined) slot.sums[field] = slot.sums[field].plus(amount);
    }
    slot.count += count;
  }

  /** The slot of `key`, undefined when nothing was added under it. */
  get(key: string): KeyedSums<T, F> | undefined {
    return this.byKey.get(key);
  }

  /** The slots, in first-seen key order. */
  slots(): KeyedSums<T, F>[] {
    return [...this.byKey.values()];
  }
}
