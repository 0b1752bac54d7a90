/**
 * Load for the benchmarks: synthetic payout events and a bounded pool of signed deliveries.
 *
 * `usPayout(i, workers, idPrefix)`: a US payout of 1.00–9.99 USD (100 + i mod 900 cents) to worker
 * "w<i mod workers>" on a day of March 2026 (noon UTC). US has two rules in force in 2026 (OASDI and
 * Medicare self-employment tax, rules/us.json), so each such event writes one event row and two
 * entries. The worker refs are those of bench/lib/synthetic-ledger.ts, so that load sent to a synthetic
 * ledger continues its accruals.
 */
import { formatMinor } from "../../src/domain/money.js";
import type { Sender } from "../../scripts/lib/deliver.js";

export const LOAD_MONTH = "2026-03";

export function usPayout(i: number, workers: number, idPrefix: string) {
  return {
    id: `${idPrefix}-${i}`,
    type: "payout" as const,
    occurred_at: `${LOAD_MONTH}-${String(1 + (i % 28)).padStart(2, "0")}T12:00:00Z`,
    worker: { id: `w${i % workers}`, country: "US" },
    amount: formatMinor(100 + (i % 900), "USD"),
    currency: "USD",
    task: { type: "bench", duration_s: 60 },
  };
}

export interface DeliveryTally {
  /** HTTP status -> deliveries answered with it. */
  statuses: Map<number, number>;
  /** Events answered "recorded" (201 for one event, or per result of a batch). */
  recorded: number;
  /** Wall time from the first send to the last answer, ms. */
  ms: number;
  /** First unexpected answers (status and body), at most 5. */
  failures: string[];
}

/**
 * Sends `deliveries` bodies built by `bodyOf(k)` (k = 0..deliveries-1) through `sender`, at most
 * `concurrency` in flight, and tallies the answers. A single event body is sent as is, a batch as {events}.
 */
export async function deliverAll(
  sender: Sender,
  deliveries: number,
  bodyOf: (k: number) => unknown,
  concurrency: number,
): Promise<DeliveryTally> {
  const tally: DeliveryTally = { statuses: new Map(), recorded: 0, ms: 0, failures: [] };
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < deliveries) {
      const k = next++;
      const res = await sender.send(bodyOf(k));
      const text = await res.text();
      tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
      if (res.status === 201) tally.recorded++;
      else if (res.status === 200 && text.startsWith('{"results"'))
        tally.recorded += (text.match(/"status":"recorded"/g) ?? []).length;
      else if (tally.failures.length < 5) tally.failures.push(`${res.status} ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  tally.ms = performance.now() - started;
  return tally;
}
