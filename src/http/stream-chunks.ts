/**
 * Streamed response bodies: the agency report's CSV and whole-JSON bodies (src/routes/reports.ts) and
 * the worker's record.csv (src/routes/workers.ts), written chunk by chunk as their producers yield them.
 */
import type { Context } from "hono";
import { stream } from "hono/streaming";

/**
 * A 200 response whose body is `chunks` written one by one with Hono's `stream` helper, with `headers`;
 * the next chunk is produced only once the previous one is written (back-pressure, flat memory). An error
 * while streaming aborts the body (the status is sent already), so a client never takes a cut body for a
 * whole one, and is logged.
 */
export function streamChunks(
  c: Context,
  chunks: AsyncIterable<string> | Iterable<string>,
  headers: Record<string, string>,
): Response {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return stream(
    c,
    async (s) => {
      for await (const chunk of chunks) await s.write(chunk);
    },
    async (error, s) => {
      console.error(error);
      s.abort();
    },
  );
}
