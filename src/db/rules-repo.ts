/**
 * Reading and publishing jurisdictions and contribution rule versions.
 * Rule versions are immutable: publishing a version whose (code, effective_from) exists is refused by
 * the unique index; a change of law is a new version with a later effective_from.
 */
import { inArray, type InferSelectModel } from "drizzle-orm";
import type { RuleVersion } from "../domain/contributions.js";
import { Dec } from "../domain/money.js";
import type { JurisdictionInput, RuleInput } from "../schemas/rule.js";
import type { Db } from "./client.js";
import { contributionRules, jurisdictions } from "./schema.js";

export type RuleRow = InferSelectModel<typeof contributionRules>;
export type JurisdictionRow = InferSelectModel<typeof jurisdictions>;

/** Parses a stored rule row for computation. */
export function toRuleVersion(row: RuleRow): RuleVersion {
  const brackets = JSON.parse(row.brackets) as { threshold: string; rate: string }[];
  return {
    id: row.id,
    code: row.code,
    jurisdiction: row.jurisdiction,
    scheme: row.scheme as RuleVersion["scheme"],
    payer: row.payer,
    baseFraction: new Dec(row.baseFraction),
    brackets: brackets.map((b) => ({ threshold: new Dec(b.threshold), rate: new Dec(b.rate) })),
    period: row.period,
    taxYearStart: row.taxYearStart,
    currency: row.currency,
    rounding: row.rounding,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    status: row.status,
  };
}

/** Rule input (API/seed/case format) -> insertable row. */
export function toRuleRow(rule: RuleInput): typeof contributionRules.$inferInsert {
  return {
    code: rule.code,
    jurisdiction: rule.jurisdiction,
    scheme: rule.scheme,
    payer: rule.payer,
    baseFraction: rule.base_fraction,
    brackets: JSON.stringify(rule.brackets),
    period: rule.period,
    taxYearStart: rule.tax_year_start ?? null,
    currency: rule.currency,
    rounding: rule.rounding,
    effectiveFrom: rule.effective_from,
    effectiveTo: rule.effective_to,
    status: rule.status,
    sourceTitle: rule.source.title,
    sourceUrl: rule.source.url,
    sourceRetrieved: rule.source.retrieved,
    note: rule.note ?? null,
  };
}

export function toJurisdictionRow(j: JurisdictionInput): typeof jurisdictions.$inferInsert {
  return { code: j.code, name: j.name ?? j.code, timezone: j.timezone, currency: j.currency ?? null };
}

/** All rule versions (every status and date) of the given jurisdictions, in publication order. */
export async function loadRules(db: Db, codes: readonly string[]): Promise<RuleRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(contributionRules).where(inArray(contributionRules.jurisdiction, [...codes])).orderBy(contributionRules.id);
}

/** A rule version as the API publishes it (snake_case, brackets as JSON, source as an object). */
export function publicRule(r: RuleRow) {
  return {
    code: r.code,
    jurisdiction: r.jurisdiction,
    scheme: r.scheme,
    payer: r.payer,
    base_fraction: r.baseFraction,
    brackets: JSON.parse(r.brackets) as { threshold: string; rate: string }[],
    period: r.period,
    ...(r.taxYearStart ? { tax_year_start: r.taxYearStart } : {}),
    currency: r.currency,
    rounding: r.rounding,
    effective_from: r.effectiveFrom,
    effective_to: r.effectiveTo,
    status: r.status,
    source: { title: r.sourceTitle, url: r.sourceUrl, retrieved: r.sourceRetrieved },
    ...(r.note ? { note: r.note } : {}),
  };
}
