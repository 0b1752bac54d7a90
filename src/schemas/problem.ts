/**
 * An RFC 9457 problem (application/problem+json), the body of every 4xx and 5xx answer (src/http/problem.ts
 * builds them; published in the OpenAPI document as `Problem`), and of a refused event in a batch answer.
 */
import { z } from "@hono/zod-openapi";

export const problemSchema = z
  .object({
    type: z.string().describe("stable problem type URI under https://contribution-ledger.dev/problems/"),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional().describe("the request id (also in the X-Request-Id header)"),
    event_id: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("failing fields, for validation errors"),
  })
  .openapi("Problem");

export type Problem = z.infer<typeof problemSchema>;
