/**
 * Request limits: body size (413 problem+json) and JSON content type (415 problem+json); the optional
 * JSON body of a route that may be called without one.
 *
 * `limitBody(max)` refuses a body over `max` bytes, announced by Content-Length or found while reading a
 * chunked one. Before answering it reads and discards up to DRAIN_MAX_BYTES more of the body: a client
 * that writes its whole body before reading the answer (Node's fetch) would otherwise hit a closed socket
 * (EPIPE) instead of seeing the 413. The 413 closes the connection, since anything past the drain bound
 * is still unread. createApp applies APP_BODY_LIMIT_BYTES to every route; routes set smaller limits.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { BlankEnv } from "hono/types";
import type { z } from "zod";
import { fail } from "./problem.js";
import { parsedOrFail } from "./validation.js";

/** The largest body any route accepts (the webhook batch limit): applied to every route by createApp. */
export const APP_BODY_LIMIT_BYTES = 1024 * 1024;
/** How much of a refused body is read and discarded before the 413, so the sender gets to read it. */
export const DRAIN_MAX_BYTES = 8 * 1024 * 1024;

/** Reads and discards up to `bound` more bytes of `reader`; stops early at the end of the body. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, bound: number): Promise<void> {
  try {
    for (let drained = 0; drained <= bound; ) {
      const { done, value } = await reader.read();
      if (done) return;
      drained += value.length;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drain.
  }
}

/** Refuses (413 problem+json) a request body over `maxBytes` bytes; a body within the limit is passed on, read once. */
export function limitBody(maxBytes: number) {
  const tooLarge = () =>
    fail("payload-too-large", 413, `the body exceeds ${maxBytes} bytes`, {}, { connection: "close" });
  return createMiddleware<BlankEnv>(async (c, next) => {
    const body = c.req.raw.body;
    if (!body || c.req.raw.bodyUsed) return next();
    const announced = c.req.raw.headers.has("transfer-encoding")
      ? undefined
      : c.req.raw.headers.get("content-length");
    if (announced !== undefined && announced !== null) {
      if (Number(announced) <= maxBytes) return next();
      await drain(body.getReader(), DRAIN_MAX_BYTES);
      tooLarge();
    }
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await drain(reader, DRAIN_MAX_BYTES);
        tooLarge();
      }
      chunks.push(value);
    }
    const whole = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      whole.set(chunk, offset);
      offset += chunk.length;
    }
    c.req.raw = new Request(c.req.raw, { body: whole });
    await next();
  });
}

export const requireJson = createMiddleware<BlankEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type))
    fail("unsupported-media-type", 415, "send the body as application/json");
  await next();
});

/** An optional JSON body: absent or blank means {}; otherwise it must be application/json (415) and valid JSON (400). */
export async function optionalJson(c: Context): Promise<unknown> {
  const raw = await c.req.text();
  if (raw.trim() === "") return {};
  if (!/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? ""))
    fail("unsupported-media-type", 415, "send the body as application/json");
  try {
    return JSON.parse(raw);
  } catch {
    fail("invalid-request", 400, "the body is not valid JSON");
  }
}

/** The optional JSON body parsed by `schema` (`{}` when absent): 400, 415 as `optionalJson`, 422 when invalid. */
export async function optionalJsonOf<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return parsedOrFail(schema.safeParse(await optionalJson(c)));
}
