/**
 * Coverage rules: when a jurisdiction's law counts a period as covered (insured) for a worker, read by
 * src/agency-reports/coverage.ts. Data, dated like the contribution rules (`effective_from` inclusive,
 * `effective_to` exclusive, null = open; local dates of the jurisdiction) with sources.
 *
 * Kinds:
 *   - `earnings_credits`: one credit per `earnings_per_credit` (decimal string, `currency`) of the
 *     contribution base of `scheme` in a calendar year, at most `max_credits_per_year`; the year's credits
 *     are whole credits (rounded down).
 *   - `month_with_contribution`: a local month counts as covered when the worker's contributions to
 *     `scheme` in it sum to at least `minimum_monthly_contribution` (decimal string, `currency`), or to
 *     more than zero when the law sets no minimum (null).
 *
 * Not modelled: credits or months from other sources than platform payouts (wages, other employers,
 * child-raising periods), waiting periods, and whether the worker is insured at all.
 */
import type { CoverageRule } from "../../schemas/coverage.js";

export type { CoverageRule };

export const coverageRules: CoverageRule[] = [
  {
    code: "us-quarters-of-coverage",
    jurisdiction: "US",
    scheme: "pension",
    kind: "earnings_credits",
    currency: "USD",
    earnings_per_credit: "1810",
    max_credits_per_year: 4,
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    status: "enacted",
    source: {
      title:
        "SSA Office of the Chief Actuary: Quarter of Coverage, 2025 amount 1,810 USD, at most 4 a year (42 U.S.C. 413)",
      url: "https://www.ssa.gov/oact/cola/QC.html",
      retrieved: "2026-11-30",
    },
    note: "The figure was seen in a copy of the SSA page (nickortizlaw.com); the base counted is the OASDI contribution base the ledger computed (92.35 % of payouts, net earnings from self-employment), not other earnings of the worker.",
  },
  {
    code: "us-quarters-of-coverage",
    jurisdiction: "US",
    scheme: "pension",
    kind: "earnings_credits",
    currency: "USD",
    earnings_per_credit: "1890",
    max_credits_per_year: 4,
    effective_from: "2026-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "SSA: 2026 Cost-of-Living Adjustment Fact Sheet, quarter of coverage 1,890 USD",
      url: "https://www.ssa.gov/oact/cola/QC.html",
      retrieved: "2026-11-30",
    },
    note: "UNCONFIRMED here: the 2026 amount (1,890 USD) was not found in the stored sources searched for this change (only 2025's 1,810 USD was); check it against the SSA page before relying on it.",
  },
  {
    code: "de-pension-contribution-month",
    jurisdiction: "DE",
    scheme: "pension",
    kind: "month_with_contribution",
    currency: "EUR",
    minimum_monthly_contribution: null,
    effective_from: "2025-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "SGB VI § 55 (Beitragszeiten): months for which compulsory or voluntary contributions were paid",
      url: "https://www.gesetze-im-internet.de/sgb_6/__55.html",
      retrieved: "2026-11-30",
    },
    note: "A month with any pension contribution recorded for the worker counts; the minimum voluntary contribution (§ 167) is not checked.",
  },
  {
    code: "my-sksps-contribution-month",
    jurisdiction: "MY",
    scheme: "employment_injury",
    kind: "month_with_contribution",
    currency: "MYR",
    minimum_monthly_contribution: null,
    effective_from: "2026-01-01",
    effective_to: null,
    status: "proposed",
    source: {
      title:
        "PERKESO (SOCSO): Self-Employment Social Security Scheme (SKSPS, Act 789); Gig Workers Bill 2025, 1.25 % per trip",
      url: "https://www.perkeso.gov.my",
      retrieved: "2026-11-30",
    },
    note: "PROPOSED, like the contribution rule my-sksps-worker: no minimum monthly contribution is known for the per-trip deduction, so a month with any contribution counts.",
  },
];
