/**
 * Reference data for a new database: the seeded jurisdictions and rule versions (src/db/seed/, each
 * with its legal source) and the ECB reference rates. Idempotent: existing rows are left alone.
 */
import { contributionRules, jurisdictions } from "./schema.js";
import type { Database } from "./client.js";
import { loadEcbQuotes, parseEcbCsv } from "./fx-repo.js";
import { toJurisdictionRow, toRuleRow } from "./rules-repo.js";
import { seedJurisdictions } from "./seed/jurisdictions.js";
import { seedRules } from "./seed/rules.js";
import { ruleInputSchema } from "../schemas/rule.js";

/** Inserts seeded jurisdictions and rules that are not there yet. */
export async function seedRulesData({ db }: Database): Promise<void> {
  await db.insert(jurisdictions).values(seedJurisdictions.map((j) => toJurisdictionRow(j))).onConflictDoNothing();
  const rules = seedRules.map((r) => ruleInputSchema.parse(r));
  await db.insert(contributionRules).values(rules.map(toRuleRow)).onConflictDoNothing();
}

/** Loads the ECB reference rates from CSV text (ecb-eurofxref-hist.csv format). */
export async function seedFxRates({ db }: Database, csv: string): Promise<number> {
  return loadEcbQuotes(db, parseEcbCsv(csv));
}
