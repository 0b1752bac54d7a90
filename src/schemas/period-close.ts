/**
 * A closed monthly period as published (src/agency-reports/period-close.ts; POST /v1/admin/periods/close answers
 * one, GET /v1/periods lists them oldest first): the frozen report's chain head, row count and checksum.
 */
import { z } from "@hono/zod-openapi";

export const periodCloseSchema = z.object({
  jurisdiction: z.string(),
  period: z.string().describe("local month YYYY-MM"),
  closed_at: z.string(),
  chain_head: z.object({ event_seq: z.int(), hash: z.string() }),
  row_count: z.int(),
  checksum: z.object({ algorithm: z.literal("SHA-256"), value: z.string() }),
  forced_reason: z.string().nullable().describe("why it was closed before the grace date, when forced"),
  closed_by: z.string().describe("the audit actor that closed it (cron for the scheduled close)"),
});
/** A close as published (API and command output). */
export type PeriodClose = z.infer<typeof periodCloseSchema>;

export const periodClosesSchema = z.object({
  jurisdiction: z.string(),
  closes: z.array(periodCloseSchema),
});
export type PeriodCloses = z.infer<typeof periodClosesSchema>;
