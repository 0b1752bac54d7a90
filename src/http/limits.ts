/**
 * Request limits: body size (413 problem+json) and JSON content type (415 problem+json); the optional
 * JSON body of a route that may be called without one.
 */
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { fail } from "./problem.js";

export function limitBody(maxBytes: number) {
  // The unread rest of the body stays on the socket: close the connection so it cannot corrupt the next request.
  return bodyLimit({ maxSize: maxBytes, onError: () => fail("payload-too-large", 413, `the body exceeds ${maxBytes} bytes`, {}, { connection: "close" }) });
}

export const requireJson = createMiddleware(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) fail("unsupported-media-type", 415, "send the body as application/json");
  await next();
});

/** An optional JSON body: absent or blank means {}; otherwise it must be application/json (415) and valid JSON (400). */
export async function optionalJson(c: Context): Promise<unknown> {
  const raw = await c.req.text();
  if (raw.trim() === "") return {};
  if (!/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) fail("unsupported-media-type", 415, "send the body as application/json");
  try {
    return JSON.parse(raw);
  } catch {
    fail("invalid-request", 400, "the body is not valid JSON");
  }
}
