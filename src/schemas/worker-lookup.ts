/**
 * An agency's worker lookup (POST /v1/agency/workers/lookup, src/routes/agency.ts): the body names the
 * person by national id and country; the answer is the ledger subject (the keyed hash, never the id) and
 * its per-period totals in the agency's jurisdictions (decimal strings in the currency's minor unit).
 */
import { z } from "@hono/zod-openapi";
import { countryCode } from "./common.js";

export const lookupInput = z.strictObject({ national_id: z.string().min(1).max(64), country: countryCode });

export const lookupOutput = z.object({
  subject: z.string().describe("the worker's pseudonymous ledger subject, nid:<keyed hash>"),
  totals: z.array(
    z.object({
      jurisdiction: z.string(),
      period: z.string(),
      scheme: z.string(),
      payer: z.enum(["worker", "platform"]),
      currency: z.string(),
      amount: z.string(),
      entries: z.int(),
    }),
  ),
});
export type WorkerLookup = z.infer<typeof lookupOutput>;
