/**
 * Coverage status per worker, jurisdiction and period from rule-set data (src/db/seed/coverage-rules.ts):
 * for local month `period` ("YYYY-MM") of `jurisdiction`, each worker's months covered so far in the
 * calendar year (kind `month_with_contribution`) or credits earned so far in the year (kind
 * `earnings_credits`), counting only events with ledger sequence ≤ the chain head.
 *
 * Definitions (exact Dec arithmetic, amounts formatted with the currency's digits):
 * - month_with_contribution: month m (January..period) is covered when Σ contributions (both payers) to the
 *   rule's scheme in m, in the rule's currency, is ≥ the minimum (> 0 when there is none), under the rule
 *   version in force on the 1st of m.
 * - earnings_credits: earnings = Σ contribution base of the rule's scheme from January to `period`
 *   (the base of one payer's entries; payers share the base, so it is counted once), credits =
 *   min(max per year, floor(earnings / earnings per credit)), under the version in force on 1 January.
 * Two halves: the I/O `loadCoverageGroups` and the pure `coverageStatus`.
 */
import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { ledgerEntries, ledgerEvents } from "../db/schema.js";
import { coverageRules as seededRules, type CoverageRule } from "../db/seed/coverage-rules.js";
import { snakeCaseDates, versionInForce } from "../domain/dated.js";
import { groupBy, sumBy } from "../domain/grouping.js";
import { Dec, formatAmount, formatMinor } from "../domain/money.js";
import type { MonthCoverage, WorkerCoverage } from "../schemas/coverage.js";
import { compareCodeUnits } from "../domain/ordering.js";

/** Sums of one worker's entries for one scheme, payer, month and currency. */
export interface CoverageGroup {
  worker: string;
  scheme: string;
  payer: "worker" | "platform";
  month: string;
  currency: string;
  base: Dec;
  contributionMinor: Dec;
}

/** Entries of `jurisdiction` for months January..`period` of its year, sequence ≤ `upToSeq`, summed per worker, scheme, payer, month, currency. */
export async function loadCoverageGroups(
  db: Db,
  jurisdiction: string,
  period: string,
  upToSeq: number,
): Promise<CoverageGroup[]> {
  const rows = await db
    .select({
      worker: ledgerEntries.subjectKey,
      scheme: ledgerEntries.scheme,
      payer: ledgerEntries.payer,
      month: ledgerEntries.month,
      currency: ledgerEntries.currency,
      baseDeltas: sql<string>`group_concat(${ledgerEntries.baseDelta}, ',')`,
      minor: sql<string>`CAST(sum(${ledgerEntries.amountMinor}) AS TEXT)`,
    })
    .from(ledgerEntries)
    .innerJoin(
      ledgerEvents,
      and(
        eq(ledgerEvents.platformId, ledgerEntries.platformId),
        eq(ledgerEvents.eventId, ledgerEntries.eventId),
      ),
    )
    .where(
      and(
        eq(ledgerEntries.jurisdiction, jurisdiction),
        gte(ledgerEntries.month, `${period.slice(0, 4)}-01`),
        lte(ledgerEntries.month, period),
        lte(ledgerEvents.id, upToSeq),
      ),
    )
    .groupBy(
      ledgerEntries.subjectKey,
      ledgerEntries.scheme,
      ledgerEntries.payer,
      ledgerEntries.month,
      ledgerEntries.currency,
    );
  return rows.map((r) => ({
    worker: r.worker,
    scheme: r.scheme,
    payer: r.payer,
    month: r.month,
    currency: r.currency,
    base: sumBy(r.baseDeltas.split(","), (d) => d),
    contributionMinor: new Dec(r.minor),
  }));
}

/** The version of a rule kind of `jurisdiction` in force on local date `day`. */
function ruleOn(rules: readonly CoverageRule[], jurisdiction: string, day: string): CoverageRule | undefined {
  return versionInForce(
    rules.filter((r) => r.jurisdiction === jurisdiction),
    day,
    snakeCaseDates,
  );
}

/** A worker's earnings credits of `year` under the yearly rule (module doc): one payer's base, the worker's, else the platform's. */
function creditsCoverage(
  worker: string,
  mine: readonly CoverageGroup[],
  yearly: CoverageRule,
  year: string,
): WorkerCoverage {
  const { earnings_per_credit: perCredit, max_credits_per_year: maxPerYear } = yearly;
  if (perCredit === undefined || maxPerYear === undefined)
    throw new Error(`coverage rule ${yearly.code} counts earnings credits but has no credit amount or cap`);
  // One payer's base: the worker's, else the platform's (the base is the same payout for both).
  const scheme = mine.filter((g) => g.scheme === yearly.scheme && g.currency === yearly.currency);
  const payer = scheme.some((g) => g.payer === "worker") ? "worker" : "platform";
  const earnings = sumBy(
    scheme.filter((g) => g.payer === payer),
    (g) => g.base,
  );
  const credits = Dec.max(0, Dec.min(maxPerYear, earnings.div(perCredit).floor())).toNumber();
  return {
    worker,
    rule: yearly.code,
    kind: yearly.kind,
    status: yearly.status,
    credits: {
      year,
      earnings: formatAmount(earnings, yearly.currency),
      currency: yearly.currency,
      earnings_per_credit: perCredit,
      credits,
      max_per_year: maxPerYear,
    },
  };
}

/** A worker's covered months up to `period` under the monthly rules in force each month; undefined when no month has one. */
function monthsCoverage(
  worker: string,
  mine: readonly CoverageGroup[],
  rules: readonly CoverageRule[],
  jurisdiction: string,
  period: string,
): WorkerCoverage | undefined {
  const months = [...new Set(mine.map((g) => g.month))].sort(compareCodeUnits);
  const covered: string[] = [];
  let code: CoverageRule | undefined;
  for (const month of months) {
    const rule = ruleOn(rules, jurisdiction, `${month}-01`);
    if (rule?.kind !== "month_with_contribution") continue;
    code = rule;
    const paid = sumBy(
      mine.filter((g) => g.month === month && g.scheme === rule.scheme && g.currency === rule.currency),
      (g) => g.contributionMinor,
    );
    const minimum = rule.minimum_monthly_contribution
      ? new Dec(rule.minimum_monthly_contribution)
      : undefined;
    const paidMajor = new Dec(formatMinor(paid, rule.currency));
    if (minimum ? paidMajor.gte(minimum) : paidMajor.gt(0)) covered.push(month);
  }
  return code
    ? {
        worker,
        rule: code.code,
        kind: code.kind,
        status: code.status,
        months_covered: covered,
        period_covered: covered.includes(period),
      }
    : undefined;
}

/** Coverage of every worker in `groups` for `period` (module doc); workers sorted by key (code units). Pure. */
export function coverageStatus(
  groups: readonly CoverageGroup[],
  jurisdiction: string,
  period: string,
  rules: readonly CoverageRule[] = seededRules,
): WorkerCoverage[] {
  const year = period.slice(0, 4);
  const yearly = ruleOn(rules, jurisdiction, `${year}-01-01`);
  return [...groupBy(groups, (g) => g.worker)]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .flatMap(([worker, mine]) => {
      if (yearly?.kind === "earnings_credits") return [creditsCoverage(worker, mine, yearly, year)];
      const months = monthsCoverage(worker, mine, rules, jurisdiction, period);
      return months ? [months] : [];
    });
}

/**
 * Whether a month counts for one scheme, as the worker page shows it: a month counts when the scheme's
 * contributions in it (both payers, `paidMinor` in minor units of `currency`) reach the minimum of the
 * enacted `month_with_contribution` rule in force on the 1st (any amount > 0 without a minimum); else
 * `missing` is what is still needed (one minor unit without a minimum). Jurisdictions whose rule counts
 * yearly credits (US) or that have no enacted rule for the scheme give `not_assessed`. Pure.
 */
export function monthCoverage(
  jurisdiction: string,
  scheme: string,
  currency: string,
  month: string,
  paidMinor: Dec,
  rules: readonly CoverageRule[] = seededRules,
): MonthCoverage {
  const rule = ruleOn(rules, jurisdiction, `${month}-01`);
  if (
    rule?.kind !== "month_with_contribution" ||
    rule.status !== "enacted" ||
    rule.scheme !== scheme ||
    rule.currency !== currency
  )
    return { status: "not_assessed" };
  const paid = new Dec(formatMinor(paidMinor, currency));
  const minimum = rule.minimum_monthly_contribution ? new Dec(rule.minimum_monthly_contribution) : undefined;
  if (minimum ? paid.gte(minimum) : paid.gt(0)) return { status: "counts" };
  const missing = minimum ? formatAmount(minimum.minus(paid), currency) : formatMinor(1, currency);
  return { status: "does_not_count", missing: { amount: missing, currency } };
}

/** The coverage rules of `jurisdiction` (every version), as published with a coverage answer. */
export function coverageRulesOf(
  jurisdiction: string,
  rules: readonly CoverageRule[] = seededRules,
): CoverageRule[] {
  return rules.filter((r) => r.jurisdiction === jurisdiction);
}
