/**
 * A platform's remittance statement and reconciliation answers (src/agency-reports/remittance-statement.ts
 * builds them; src/routes/statements.ts serves them). Amounts are decimal strings in the line's currency
 * (its minor unit); `due_date` is the local date the contributions fall due (docs/design.md, period close).
 * - `remittanceStatementSchema`: GET /v1/platforms/me/statements (JSON).
 * - `reconciliationSchema`: POST /v1/platforms/me/statements/reconcile.
 */
import { z } from "@hono/zod-openapi";

const chainHead = z
  .object({ event_seq: z.int().min(0), hash: z.string() })
  .describe("the last sealed ledger event the answer covers");

export const statementLineSchema = z.object({
  jurisdiction: z.string(),
  scheme: z.string(),
  currency: z.string(),
  withheld: z.string().describe("withheld from the workers"),
  owed: z.string().describe("owed by the platform itself"),
  total: z.string().describe("withheld + owed"),
  due_date: z.string(),
  events: z.int().min(0),
  event_ids: z.array(z.string()),
});
/** One line of a statement (decimal strings in `currency`). */
export type StatementLine = z.infer<typeof statementLineSchema>;

export const remittanceStatementSchema = z
  .object({
    platform: z.string().describe("the platform's slug"),
    period: z.string().describe("local month YYYY-MM"),
    generated_at: z.string(),
    chain_head: chainHead,
    due_date_basis: z.literal("ledger_period_close"),
    lines: z.array(statementLineSchema),
    totals: z
      .array(z.object({ currency: z.string(), withheld: z.string(), owed: z.string(), total: z.string() }))
      .describe("per currency, sums of the lines"),
  })
  .meta({ title: "Remittance statement" });
export type RemittanceStatement = z.infer<typeof remittanceStatementSchema>;

const sides = z.object({ withheld: z.string(), owed: z.string() });

export const reconciliationDifferenceSchema = z.object({
  event_id: z.string(),
  currency: z.string(),
  kind: z.enum(["amount_mismatch", "missing_in_ledger", "missing_in_platform"]),
  ledger: sides.nullable(),
  platform: sides.nullable(),
  difference: sides.describe("platform − ledger (a missing side counts as zero)"),
});
export type ReconciliationDifference = z.infer<typeof reconciliationDifferenceSchema>;

export const reconciliationSchema = z
  .object({
    period: z.string(),
    chain_head: chainHead,
    matched: z.int().min(0).describe("events whose totals agree"),
    differences: z.array(reconciliationDifferenceSchema).describe("sorted by event id and currency"),
  })
  .meta({ title: "Reconciliation" });
export type Reconciliation = z.infer<typeof reconciliationSchema>;
