/**
 * Reading and publishing jurisdictions and contribution rule versions.
 * Rule versions are immutable: publishing a version whose (code, effective_from) exists is refused by
 * the unique index; a change of law is a new version with a later effective_from.
 */
import { inArray, type InferSelectModel } from "drizzle-orm";
import type { ComponentType } from "../domain/components.js";
import { compileCondition } from "../domain/conditions.js";
import type { BaseFraction, RuleVersion } from "../domain/contributions.js";
import { versionsInForce } from "../domain/dated.js";
import { Dec } from "../domain/money.js";
import type { JurisdictionInput, PublishedRule, RuleInput } from "../schemas/rule.js";
import type { Db } from "./client.js";
import { contributionRules, jurisdictions } from "./schema.js";

export type RuleRow = InferSelectModel<typeof contributionRules>;
export type JurisdictionRow = InferSelectModel<typeof jurisdictions>;

type PublicBracket = PublishedRule["brackets"][number];
type PublicBaseFraction = PublishedRule["base_fraction"];

function parseBaseFraction(text: string): PublicBaseFraction {
  return text.startsWith("{") ? (JSON.parse(text) as PublicBaseFraction) : text;
}

function toBaseFraction(stored: PublicBaseFraction): BaseFraction {
  if (typeof stored === "string") return { by: null, value: new Dec(stored) };
  return {
    by: stored.by,
    values: new Map(Object.entries(stored.values).map(([k, v]) => [k, new Dec(v)])),
    fallback: stored.default === undefined ? null : new Dec(stored.default),
  };
}

/**
 * Parses a stored rule row for computation; compiles its condition once (rows were validated when
 * published, so a condition that does not compile is a bug and throws).
 */
export function toRuleVersion(row: RuleRow): RuleVersion {
  const brackets = JSON.parse(row.brackets) as PublicBracket[];
  return {
    id: row.id,
    code: row.code,
    jurisdiction: row.jurisdiction,
    scheme: row.scheme as RuleVersion["scheme"],
    payer: row.payer,
    baseFraction: toBaseFraction(parseBaseFraction(row.baseFraction)),
    baseComponents: JSON.parse(row.baseComponents) as ComponentType[],
    assessment: row.assessment,
    condition: row.appliesWhen === null ? null : compileCondition(row.appliesWhen),
    brackets: brackets.map((b) => ({
      threshold: new Dec(b.threshold),
      rate: new Dec(b.rate),
      amount: new Dec(b.amount ?? 0),
    })),
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
    baseFraction:
      typeof rule.base_fraction === "string" ? rule.base_fraction : JSON.stringify(rule.base_fraction),
    baseComponents: JSON.stringify(rule.base_components),
    assessment: rule.assessment,
    appliesWhen: rule.applies_when ?? null,
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
  return db
    .select()
    .from(contributionRules)
    .where(inArray(contributionRules.jurisdiction, [...codes]))
    .orderBy(contributionRules.id);
}

/** A rule version as the API publishes it (snake_case, brackets as JSON, source as an object). */
export function publicRule(r: RuleRow): PublishedRule {
  return {
    code: r.code,
    jurisdiction: r.jurisdiction,
    scheme: r.scheme,
    payer: r.payer,
    base_fraction: parseBaseFraction(r.baseFraction),
    base_components: JSON.parse(r.baseComponents) as ComponentType[],
    assessment: r.assessment,
    ...(r.appliesWhen ? { applies_when: r.appliesWhen } : {}),
    brackets: JSON.parse(r.brackets) as PublicBracket[],
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

/**
 * The published rule versions of `jurisdiction` (GET /v1/rules): all of them, or with `on` (a local date
 * YYYY-MM-DD) those in force that day, the enacted and the proposed version of each code apart
 * (src/domain/dated.ts `versionsInForce`, the lookup the ledger charges with).
 */
export async function publishedRules(
  db: Db,
  jurisdiction: string,
  on: string | undefined,
): Promise<PublishedRule[]> {
  const rows = await loadRules(db, [jurisdiction]);
  const inForce = on ? versionsInForce(rows, (r) => `${r.status}:${r.code}`, on) : rows;
  return inForce.map(publicRule);
}

/** Every jurisdiction with its IANA time zone and ISO 4217 currency (GET /v1/jurisdictions). */
export async function listJurisdictions(db: Db) {
  return db
    .select({
      code: jurisdictions.code,
      name: jurisdictions.name,
      timezone: jurisdictions.timezone,
      currency: jurisdictions.currency,
    })
    .from(jurisdictions);
}
