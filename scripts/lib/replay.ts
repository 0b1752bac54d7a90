/**
 * The real-data replay (docs/design.md §6): streams a payout CSV (scripts/lib/payout-csv.ts for the row
 * mapping), sends the events in signed batches `{events: [...]}` through the real webhook path with the
 * platform client (src/client/index.ts, `LedgerClient.payouts`), and tallies the per-event results the
 * service returns.
 *
 * - Memory stays flat: the file is read with csv-parse's streaming parser and at most `concurrency`
 *   batches are in flight; reading pauses (stream back-pressure) until one of them is answered.
 * - A batch answered 503 (ledger busy) or 429, or lost to a network error, is redelivered by the client
 *   with the same webhook-id and body after a capped, jittered backoff (or Retry-After if longer), at
 *   most `maxAttempts` deliveries in all. Any other non-200 answer fails the batch at once. Its
 *   events are counted as `failed`, and the replay stops sending: the batches in flight are awaited,
 *   the rest of the file is not sent (`stoppedAfterLine`). Replaying the file again is safe: the
 *   events already recorded come back as duplicates.
 * - Period totals: the sum, in integer minor units, of the contributions in the results of recorded
 *   and duplicate events (a duplicate carries its original result), per (worker country = jurisdiction,
 *   rule, period, currency). For one replay of a file into a ledger that holds nothing else, they equal
 *   the sums of ledger_entries.amount_minor grouped the same way.
 */
import { createReadStream, statSync } from "node:fs";
import { parse } from "csv-parse";
import { z } from "zod";
import { LedgerClient } from "../../src/client/index.js";
import { formatMinor, parseMinor } from "../../src/domain/money.js";
import { parsePayoutRow, shiftOffsetMs, toPayoutEvent, type PayoutEventInput } from "./payout-csv.js";

export interface ReplayOptions {
  /** Path of the CSV file (header row with the data set's columns). */
  csvPath: string;
  /** Service root, e.g. http://127.0.0.1:8787. */
  baseUrl: string;
  /** Platform slug registered in the service (?platform=). */
  platform: string;
  /** The platform's whsec_ webhook secret. */
  secret: string;
  /** Events per delivery, 1 to MAX_EVENTS_PER_DELIVERY (1000). */
  batchSize: number;
  /** Deliveries in flight at once (>= 1). */
  concurrency: number;
  /** "YYYY-MM-DD": move all timestamps by one offset so that the first row's UTC date becomes this day. */
  shiftTo?: string;
  /** Deliveries per batch before it counts as failed (default 6). */
  maxAttempts?: number;
  /** Called after every answered or failed batch. */
  onProgress?: (progress: ReplayProgress) => void;
}

export interface ResultCounts {
  recorded: number;
  duplicate: number;
  rejected: number;
  conflict: number;
  /** Events of batches that finally failed (no per-event result). */
  failed: number;
}

export interface ReplayProgress {
  /** Share of the file's bytes whose events have been answered, 0 to 1. */
  fraction: number;
  /** Events answered or failed so far. */
  events: number;
  counts: ResultCounts;
  elapsedMs: number;
}

export interface PeriodTotal {
  /** Worker country, the jurisdiction of the rule. */
  jurisdiction: string;
  rule: string;
  period: string;
  currency: string;
  /** Sum of the contributions, integer minor units of `currency`. */
  amountMinor: number;
}

export interface ReplaySummary {
  events: number;
  batches: number;
  failedBatches: number;
  counts: ResultCounts;
  /** Rejected and conflicting events by problem type and failing fields, e.g. "invalid-event worker.country" -> 30. */
  rejections: Map<string, number>;
  /** Why batches failed (first 5 messages). */
  failures: string[];
  /** Set when a failed batch stopped the replay: the file's last line that was sent; later lines were not. */
  stoppedAfterLine?: number;
  wallMs: number;
  /** Sorted by jurisdiction, rule, period, currency. */
  periodTotals: PeriodTotal[];
}

/** A contribution line of a result, its amount turned into integer minor units (parseMinor). */
const contributionSchema = z
  .object({ rule: z.string(), period: z.string(), amount: z.string(), currency: z.string() })
  .transform((line, ctx) => {
    const amountMinor = parseMinor(line.amount, line.currency);
    if (amountMinor === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: `${line.amount} is not an amount in ${line.currency} minor units`,
      });
      return z.NEVER;
    }
    return { rule: line.rule, period: line.period, currency: line.currency, amountMinor };
  });
const resultSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.enum(["recorded", "duplicate"]),
    worker: z.object({ country: z.string() }),
    contributions: z.array(contributionSchema),
  }),
  z.object({
    status: z.enum(["rejected", "conflict"]),
    problem: z.object({ type: z.string(), errors: z.array(z.object({ path: z.string() })).optional() }),
  }),
]);
/** The client's results of a batch (src/routes/payouts.ts), amounts checked and turned into minor units. */
const batchResultsSchema = z.array(resultSchema);
type EventAnswer = z.output<typeof resultSchema>;

const MAX_FAILURE_MESSAGES = 5;

type Delivery = { ok: true; results: EventAnswer[] } | { ok: false; reason: string };

/** One batch through the client (which retries, see the module docstring); a failure says why. */
async function deliver(
  client: LedgerClient,
  events: PayoutEventInput[],
  webhookId: string,
): Promise<Delivery> {
  try {
    const answer = batchResultsSchema.safeParse(await client.payouts(events, { webhookId }));
    if (answer.success) return { ok: true, results: answer.data };
    return {
      ok: false,
      reason: `unexpected answer to a batch of ${events.length}: ${answer.error.message.slice(0, 200)}`,
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Problem type slug plus failing fields: "https://…/problems/invalid-event" + [worker.country] -> "invalid-event worker.country". */
function rejectionKey(problem: { type: string; errors?: { path: string }[] | undefined }): string {
  const code = problem.type.slice(problem.type.lastIndexOf("/") + 1);
  const fields = [...new Set((problem.errors ?? []).map((e) => e.path))].join(",");
  return fields ? `${code} ${fields}` : code;
}

/** Replays the CSV at `options.csvPath`; resolves with the tally when every batch is answered or failed. */
export async function replay(options: ReplayOptions): Promise<ReplaySummary> {
  const started = performance.now();
  const client = new LedgerClient({
    url: options.baseUrl,
    platform: options.platform,
    secret: options.secret,
    maxAttempts: options.maxAttempts ?? 6,
  });
  const fileBytes = Math.max(statSync(options.csvPath).size, 1);
  const counts: ResultCounts = { recorded: 0, duplicate: 0, rejected: 0, conflict: 0, failed: 0 };
  const rejections = new Map<string, number>();
  const failures: string[] = [];
  const totals = new Map<string, PeriodTotal>();
  let events = 0;
  let batches = 0;
  let failedBatches = 0;
  let answeredBytes = 0;
  const runId = `replay_${Date.now().toString(36)}`;

  const tally = (answers: EventAnswer[]) => {
    for (const answer of answers) {
      counts[answer.status]++;
      if ("problem" in answer) {
        const key = rejectionKey(answer.problem);
        rejections.set(key, (rejections.get(key) ?? 0) + 1);
        continue;
      }
      for (const c of answer.contributions) {
        const key = [answer.worker.country, c.rule, c.period, c.currency].join("\t");
        const total = totals.get(key) ?? {
          jurisdiction: answer.worker.country,
          rule: c.rule,
          period: c.period,
          currency: c.currency,
          amountMinor: 0,
        };
        total.amountMinor += c.amountMinor;
        totals.set(key, total);
      }
    }
  };

  const send = async (batch: PayoutEventInput[], webhookId: string, firstLine: number, bytes: number) => {
    const delivery = await deliver(client, batch, webhookId);
    if (delivery.ok) tally(delivery.results);
    else {
      failedBatches++;
      counts.failed += batch.length;
      if (failures.length < MAX_FAILURE_MESSAGES)
        failures.push(`batch from line ${firstLine} (${batch.length} events): ${delivery.reason}`);
    }
    events += batch.length;
    answeredBytes += bytes;
    options.onProgress?.({
      fraction: Math.min(answeredBytes / fileBytes, 1),
      events,
      counts: { ...counts },
      elapsedMs: performance.now() - started,
    });
  };

  const inFlight = new Set<Promise<void>>();
  const launch = (batch: PayoutEventInput[], firstLine: number, bytes: number) => {
    batches++;
    const pending: Promise<void> = send(batch, `${runId}_${batches}`, firstLine, bytes).finally(() =>
      inFlight.delete(pending),
    );
    inFlight.add(pending);
  };

  const file = createReadStream(options.csvPath);
  const parser = file.pipe(parse({ columns: true, info: true, bom: true, skip_empty_lines: true }));
  let offsetMs: number | undefined;
  let batch: PayoutEventInput[] = [];
  let batchFirstLine = 0;
  let batchStartBytes = 0;
  let stoppedAfterLine: number | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: unknown;
      info: { lines: number; bytes: number };
    }>) {
      const row = parsePayoutRow(record, info.lines);
      offsetMs ??= options.shiftTo ? shiftOffsetMs(row.occurred_at, options.shiftTo) : 0;
      if (batch.length === 0) batchFirstLine = info.lines;
      batch.push(toPayoutEvent(row, offsetMs));
      if (batch.length === options.batchSize) {
        launch(batch, batchFirstLine, info.bytes - batchStartBytes);
        [batch, batchStartBytes] = [[], info.bytes];
        while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
        if (failedBatches > 0) {
          stoppedAfterLine = info.lines;
          break;
        }
      }
    }
    if (batch.length > 0 && stoppedAfterLine === undefined) {
      if (failedBatches > 0) stoppedAfterLine = batchFirstLine - 1;
      else launch(batch, batchFirstLine, fileBytes - batchStartBytes);
    }
  } finally {
    file.destroy();
    await Promise.allSettled(inFlight);
  }

  const periodTotals = [...totals.values()].sort(
    (a, b) =>
      a.jurisdiction.localeCompare(b.jurisdiction) ||
      a.rule.localeCompare(b.rule) ||
      a.period.localeCompare(b.period) ||
      a.currency.localeCompare(b.currency),
  );
  return {
    events,
    batches,
    failedBatches,
    counts,
    rejections,
    failures,
    ...(stoppedAfterLine === undefined ? {} : { stoppedAfterLine }),
    wallMs: performance.now() - started,
    periodTotals,
  };
}

/** Plain-text report of a summary (what `npm run replay` prints on stdout). Amounts via formatMinor. */
export function formatSummary(summary: ReplaySummary): string {
  const n = new Intl.NumberFormat("en-US");
  const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const seconds = summary.wallMs / 1000;
  const c = summary.counts;
  const lines = [
    `events ${n.format(summary.events)} in ${n.format(summary.batches)} batches (${n.format(summary.failedBatches)} failed)`,
    `recorded ${n.format(c.recorded)}  duplicate ${n.format(c.duplicate)}  rejected ${n.format(c.rejected)}  conflict ${n.format(c.conflict)}  failed ${n.format(c.failed)}`,
    `wall time ${oneDecimal.format(seconds)} s, ${n.format(Math.round(summary.events / Math.max(seconds, 0.001)))} events/s`,
  ];
  for (const [key, count] of summary.rejections) lines.push(`  ${key}: ${n.format(count)}`);
  for (const failure of summary.failures) lines.push(`failed ${failure}`);
  if (summary.stoppedAfterLine !== undefined) {
    lines.push(
      `stopped after line ${n.format(summary.stoppedAfterLine)} because a batch failed; the lines after it were not sent (replay again once the cause is fixed: recorded events come back as duplicates)`,
    );
  }
  lines.push(
    `period totals (contributions of recorded and duplicate events)${summary.periodTotals.length === 0 ? ": none" : ""}`,
  );
  for (const t of summary.periodTotals)
    lines.push(
      `  ${t.jurisdiction}  ${t.rule}  ${t.period}  ${formatMinor(t.amountMinor, t.currency)} ${t.currency}`,
    );
  return lines.join("\n");
}
