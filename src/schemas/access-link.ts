/** A worker access link (POST /v1/workers/{id}/access-links, src/routes/workers.ts): signed URL, expiry. */
import { z } from "@hono/zod-openapi";

export const accessLinkSchema = z.object({
  url: z.string().describe("the worker's page, /w/<signed token>"),
  expires_at: z.string().describe("RFC 3339 UTC"),
});
export type AccessLink = z.infer<typeof accessLinkSchema>;
