/**
 * Reference data for a new database: the seeded jurisdictions and rule versions (the files under rules/,
 * loaded and validated by src/db/seed/rule-files.ts), the minimum wages (src/db/seed/, each with its
 * legal source) and the ECB reference rates. Idempotent: existing rows are left alone.
 */
import { contributionRules, jurisdictions, minimumWages } from "./schema.js";
import type { Database } from "./client.js";
import { loadEcbQuotes, parseEcbCsv } from "./fx-repo.js";
import { toJurisdictionRow, toRuleRow } from "./rules-repo.js";
import { seedMinimumWages } from "./seed/minimum-wages.js";
import { seedJurisdictions, seedRules } from "./seed/rule-files.js";

/** Inserts seeded jurisdictions, rules and minimum wages that are not there yet. */
export async function seedRulesData(database: Database): Promise<void> {
  const { db } = database;
  await db
    .insert(jurisdictions)
    .values(seedJurisdictions.map((j) => toJurisdictionRow(j)))
    .onConflictDoNothing();
  await db.insert(contributionRules).values(seedRules.map(toRuleRow)).onConflictDoNothing();
  await seedMinimumWageData(database);
}

/** Inserts the seeded minimum wages (src/db/seed/minimum-wages.ts) not there yet; needs the jurisdictions. */
export async function seedMinimumWageData({ db }: Database): Promise<void> {
  await db
    .insert(minimumWages)
    .values(
      seedMinimumWages.map((w) => ({
        jurisdiction: w.jurisdiction,
        name: w.name,
        hourlyRate: w.hourly_rate,
        currency: w.currency,
        effectiveFrom: w.effective_from,
        effectiveTo: w.effective_to,
        sourceTitle: w.source.title,
        sourceUrl: w.source.url,
        sourceRetrieved: w.source.retrieved,
        note: w.note ?? null,
      })),
    )
    .onConflictDoNothing();
}

/** Loads the ECB reference rates from CSV text (ecb-eurofxref-hist.csv format). */
export async function seedFxRates({ db }: Database, csv: string): Promise<number> {
  return loadEcbQuotes(db, parseEcbCsv(csv));
}
