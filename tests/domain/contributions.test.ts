/**
 * src/domain/contributions.ts: exact, drift-free pro-rata accrual (docs/design.md §4.1) and rule selection.
 *
 * Hand-worked figures sit beside each example. The property tests (fast-check, ≥ 200 runs each) draw
 * payouts in integer minor units and one of these rules:
 * - US OASDI 2026: 12.4 % of 92.35 % of earnings, cap 184,500 USD a year;
 * - DE pension 2026: 9.3 % up to 8,450 EUR a month;
 * - UK Class 4 NIC: 0 % to 12,570, 6 % to 50,270, 2 % above (GBP, tax year from 6 April);
 * - a flat 10 % in JPY rounded down (0 decimals), a flat 2.5 % in KWD rounded half-even (3 decimals),
 *   a flat 8.75 % in EUR rounded up, and DE health 2026: 8.75 % up to 5,812.50 EUR.
 * Expected totals come from the period's whole base, computed with Dec.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accrue,
  baseFractionFor,
  EMPTY_ACCRUAL,
  rulesInForce,
  type Accrual,
  type RuleVersion,
} from "../../src/domain/contributions.js";
import { Dec, exponentOf, fromMinor, roundToMinor, type RoundingMode } from "../../src/domain/money.js";
import type { PeriodKind } from "../../src/domain/periods.js";
import { applyScale } from "../../src/domain/scale.js";

interface RuleSpec {
  code: string;
  currency: string;
  brackets: ([string, string] | [string, string, string])[];
  baseFraction?: string;
  rounding?: RoundingMode;
  period?: PeriodKind;
  taxYearStart?: string;
  effectiveFrom?: string;
  effectiveTo?: string | null;
  status?: "enacted" | "proposed";
  jurisdiction?: string;
  id?: number;
}

function rule(spec: RuleSpec): RuleVersion {
  return {
    id: spec.id ?? 1,
    code: spec.code,
    jurisdiction: spec.jurisdiction ?? "XX",
    scheme: "pension",
    payer: "worker",
    baseFraction: { by: null, value: new Dec(spec.baseFraction ?? "1") },
    baseComponents: ["earnings", "tip", "incentive"],
    assessment: "person",
    condition: null,
    brackets: spec.brackets.map(([threshold, rate, amount]) => ({
      threshold: new Dec(threshold),
      rate: new Dec(rate),
      ...(amount === undefined ? {} : { amount: new Dec(amount) }),
    })),
    period: spec.period ?? "month",
    taxYearStart: spec.taxYearStart ?? null,
    currency: spec.currency,
    rounding: spec.rounding ?? "half_up",
    effectiveFrom: spec.effectiveFrom ?? "2000-01-01",
    effectiveTo: spec.effectiveTo ?? null,
    status: spec.status ?? "enacted",
  };
}

const US_OASDI = rule({
  code: "us-oasdi",
  currency: "USD",
  brackets: [
    ["0", "0.124"],
    ["184500", "0"],
  ],
  baseFraction: "0.9235",
  period: "year",
});
const DE_PENSION = rule({
  code: "de-pension",
  currency: "EUR",
  brackets: [
    ["0", "0.093"],
    ["8450", "0"],
  ],
});
const DE_HEALTH = rule({
  code: "de-health",
  currency: "EUR",
  brackets: [
    ["0", "0.0875"],
    ["5812.50", "0"],
  ],
});
const UK_CLASS4 = rule({
  code: "gb-class4",
  currency: "GBP",
  brackets: [
    ["0", "0"],
    ["12570", "0.06"],
    ["50270", "0.02"],
  ],
  period: "tax_year",
  taxYearStart: "04-06",
});
const JPY_DOWN = rule({ code: "jp-flat", currency: "JPY", brackets: [["0", "0.1"]], rounding: "down" });
const KWD_EVEN = rule({
  code: "kw-flat",
  currency: "KWD",
  brackets: [["0", "0.025"]],
  rounding: "half_even",
});
const EUR_UP = rule({ code: "eu-up", currency: "EUR", brackets: [["0", "0.0875"]], rounding: "up" });
/** Bracket amounts (handed cases 10 and 12): Singapore's operator cliff, a flat monthly due, a step at 1,000. */
const SG_OPERATOR = rule({
  code: "sg-operator",
  currency: "SGD",
  brackets: [
    ["0", "0"],
    ["50", "0.07", "3.50"],
    ["8000", "0"],
  ],
});
const FLAT_DUE = rule({ code: "flat-due", currency: "BRL", brackets: [["0", "0", "75.90"]] });
const STEP = rule({
  code: "step",
  currency: "BRL",
  brackets: [
    ["0", "0.02"],
    ["1000", "0.01", "5.00"],
  ],
});
const RULES = [
  US_OASDI,
  DE_PENSION,
  DE_HEALTH,
  UK_CLASS4,
  JPY_DOWN,
  KWD_EVEN,
  EUR_UP,
  SG_OPERATOR,
  FLAT_DUE,
  STEP,
];

/** The contribution base of an amount under a rule with a single base fraction. */
function contributionBase(r: RuleVersion, amount: Dec): Dec {
  const chosen = baseFractionFor(r, {});
  if ("missing" in chosen) throw new Error(chosen.missing);
  return amount.times(chosen.fraction);
}

/** Accrues payouts (minor units of the rule's currency) in order; returns the final totals and each step's amount. */
function accrueAll(
  r: RuleVersion,
  payoutsMinor: readonly number[],
  start: Accrual = EMPTY_ACCRUAL,
): { after: Accrual; steps: number[] } {
  let state = start;
  const steps: number[] = [];
  for (const minor of payoutsMinor) {
    const step = accrue(r, state, contributionBase(r, fromMinor(minor, r.currency)));
    state = step.after;
    steps.push(step.amountMinor);
  }
  return { after: state, steps };
}

/** The contribution on a period's whole base: round(scale(fraction × Σ payouts)) in minor units. */
function contributionOnTotal(r: RuleVersion, payoutsMinor: readonly number[]): number {
  const totalMinor = payoutsMinor.reduce((sum, m) => sum.plus(m), new Dec(0));
  const base = totalMinor.div(new Dec(10).pow(exponentOf(r.currency))).times(contributionBase(r, new Dec(1)));
  return roundToMinor(applyScale(r.brackets, base), r.currency, r.rounding);
}

/** Payouts in minor units, up to 20,000.00 (or 20,000 JPY / 2,000.000 KWD), enough to cross every cap above. */
const payouts = fc.array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 60 });
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("accrue", () => {
  it("10,000 payouts of 0.01 USD at 12.4 % give exactly 12.40 USD (1240 cents)", () => {
    const flat = rule({ code: "flat", currency: "USD", brackets: [["0", "0.124"]] });
    // Rounding each payout alone would give round(0.00124) = 0 cents every time.
    expect(roundToMinor(new Dec("0.01").times("0.124"), "USD", "half_up")).toBe(0);
    const { after, steps } = accrueAll(flat, new Array<number>(10_000).fill(1));
    expect(sum(steps)).toBe(1240);
    expect(after.roundedToDateMinor).toBe(1240);
    expect(after.exactToDate.eq(new Dec("12.4"))).toBe(true);
    expect(after.baseToDate.eq(new Dec("100"))).toBe(true);
    expect(after.seq).toBe(10_000);
  });

  it("pays only up to the ceiling when a payout crosses it", () => {
    // 8,000 EUR -> 744.00; then 1,000 EUR: base 9,000 capped at 8,450 -> 785.85 − 744.00 = 41.85; then nothing.
    const { after, steps } = accrueAll(DE_PENSION, [800_000, 100_000, 50_000]);
    expect(steps).toEqual([74_400, 4_185, 0]);
    expect(after.roundedToDateMinor).toBe(78_585);
  });

  it("lowers the total on a negative base delta, and refuses to go below a zero base", () => {
    const paid = accrue(DE_PENSION, EMPTY_ACCRUAL, new Dec("100")); // 9.30 EUR
    const reversed = accrue(DE_PENSION, paid.after, new Dec("-40")); // base 60 -> 5.58 EUR: −3.72
    expect(paid.amountMinor).toBe(930);
    expect(reversed.amountMinor).toBe(-372);
    expect(reversed.after.roundedToDateMinor).toBe(558);
    expect(() => accrue(DE_PENSION, reversed.after, new Dec("-60.01"))).toThrow(RangeError);
  });

  it("grows the exact total by the difference of the new version's scale when a rule changes inside a period", () => {
    const v1 = rule({ code: "x", currency: "EUR", brackets: [["0", "0.1"]] });
    const v2 = rule({ code: "x", currency: "EUR", brackets: [["0", "0.2"]], id: 2 });
    // 100 under v1: 10.00; 100 more under v2: 10 + 0.2 × 200 − 0.2 × 100 = 30.00 (step 20.00).
    const first = accrue(v1, EMPTY_ACCRUAL, new Dec("100"));
    const second = accrue(v2, first.after, new Dec("100"));
    expect(second.amountMinor).toBe(2000);
    expect(second.after.exactToDate.eq(new Dec("30"))).toBe(true);
  });

  it("rounds only the carried total, in the rule's mode and minor unit", () => {
    // JPY 10 % rounded down: 15 JPY -> 1.5 -> 1; +15 -> 3.0 -> 3 (step 2); +4 -> 3.4 -> 3 (step 0).
    expect(accrueAll(JPY_DOWN, [15, 15, 4]).steps).toEqual([1, 2, 0]);
    // KWD 2.5 % half even: 0.100 -> 0.0025 -> 0.002; +0.100 -> 0.005 -> 0.005 (step 3); +0.100 -> 0.0075 -> 0.008 (step 3).
    expect(accrueAll(KWD_EVEN, [100, 100, 100]).steps).toEqual([2, 3, 3]);
    // EUR 8.75 % up: 0.01 -> 0.000875 -> 0.01; +0.01 -> 0.00175 -> 0.01 (step 0).
    expect(accrueAll(EUR_UP, [1, 1]).steps).toEqual([1, 0]);
  });
});

describe("accrue: properties (fast-check)", () => {
  it("(a) the order of arrival never changes the period total: round(scale(fraction × Σ))", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RULES),
        payouts.chain((xs) =>
          fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })),
        ),
        (r, [inOrder, permuted]) => {
          const expected = contributionOnTotal(r, inOrder);
          expect(accrueAll(r, inOrder).after.roundedToDateMinor).toBe(expected);
          expect(accrueAll(r, permuted).after.roundedToDateMinor).toBe(expected);
          expect(accrueAll(r, permuted).after.exactToDate.eq(accrueAll(r, inOrder).after.exactToDate)).toBe(
            true,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("(b) the sum of step amounts equals the final rounded total to date", () => {
    fc.assert(
      fc.property(fc.constantFrom(...RULES), payouts, (r, xs) => {
        const { after, steps } = accrueAll(r, xs);
        expect(sum(steps)).toBe(after.roundedToDateMinor);
        expect(after.roundedToDateMinor).toBe(contributionOnTotal(r, xs));
      }),
      { numRuns: 300 },
    );
  });

  it("(c) a payout and its full reversal net to zero", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RULES),
        payouts,
        fc.integer({ min: 1, max: 2_000_000 }),
        payouts,
        (r, before, x, between) => {
          const prior = accrueAll(r, before).after;
          const base = contributionBase(r, fromMinor(x, r.currency));
          // Immediately reversed: the two steps cancel and the totals are back where they were.
          const paid = accrue(r, prior, base);
          const reversed = accrue(r, paid.after, base.negated());
          expect(paid.amountMinor + reversed.amountMinor).toBe(0);
          expect(reversed.after.roundedToDateMinor).toBe(prior.roundedToDateMinor);
          expect(reversed.after.baseToDate.eq(prior.baseToDate)).toBe(true);
          expect(reversed.after.exactToDate.eq(prior.exactToDate)).toBe(true);
          // Reversed after other payouts: the period ends as if the payout had never been made.
          const later = accrueAll(r, between, paid.after).after;
          const corrected = accrue(r, later, base.negated()).after;
          expect(corrected.roundedToDateMinor).toBe(contributionOnTotal(r, [...before, ...between]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("(d) crossing a ceiling never pays above rate × ceiling", () => {
    const ceilings = [
      { r: DE_PENSION, rate: new Dec("0.093"), ceiling: new Dec("8450") }, // cap 785.85 EUR
      { r: DE_HEALTH, rate: new Dec("0.0875"), ceiling: new Dec("5812.50") }, // cap 508.59375 -> 508.59 EUR
      {
        r: rule({
          code: "de-health-up",
          currency: "EUR",
          brackets: [
            ["0", "0.0875"],
            ["5812.50", "0"],
          ],
          rounding: "up",
        }),
        rate: new Dec("0.0875"),
        ceiling: new Dec("5812.50"),
      },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...ceilings),
        fc.array(fc.integer({ min: 1, max: 400_000 }), { minLength: 1, maxLength: 60 }),
        ({ r, rate, ceiling }, xs) => {
          const cap = rate.times(ceiling);
          const capMinor = roundToMinor(cap, r.currency, r.rounding);
          let state = EMPTY_ACCRUAL;
          for (const minor of xs) {
            const step = accrue(r, state, fromMinor(minor, r.currency));
            expect(step.amountMinor).toBeGreaterThanOrEqual(0);
            expect(step.after.exactToDate.lte(cap)).toBe(true);
            expect(step.after.roundedToDateMinor).toBeLessThanOrEqual(capMinor);
            state = step.after;
          }
          // Final: round(rate × min(Σ, ceiling)), rounded by hand with Dec in the rule's mode.
          const total = fromMinor(sum(xs), r.currency);
          const decMode = r.rounding === "up" ? Dec.ROUND_UP : Dec.ROUND_HALF_UP;
          const expectedMinor = rate
            .times(Dec.min(total, ceiling))
            .times(100)
            .toDecimalPlaces(0, decMode)
            .toNumber();
          expect(state.roundedToDateMinor).toBe(expectedMinor);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("rulesInForce", () => {
  const v2025 = rule({
    id: 1,
    code: "de-pension",
    jurisdiction: "DE",
    currency: "EUR",
    brackets: [["0", "0.093"]],
    effectiveFrom: "2025-01-01",
    effectiveTo: "2026-01-01",
  });
  const v2026 = rule({
    id: 2,
    code: "de-pension",
    jurisdiction: "DE",
    currency: "EUR",
    brackets: [["0", "0.093"]],
    effectiveFrom: "2026-01-01",
  });
  const health = rule({
    id: 3,
    code: "de-health",
    jurisdiction: "DE",
    currency: "EUR",
    brackets: [["0", "0.0875"]],
    effectiveFrom: "2025-01-01",
  });
  const proposed = rule({
    id: 4,
    code: "de-new",
    jurisdiction: "DE",
    currency: "EUR",
    brackets: [["0", "0.01"]],
    status: "proposed",
  });
  const other = rule({ id: 5, code: "fr-x", jurisdiction: "FR", currency: "EUR", brackets: [["0", "0.2"]] });
  const all = [v2025, v2026, health, proposed, other];

  it("picks the enacted version in force on the local day (from inclusive, to exclusive)", () => {
    expect(rulesInForce(all, "DE", "2025-12-31").map((r) => r.id)).toEqual([1, 3]);
    expect(rulesInForce(all, "DE", "2026-01-01").map((r) => r.id)).toEqual([2, 3]);
    expect(rulesInForce(all, "DE", "2024-12-31").map((r) => r.id)).toEqual([]);
    expect(rulesInForce(all, "FR", "2026-01-01").map((r) => r.id)).toEqual([5]);
  });

  it("lets the later effective_from win when two versions of a code overlap", () => {
    const open2025 = { ...v2025, effectiveTo: null };
    expect(rulesInForce([v2026, open2025], "DE", "2026-06-01").map((r) => r.id)).toEqual([2]);
  });
});
