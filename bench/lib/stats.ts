/**
 * Small helpers for benchmark output: percentiles of timings, rates, and plain-text tables.
 * Timings are JavaScript numbers of milliseconds (measurements, never money).
 */

/** The p-th percentile (0..100) of `values` by the nearest-rank method; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 12345.6 -> "12,346". */
export const fmtInt = (n: number) => integer.format(n);
/** 1.234 -> "1.2". */
export const fmt1 = (n: number) => oneDecimal.format(n);
/** 1.234 -> "1.23". */
export const fmt2 = (n: number) => twoDecimals.format(n);
/** 0.523 -> "52%". */
export const fmtPct = (ratio: number) => `${integer.format(ratio * 100)}%`;

/** Events (or requests) per second for `count` items in `ms` milliseconds. */
export const perSecond = (count: number, ms: number) => (count * 1000) / Math.max(ms, 1e-6);

/** A Markdown table (pipes), columns padded for reading in a terminal too. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** Runs `fn` and returns its result with the wall time in ms. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - started };
}
