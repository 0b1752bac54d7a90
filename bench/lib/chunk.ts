/**
 * Splits rows for multi-row statements so that none exceeds the engine's bound-parameter limit.
 * `paramsPerRow` is the number of columns written per row; returns at least one row per chunk.
 */
export function chunkRows<T>(rows: readonly T[], paramsPerRow: number, maxParams: number): T[][] {
  const size = Math.max(1, Math.floor(maxParams / Math.max(1, paramsPerRow)));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
  return chunks;
}
