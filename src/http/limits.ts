/**
 * Request limits: body size (413 problem+json) and JSON content type (415 problem+json).
 */
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
