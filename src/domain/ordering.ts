/**
 * Code-unit order: strings compared by their UTF-16 code units, as `<` and Array.prototype.sort do, never
 * by a locale (`localeCompare` puts "a" before "Z" and "é" before "f"; code-unit order puts "Z" (U+005A)
 * before "a" (U+0061) and "f" (U+0066) before "é" (U+00E9)). Every ordering the service publishes (report
 * rows, totals, statements, the worker's record) is in this order, so every runtime and locale sorts alike
 * and byte-identical outputs stay byte-identical. For ASCII it is also SQLite's BINARY collation. Pure.
 */

/** -1, 0 or 1 as `a` sorts before, with or after `b` in code-unit order. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lexicographic code-unit order of two string tuples of the same fields (the first field that differs decides). */
export function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareCodeUnits(a[i] ?? "", b[i] ?? "");
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * A comparator of `T` by `keys` in turn (the first key that differs decides): string keys in code-unit
 * order, number keys numerically.
 */
export function byKeys<T>(...keys: ((x: T) => string | number)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}
