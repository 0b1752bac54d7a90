/**
 * The operator's export of everything held about one worker identity (POST /v1/admin/workers/export,
 * src/worker-record/worker-export.ts): the subjects it covers and every ledger_events, ledger_entries and
 * audit_log row naming them, each row with all its columns as stored (camelCase column names, amounts in
 * integer minor units; src/db/schema.ts). The rows list the identifying columns; the rest follow as stored.
 */
import { z } from "@hono/zod-openapi";

const eventRow = z
  .looseObject({
    id: z.int(),
    platformId: z.int(),
    eventId: z.string(),
    type: z.enum(["payout", "reversal"]),
    subjectKey: z.string(),
    workerRef: z.string(),
    jurisdiction: z.string(),
    amountMinor: z.int(),
    currency: z.string(),
  })
  .describe("a ledger_events row, every column");
const entryRow = z
  .looseObject({
    id: z.int(),
    platformId: z.int(),
    eventId: z.string(),
    ruleCode: z.string(),
    scheme: z.string(),
    payer: z.enum(["worker", "platform"]),
    subjectKey: z.string(),
    amountMinor: z.int(),
    currency: z.string(),
  })
  .describe("a ledger_entries row, every column");
const auditRow = z.object({
  id: z.int(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  at: z.string(),
});

export const workerExportSchema = z
  .object({
    generated_at: z.string(),
    subjects: z.array(z.string()).describe("the ledger subjects the request names"),
    events: z.array(eventRow),
    entries: z.array(entryRow),
    audit: z.array(auditRow).describe("audit rows whose target names one of the subjects"),
  })
  .meta({ title: "Worker export" });
export type WorkerExport = z.infer<typeof workerExportSchema>;
