/**
 * Paging and streaming of the agency monthly report (GET /v1/reports/monthly, src/routes/reports.ts).
 *
 * JSON pages: `limit` (1..MAX_PAGE_ROWS rows) and `cursor`, an opaque base64url (RFC 4648 §5, unpadded) of
 * the UTF-8 JSON array [worker, platform, rule, period, worker_ref, currency, event_seq, generated_at]:
 * the sort key (`rowKey`) of the last row of the previous page, then what the cursor pins of the report,
 * its chain head's ledger sequence and its `generated_at`. A page is the whole report (status, chain
 * head, row count, the checksum and totals of the WHOLE report, corrections, fair pay) with `rows`
 * replaced by the rows that sort after the cursor, at most `limit` of them, and `next_cursor` (null on the
 * last page). Row keys are unique in a report, so the pages' rows concatenate to the report's rows.
 * Consistency: every page after the first is of the same report as the first, at the pinned chain head
 * with the pinned `generated_at`, however many payouts arrive meanwhile (src/agency-reports/
 * report-source.ts); a closed report never changes, and a month closed between two pages serves its
 * closed report from then on (`status` says so). Keyset: a page reads the rows after the cursor's key from
 * the report index (src/agency-reports/report-rows.ts), so it costs its own rows; the whole-report
 * fields come from the summary kept for that chain head (report-summary.ts), computed once.
 * A cursor of the six-field form (before the pin) still reads, at the current chain head.
 *
 * `reportPage` is the same paging over a report held in memory (assembleReport), the contract the
 * keyset pages are tested against. CSV and whole-JSON bodies are streamed with `chunkStream`, a web
 * ReadableStream the route renders as its 200 body (no HTTP framework here).
 */
import { decodeBase64Url, encodeBase64Url } from "hono/utils/encode";
import { z } from "zod";
import { InvalidError } from "../domain/errors.js";
import type { ReportPin } from "./report-source.js";
import { compareKeys } from "../domain/ordering.js";
import { rowKey, type MonthlyReport, type ReportRow } from "./monthly-report.js";

/** Largest `limit` of a JSON page. */
export const MAX_PAGE_ROWS = 10_000;

/** Longest cursor accepted (a sort key of six fields, each far shorter in practice). */
const MAX_CURSOR_LENGTH = 4096;

/** Query fields of paging: `limit` an integer 1..MAX_PAGE_ROWS, `cursor` base64url text (decoded by `decodeCursor`). */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_ROWS).optional(),
  cursor: z
    .string()
    .max(MAX_CURSOR_LENGTH)
    .regex(/^[A-Za-z0-9_-]+$/, "must be a next_cursor of a previous page")
    .optional(),
};

const keyFields = [z.string(), z.string(), z.string(), z.string(), z.string(), z.string()] as const;
/** The decoded cursor: a row sort key (six strings), then the pinned chain head sequence and generated_at. */
const cursorKey = z.union([z.tuple([...keyFields, z.int().min(0), z.iso.datetime()]), z.tuple(keyFields)]);

/** A decoded cursor: the last row key seen and, from cursors that carry it, the report it pins. */
export interface ReportCursor {
  after: string[];
  pin?: ReportPin;
}

/** A report page: the report with one page of rows and the cursor of the next page (null on the last). */
export type ReportPage = MonthlyReport & { next_cursor: string | null };

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The cursor naming `row` as the last row seen of the report `pin` names: base64url, unpadded, of the JSON array of the module doc. */
export function encodeCursor(row: ReportRow, pin: ReportPin): string {
  return encodeBase64Url(
    encoder.encode(JSON.stringify([...rowKey(row), pin.eventSeq, pin.generatedAt])).buffer,
  ).replace(/=+$/, "");
}

/** The row key and pin inside a cursor; InvalidError (field `cursor`, a 422) when it is not one `encodeCursor` makes. */
export function decodeCursor(cursor: string): ReportCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(decodeBase64Url(cursor)));
  } catch {
    parsed = undefined;
  }
  const key = cursorKey.safeParse(parsed);
  if (!key.success)
    throw new InvalidError("the request failed validation", [
      { path: "cursor", message: "must be a next_cursor of a previous page" },
    ]);
  const [worker, platform, rule, period, workerRef, currency, eventSeq, generatedAt] = key.data;
  const after = [worker, platform, rule, period, workerRef, currency];
  return eventSeq === undefined || generatedAt === undefined
    ? { after }
    : { after, pin: { eventSeq, generatedAt } };
}

/** The page of an in-memory `report` after `cursor` (from the first row when absent), at most `limit` rows (all when absent). */
export function reportPage(
  report: MonthlyReport,
  cursor: ReportCursor | undefined,
  limit: number | undefined,
): ReportPage {
  const after = cursor?.after;
  const start = after ? report.rows.findIndex((r) => compareKeys(rowKey(r), after) > 0) : 0;
  const from = start === -1 ? report.rows.length : start;
  const to = limit === undefined ? report.rows.length : Math.min(report.rows.length, from + limit);
  const rows = report.rows.slice(from, to);
  // limit ≥ 1, so a page that stops short of the end holds at least one row, the cursor's last.
  const last = rows.at(-1);
  return {
    ...report,
    rows,
    next_cursor:
      to < report.rows.length && last
        ? encodeCursor(last, { eventSeq: report.chain_head.event_seq, generatedAt: report.generated_at })
        : null,
  };
}

/**
 * A web ReadableStream of `chunks`, UTF-8 encoded, pulled one by one: the next chunk is produced only once
 * the reader asked for it (back-pressure, flat memory). An error while producing the chunks is logged and
 * errors the stream, so the body is cut off (the status is sent already) and a client never takes a cut
 * body for a whole one. The route sends it as the body of its 200 response, with its headers.
 */
export function chunkStream(chunks: AsyncIterable<string> | Iterable<string>): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<string> | Iterator<string> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??=
          Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]();
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          console.error(error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
