/**
 * The hash chain check (GET /v1/ledger/verify, src/ledger/seal.ts `verifyChain`; docs/design.md §4.5):
 * whether every seal recomputes, how many events were checked, the last link verified and the first
 * broken one, if any.
 */
import { z } from "@hono/zod-openapi";

export const verifyReportSchema = z.object({
  ok: z.boolean(),
  events_checked: z.int().min(0),
  head: z
    .object({ event_seq: z.int().min(0), hash: z.string() })
    .describe("the last link verified (the same shape as a report's chain_head)"),
  unsealed_events: z.int().min(0),
  first_broken: z.object({ event_seq: z.int(), reason: z.string() }).optional(),
});
export type VerifyReport = z.infer<typeof verifyReportSchema>;
