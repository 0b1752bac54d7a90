/**
 * Paging and streaming of the agency monthly report (GET /v1/reports/monthly, src/routes/reports.ts) over a
 * report assembled by src/reports/monthly-report.ts.
 *
 * JSON pages: `limit` (1..MAX_PAGE_ROWS rows) and `cursor`, an opaque base64url (RFC 4648 §5, unpadded) of
 * the UTF-8 JSON array that is the sort key (`rowKey`: worker, platform, rule, period, worker_ref, currency)
 * of the last row of the previous page. A page is the whole report (status, chain head, row count, the
 * checksum and totals of the WHOLE report, corrections, fair pay) with `rows` replaced by the rows that sort
 * after the cursor, at most `limit` of them, and `next_cursor` (null on the last page). Row keys are unique
 * in a report, so the pages' rows concatenate to the report's rows. A closed report never changes, so its
 * pages are stable; a provisional report may gain rows between pulls (compare `chain_head` across pages).
 *
 * CSV: the body is written with Hono's `stream` helper in chunks of rows (`reportCsvChunks`), exactly the
 * text the section's checksum is taken over. The rows are still assembled in memory before streaming.
 */
import type { Context } from "hono";
import { stream } from "hono/streaming";
import { decodeBase64Url, encodeBase64Url } from "hono/utils/encode";
import { z } from "zod";
import { fail } from "../http/problem.js";
import { compareKeys, rowKey, type MonthlyReport, type ReportRow } from "./monthly-report.js";

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

/** The decoded cursor: a row sort key, six strings. */
const cursorKey = z.tuple([z.string(), z.string(), z.string(), z.string(), z.string(), z.string()]);

/** A report page: the report with one page of rows and the cursor of the next page (null on the last). */
export type ReportPage = MonthlyReport & { next_cursor: string | null };

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The cursor naming `row` as the last row seen: base64url, unpadded, of JSON `rowKey(row)`. */
export function encodeCursor(row: ReportRow): string {
  return encodeBase64Url(encoder.encode(JSON.stringify(rowKey(row))).buffer).replace(/=+$/, "");
}

/** The sort key inside a cursor; 422 problem+json (field `cursor`) when it is not one `encodeCursor` makes. */
export function decodeCursor(cursor: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(decodeBase64Url(cursor)));
  } catch {
    parsed = undefined;
  }
  const key = cursorKey.safeParse(parsed);
  if (!key.success) fail("invalid-request", 422, "the request failed validation", { errors: [{ path: "cursor", message: "must be a next_cursor of a previous page" }] });
  return key.data;
}

/** The page of `report` after `after` (a decoded cursor; from the first row when absent), at most `limit` rows (all when absent). */
export function reportPage(report: MonthlyReport, after: readonly string[] | undefined, limit: number | undefined): ReportPage {
  const start = after ? report.rows.findIndex((r) => compareKeys(rowKey(r), after) > 0) : 0;
  const from = start === -1 ? report.rows.length : start;
  const to = limit === undefined ? report.rows.length : Math.min(report.rows.length, from + limit);
  const rows = report.rows.slice(from, to);
  // limit ≥ 1, so a page that stops short of the end holds at least one row (index to − 1).
  return { ...report, rows, next_cursor: to < report.rows.length ? encodeCursor(report.rows[to - 1]!) : null };
}

/** A 200 response whose body is `chunks` written one by one with Hono's `stream` helper, with `headers`. */
export function streamChunks(c: Context, chunks: Iterable<string>, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return stream(c, async (s) => {
    for (const chunk of chunks) await s.write(chunk);
  });
}
