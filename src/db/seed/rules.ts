/**
 * Seed contribution rules (DESIGN.md section 3, "rules as data").
 *
 * Each entry is one dated version of a rule. Entries that share a `code` are
 * versions of the same rule. Within a code the versions do not overlap, and
 * one version's `effective_to` equals the next one's `effective_from`.
 *
 * Shape and units:
 *   - `jurisdiction`: ISO 3166-1 alpha-2. Its time zone (see `jurisdictions.ts`)
 *     defines both the periods and the local dates below.
 *   - `base_fraction` (default "1"): share of each payout that forms the
 *     contribution base, e.g. "0.9235" for US self-employment tax.
 *   - `brackets`: a marginal-rate scale over the PERIOD-TO-DATE base (after
 *     `base_fraction`). A rate applies from its `threshold` up to the next one.
 *     Thresholds are amounts in the rule's `currency`, ascending from "0".
 *     Rates are fractions ("0.124" means 12.4 %). All values are decimal
 *     strings, never JS numbers. A flat rate r with a ceiling C is
 *     [{0, r}, {C, 0}]. A band is [{0, 0}, {L, r}, {U, r2}].
 *   - `period`: what "to date" means. `transaction` has no accumulation;
 *     `month` and `year` are calendar periods; `tax_year` starts on
 *     `tax_year_start` ("MM-DD").
 *   - `rounding` (default half_up): applied to the rule currency's ISO 4217
 *     minor unit, and only to the carried period-to-date total (DESIGN 4.1).
 *   - `effective_from` is inclusive and `effective_to` exclusive (null means
 *     open). Both are local dates in the jurisdiction's zone.
 *   - `status`: "enacted" is law in force; "proposed" is a bill or an
 *     announced plan, published for transparency and what-if runs. When a
 *     proposed rule would replace an enacted one, its `note` says which.
 *     Applying both to the same payouts would count the contribution twice.
 *   - `source`: where the values were checked (title, URL, retrieval date).
 *     `note` says when a value is unconfirmed, simplified, or an assumption.
 *
 * Rules are immutable once used. A ledger entry refers to the version it was
 * computed with, so a version must never be edited after any payout has used
 * it. A change in law is a new entry with the same `code` and a later
 * `effective_from`. Here each superseded version also names its `effective_to`;
 * where an older version is left open, the version with the latest
 * `effective_from` on or before a day is the one in force (rulesInForce).
 *
 * Simplifications that apply to every rule:
 *   - The base is the payout the platform reports (gross). Most statutes use
 *     net profit (receipts minus expenses), which a platform cannot see, so
 *     these results are an upper bound unless the rule itself is defined on
 *     gross receipts (FR micro-social, KE SHIF, MY, IN-KA, BR bill).
 *   - The scales take no account of income from other sources (wages,
 *     other platforms outside the ledger) that shares the same ceiling, and
 *     none of minimum contributions or income floors that a period-to-date
 *     marginal scale cannot express. Each note names these limits.
 *
 * AU (Australia): no rule. Nothing compulsory applies to independent
 * contractors on platforms. The superannuation guarantee (SGAA 1992) binds
 * employers, and it reaches a contractor only when the contract is "wholly or
 * principally for the labour" of the person, which platform delivery and
 * ride-hail arrangements are generally not treated as. Self-employed people may
 * make voluntary super contributions. The Fair Work Act "employee-like"
 * minimum standards (2024 amendments) could one day include super, but no such
 * order is in force. Any rule here would be invented, so none is added.
 */

interface SeedRule {
  /** Stable across dated versions, e.g. "de-pension-worker". */
  code: string;
  /** ISO 3166-1 alpha-2. */
  jurisdiction: string;
  scheme: "pension" | "health" | "social_security" | "employment_injury" | "welfare" | "unemployment";
  payer: "worker" | "platform";
  /** Decimal string, default "1": share of the payout that forms the contribution base. */
  base_fraction?: string;
  /** Marginal scale over the period-to-date base (after base_fraction); decimal strings only. */
  brackets: readonly { threshold: string; rate: string }[];
  period: "transaction" | "month" | "year" | "tax_year";
  /** "MM-DD", only with period "tax_year". */
  tax_year_start?: string;
  /** ISO 4217. */
  currency: string;
  /** Default half_up to the currency's minor unit. */
  rounding?: "half_up" | "half_even" | "down" | "up";
  /** YYYY-MM-DD, inclusive, local date in the jurisdiction's zone. */
  effective_from: string;
  /** YYYY-MM-DD, exclusive; null = open. */
  effective_to: string | null;
  status: "enacted" | "proposed";
  source: { title: string; url: string; retrieved: string /* YYYY-MM-DD */ };
  note?: string;
}

export const seedRules = [
  // ---------------------------------------------------------------- US
  {
    code: "us-oasdi-se-worker",
    jurisdiction: "US",
    scheme: "pension",
    payer: "worker",
    base_fraction: "0.9235",
    brackets: [
      { threshold: "0", rate: "0.124" },
      { threshold: "176100", rate: "0" },
    ],
    period: "year",
    currency: "USD",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    status: "enacted",
    source: {
      title:
        "SSA Office of the Chief Actuary: Cost-of-Living Increase and Other Determinations for 2025 (89 FR 85276, 2024-10-25): contribution and benefit base 176,100 USD",
      url: "https://www.ssa.gov/oact/cola/index.html",
      retrieved: "2026-11-30",
    },
    note:
      "Self-employment tax, OASDI part: 12.4 % of net earnings from self-employment (92.35 % of net profit, IRS Topic no. 554) up to the 2025 contribution and benefit base of 176,100 USD. The ceiling is shared with W-2 wages (the base is reduced by wages already taxed), which the ledger cannot see. The 400 USD minimum net earnings is not modelled. The base is the gross payout rather than net profit (see the module note). The SSA URL is the one the Federal Register notice points to; the notice's own federalregister.gov URL was not seen.",
  },
  {
    code: "us-oasdi-se-worker",
    jurisdiction: "US",
    scheme: "pension",
    payer: "worker",
    base_fraction: "0.9235",
    brackets: [
      { threshold: "0", rate: "0.124" },
      { threshold: "184500", rate: "0" },
    ],
    period: "year",
    currency: "USD",
    effective_from: "2026-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title:
        "Federal Register: Cost-of-Living Increase and Other Determinations for 2026 (SSA, FR Doc 2025-19763, 2025-11-03): contribution and benefit base 184,500 USD",
      url: "https://www.federalregister.gov/documents/2025/11/03/2025-19763/cost-of-living-increase-and-other-determinations-for-2026",
      retrieved: "2026-11-30",
    },
    note:
      "Same rule as 2025 with the 2026 base of 184,500 USD. The same limits apply: shared with W-2 wages, 400 USD minimum not modelled, gross payout as base. Open-ended: a 2027 version must be added when the 2027 base applies (reported as 192,300 USD by secondary sources; not confirmed here, so not added).",
  },
  {
    code: "us-medicare-se-worker",
    jurisdiction: "US",
    scheme: "health",
    payer: "worker",
    base_fraction: "0.9235",
    brackets: [
      { threshold: "0", rate: "0.029" },
      { threshold: "200000", rate: "0.038" },
    ],
    period: "year",
    currency: "USD",
    effective_from: "2025-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "IRS Topic no. 560, Additional Medicare Tax (0.9 % above 200,000 USD for single filers); Topic no. 554, Self-employment tax (2.9 % Medicare on all net earnings, 92.35 %)",
      url: "https://www.irs.gov/taxtopics/tc560",
      retrieved: "2026-11-30",
    },
    note:
      "Medicare part of self-employment tax: 2.9 %, uncapped, plus the 0.9 % Additional Medicare Tax on self-employment income above 200,000 USD, modelled as one scale (2.9 % then 3.8 %). The 200,000 USD threshold is for single, head-of-household and qualifying-surviving-spouse filers. It is 250,000 USD for married filing jointly and 125,000 USD for married filing separately, and it is reduced by Medicare wages. The ledger does not know the filing status, so the single threshold is an assumption. The threshold is fixed by statute (not indexed), so 2025 and 2026 share one version. The 92.35 % factor is from IRS Topic no. 554 (URL seen only under a localized irs.gov path, so not cited).",
  },

  // ---------------------------------------------------------------- DE
  {
    code: "de-pension-worker",
    jurisdiction: "DE",
    scheme: "pension",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0.093" },
      { threshold: "8050", rate: "0" },
    ],
    period: "month",
    currency: "EUR",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    status: "enacted",
    source: {
      title: "BMAS: Sozialversicherungs-Rechengrößenverordnung 2025 (Beitragsbemessungsgrenze allgemeine Rentenversicherung 8.050 EUR/Monat, bundeseinheitlich)",
      url: "https://www.bmas.de/DE/Service/Gesetze-und-Gesetzesvorhaben/sozialversicherungs-rechengroessenverordnung-2025.html",
      retrieved: "2026-11-30",
    },
    note:
      "General pension insurance rate of 18.6 % (unchanged in 2025 and 2026), split 9.3 % worker / 9.3 % platform as for an employee, up to the monthly ceiling of 8,050 EUR. Assumption, following DESIGN.md: German law has no platform-worker regime. Solo self-employed people are mostly not compulsorily insured in pension insurance, and those who are (e.g. under § 2 SGB VI) pay the full 18.6 % themselves, so the platform share models a policy scenario. The 18.6 % rate is confirmed by secondary reports of the Rentenversicherungsbericht 2025; no primary URL was seen for it.",
  },
  {
    code: "de-pension-worker",
    jurisdiction: "DE",
    scheme: "pension",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0.093" },
      { threshold: "8450", rate: "0" },
    ],
    period: "month",
    currency: "EUR",
    effective_from: "2026-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "BMAS press release: Sozialversicherungsrechengrößen 2026 (Beitragsbemessungsgrenze allgemeine Rentenversicherung 8.450 EUR/Monat)",
      url: "https://www.bmas.de/DE/Service/Presse/Pressemitteilungen/2025/sozialversicherungsrechengroessen-2026.html",
      retrieved: "2026-11-30",
    },
    note:
      "As 2025 with the 2026 ceiling of 8,450 EUR a month. The cabinet adopted the ordinance on 2025-10-08, and secondary sources report that the Bundesrat approved it on 2025-11-21 (BR-Drs. 567/25). Same employee-like split assumption as the 2025 version.",
  },
  {
    code: "de-pension-platform",
    jurisdiction: "DE",
    scheme: "pension",
    payer: "platform",
    brackets: [
      { threshold: "0", rate: "0.093" },
      { threshold: "8050", rate: "0" },
    ],
    period: "month",
    currency: "EUR",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    status: "enacted",
    source: {
      title: "BMAS: Sozialversicherungs-Rechengrößenverordnung 2025 (Beitragsbemessungsgrenze allgemeine Rentenversicherung 8.050 EUR/Monat, bundeseinheitlich)",
      url: "https://www.bmas.de/DE/Service/Gesetze-und-Gesetzesvorhaben/sozialversicherungs-rechengroessenverordnung-2025.html",
      retrieved: "2026-11-30",
    },
    note:
      "Platform (employer-like) half of the 18.6 % pension rate, up to 8,050 EUR a month. The rates are enacted, but applying an employer share to a platform is an assumption (see de-pension-worker): no statute makes platforms pay it for self-employed workers.",
  },
  {
    code: "de-pension-platform",
    jurisdiction: "DE",
    scheme: "pension",
    payer: "platform",
    brackets: [
      { threshold: "0", rate: "0.093" },
      { threshold: "8450", rate: "0" },
    ],
    period: "month",
    currency: "EUR",
    effective_from: "2026-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "BMAS press release: Sozialversicherungsrechengrößen 2026 (Beitragsbemessungsgrenze allgemeine Rentenversicherung 8.450 EUR/Monat)",
      url: "https://www.bmas.de/DE/Service/Presse/Pressemitteilungen/2025/sozialversicherungsrechengroessen-2026.html",
      retrieved: "2026-11-30",
    },
    note: "As 2025 with the 2026 ceiling of 8,450 EUR a month. Same assumption as de-pension-worker.",
  },
  {
    code: "de-health-worker",
    jurisdiction: "DE",
    scheme: "health",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0.0855" },
      { threshold: "5512.50", rate: "0" },
    ],
    period: "month",
    currency: "EUR",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    status: "enacted",
    source: {
      title: "BMAS: Sozialversicherungs-Rechengrößenverordnung 2025 (Beitragsbemessungsgrenze gesetzliche Krankenversicherung 5.512,50 EUR/Monat)",
      url: "https://www.bmas.de/DE/Service/Gesetze-und-Gesetzesvorhaben/sozialversicherungs-rechengroessenverordnung-2025.html",
      retrieved: "2026-11-30",
    },
    note:
      "Statutory health insurance: the general rate of 14.6 % (§ 241 SGB V) plus the average additional rate of 2.5 % for 2025 (§ 242a SGB V, set by the BMG). That is 17.1 %, half each, so 8.55 % worker, up to 5,512.50 EUR a month. Simplifications: each fund sets its own additional rate, and the average one is used. Long-term care insurance (Pflegeversicherung) is not included. Voluntarily insured self-employed people pay the whole contribution (at the reduced 14.0 % general rate if they waive sick pay), on a minimum assessed income, so the split is the same employee-like assumption as for pension. The 2.5 % figure is from the BMG announcement in the Bundesanzeiger as reported by secondary sources; its URL was not seen.",
  },
  {
    code: "de-health-worker",
    jurisdiction: "DE",
    scheme: "health",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0.0875" },
      { threshold: "5812.50", rate: "0" },
    ],
    period: "month",
    currency: "EUR",
    effective_from: "2026-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "BMAS press release: Sozialversicherungsrechengrößen 2026 (Beitragsbemessungsgrenze gesetzliche Krankenversicherung 5.812,50 EUR/Monat)",
      url: "https://www.bmas.de/DE/Service/Presse/Pressemitteilungen/2025/sozialversicherungsrechengroessen-2026.html",
      retrieved: "2026-11-30",
    },
    note:
      "14.6 % general rate plus the 2026 average additional rate of 2.9 %, 17.5 % in all, half each, so 8.75 % worker, up to 5,812.50 EUR a month. Secondary sources report that the BMG set 2.9 % after the Schätzerkreis of 2025-10-15; the primary URL was not seen. Same simplifications as the 2025 version.",
  },
  {
    code: "de-health-platform",
    jurisdiction: "DE",
    scheme: "health",
    payer: "platform",
    brackets: [
      { threshold: "0", rate: "0.0855" },
      { threshold: "5512.50", rate: "0" },
    ],
    period: "month",
    currency: "EUR",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    status: "enacted",
    source: {
      title: "BMAS: Sozialversicherungs-Rechengrößenverordnung 2025 (Beitragsbemessungsgrenze gesetzliche Krankenversicherung 5.512,50 EUR/Monat)",
      url: "https://www.bmas.de/DE/Service/Gesetze-und-Gesetzesvorhaben/sozialversicherungs-rechengroessenverordnung-2025.html",
      retrieved: "2026-11-30",
    },
    note:
      "Platform (employer-like) half of 14.6 % + 2.5 %, that is 8.55 %, up to 5,512.50 EUR a month. The employer share for platforms is an assumption (see de-health-worker).",
  },
  {
    code: "de-health-platform",
    jurisdiction: "DE",
    scheme: "health",
    payer: "platform",
    brackets: [
      { threshold: "0", rate: "0.0875" },
      { threshold: "5812.50", rate: "0" },
    ],
    period: "month",
    currency: "EUR",
    effective_from: "2026-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "BMAS press release: Sozialversicherungsrechengrößen 2026 (Beitragsbemessungsgrenze gesetzliche Krankenversicherung 5.812,50 EUR/Monat)",
      url: "https://www.bmas.de/DE/Service/Presse/Pressemitteilungen/2025/sozialversicherungsrechengroessen-2026.html",
      retrieved: "2026-11-30",
    },
    note: "Platform half of 14.6 % + 2.9 %, that is 8.75 %, up to 5,812.50 EUR a month. Same assumption as de-health-worker.",
  },

  // ---------------------------------------------------------------- FR
  {
    code: "fr-micro-bic-services-worker",
    jurisdiction: "FR",
    scheme: "social_security",
    payer: "worker",
    brackets: [{ threshold: "0", rate: "0.212" }],
    period: "month",
    currency: "EUR",
    effective_from: "2022-10-01",
    effective_to: null,
    status: "enacted",
    source: {
      title:
        "Légifrance: décret n° 2022-1529 du 7 décembre 2022 (taux globaux du dispositif micro-social, CSS art. D. 613-4), prestations de services BIC 21,2 % from 2022-10-01",
      url: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046710841",
      retrieved: "2026-11-30",
    },
    note:
      "Micro-entrepreneur (régime micro-social), commercial or craft services taxed as BIC: 21.2 % of turnover actually received, covering all social risks. This is the category of delivery riders and VTC drivers. Décret n° 2025-943 of 2025-09-08 kept 21.2 % for 2026, so one version covers 2025 and 2026. Modelling choice: only the BIC-services rate is seeded. Rules are chosen by jurisdiction, not by activity, and a second FR rule would charge every payout twice. The other category is liberal services taxed as BNC and affiliated to the general scheme: 24.6 % in 2025 and 25.6 % from 2026-01-01 (décret 2025-943, replacing the 26.1 % planned by décret 2024-484). Workers in that category are not covered by this rule. Not included: the vocational training contribution (CFP, 0.1–0.3 %), the optional income-tax 'versement libératoire', ACRE reductions, and leaving the micro regime above the turnover ceiling. DESIGN.md expects platforms to withhold these contributions from 2026–27; the legal basis and date are unconfirmed here. Withholding would not change the payer, which stays the worker. The décret 2022-1529 URL was seen; no URL for décret 2025-943 was seen, and the 2026 figures come from secondary reproductions of the service-public.fr sheets.",
  },

  // ---------------------------------------------------------------- GB
  {
    code: "gb-class4-nic-worker",
    jurisdiction: "GB",
    scheme: "social_security",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0" },
      { threshold: "12570", rate: "0.06" },
      { threshold: "50270", rate: "0.02" },
    ],
    period: "tax_year",
    tax_year_start: "04-06",
    currency: "GBP",
    effective_from: "2024-04-06",
    effective_to: null,
    status: "enacted",
    source: {
      title: "GOV.UK: Self-employed National Insurance rates (Class 4: 6 % on profits between 12,570 and 50,270 GBP, 2 % above)",
      url: "https://www.gov.uk/self-employed-national-insurance-rates",
      retrieved: "2026-11-30",
    },
    note:
      "Class 4 NICs on annual profits: 0 % up to the lower profits limit of 12,570 GBP, 6 % up to the upper profits limit of 50,270 GBP, 2 % above, per tax year from 6 April. The 6 % main rate is in force from 2024-04-06 (National Insurance Contributions (Reduction in Rates) Act 2024, s. 1(3), https://www.legislation.gov.uk/ukpga/2024/5/enacted), and the limits have been 12,570 and 50,270 GBP since 2023-24. One version therefore covers 2024/25, 2025/26 and 2026/27. The 2026/27 figures are unchanged according to Autumn Budget 2025 tax tables (secondary sources); the stored copies of the GOV.UK page predate 2025, so the 2026/27 confirmation is secondary. Not modelled: profits from outside the ledger, the Class 4 annual maximum for people who also pay Class 1, and exemptions such as state pension age. Class 2 has been voluntary since 2024-04-06 and is not modelled.",
  },

  // ---------------------------------------------------------------- BR
  {
    code: "br-inss-ci-worker",
    jurisdiction: "BR",
    scheme: "social_security",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0.2" },
      { threshold: "8157.41", rate: "0" },
    ],
    period: "month",
    currency: "BRL",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    status: "enacted",
    source: {
      title:
        "Portaria Interministerial MPS/MF nº 6, de 10 de janeiro de 2025 (salário de contribuição: mínimo R$ 1.518,00, máximo R$ 8.157,41); Lei 8.212/1991 art. 21 (contribuinte individual, 20 %)",
      url: "https://www.gov.br/",
      retrieved: "2026-11-30",
    },
    note:
      "Contribuinte individual in the 'plano normal': 20 % of the monthly salário de contribuição, which is capped at the 2025 ceiling of R$ 8,157.41. The floor of R$ 1,518 (the minimum wage) is a minimum base, not an exempt band: a month with earnings below it counts for benefits only if the worker tops the contribution up to 20 % of R$ 1,518 (EC 103/2019, art. 195 § 14 CF). A marginal scale cannot express a minimum, so the floor is not modelled; the scale is 20 % from 0, not a band starting at 1,518. Not modelled either: the 11 % withholding with a 20 % company contribution that applies when a legal entity pays a contribuinte individual (Lei 10.666/2003 art. 4; Lei 8.212 art. 22 III), the 11 % simplified plan, and MEI (5 % of the minimum wage). No gov.br or DOU URL was seen for the portaria: official site root used. The figures are from reproductions of the portaria's text.",
  },
  {
    code: "br-inss-ci-worker",
    jurisdiction: "BR",
    scheme: "social_security",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0.2" },
      { threshold: "8475.55", rate: "0" },
    ],
    period: "month",
    currency: "BRL",
    effective_from: "2026-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title:
        "Portaria Interministerial MPS/MF of 2026-01-12 (2026 adjustment, INPC 3.90 %): teto R$ 8.475,55; salário mínimo R$ 1.621,00",
      url: "https://www.gov.br/",
      retrieved: "2026-11-30",
    },
    note:
      "As 2025 with the 2026 ceiling of R$ 8,475.55 (floor R$ 1,621, not modelled; see the 2025 version). Unconfirmed: the portaria's number. The values come from several press reports of the portaria published on 2026-01-12 and applying from the January 2026 contribution month. No primary URL was seen: official site root used.",
  },
  {
    code: "br-plp12-app-worker",
    jurisdiction: "BR",
    scheme: "social_security",
    payer: "worker",
    base_fraction: "0.25",
    brackets: [
      { threshold: "0", rate: "0.075" },
      { threshold: "8157.41", rate: "0" },
    ],
    period: "month",
    currency: "BRL",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    status: "proposed",
    source: {
      title: "MTE: PL dos Aplicativos (PLP 12/2024), perguntas frequentes",
      url: "https://gov.br/trabalho-e-emprego/pt-br/assuntos/pl-dos-aplicativos/perguntas-frequentes/perguntas-frequentes-1",
      retrieved: "2026-11-30",
    },
    note:
      "PROPOSED, not law. PLP 12/2024 (government bill of 2024-03-04, four-wheel ride-hailing drivers): the contribution base is 25 % of the gross monthly amount paid to the driver (75 % is treated as costs); the driver pays 7.5 % of that base and the platform 20 % (see br-plp12-app-platform), both withheld and paid by the platform. If enacted it would replace br-inss-ci-worker for these drivers, so the two must not be applied together. Assumptions: the driver's base is capped at the RGPS ceiling (8,157.41 BRL in 2025); the effective dates are hypothetical (the bill has no date in force) and follow the enacted rule's versions so that what-if runs line up. The 7.5 %/20 %/25 % figures are from secondary reports of the bill; the MTE FAQ page cited was seen, but not the bill's text. Later bills differ: the Dec 2025 rapporteur report on PLP 152/2025 proposes 5 % worker and 20 % + 2 % platform on the same 25 % base (unconfirmed, not modelled).",
  },
  {
    code: "br-plp12-app-worker",
    jurisdiction: "BR",
    scheme: "social_security",
    payer: "worker",
    base_fraction: "0.25",
    brackets: [
      { threshold: "0", rate: "0.075" },
      { threshold: "8475.55", rate: "0" },
    ],
    period: "month",
    currency: "BRL",
    effective_from: "2026-01-01",
    effective_to: null,
    status: "proposed",
    source: {
      title: "MTE: PL dos Aplicativos (PLP 12/2024), perguntas frequentes",
      url: "https://gov.br/trabalho-e-emprego/pt-br/assuntos/pl-dos-aplicativos/perguntas-frequentes/perguntas-frequentes-1",
      retrieved: "2026-11-30",
    },
    note: "PROPOSED, not law. As the 2025 version, with the assumed cap moved to the 2026 RGPS ceiling of 8,475.55 BRL. Would replace br-inss-ci-worker; do not apply both.",
  },
  {
    code: "br-plp12-app-platform",
    jurisdiction: "BR",
    scheme: "social_security",
    payer: "platform",
    base_fraction: "0.25",
    brackets: [{ threshold: "0", rate: "0.2" }],
    period: "month",
    currency: "BRL",
    effective_from: "2025-01-01",
    effective_to: null,
    status: "proposed",
    source: {
      title: "MTE: PL dos Aplicativos (PLP 12/2024), perguntas frequentes",
      url: "https://gov.br/trabalho-e-emprego/pt-br/assuntos/pl-dos-aplicativos/perguntas-frequentes/perguntas-frequentes-1",
      retrieved: "2026-11-30",
    },
    note:
      "PROPOSED, not law. The platform's 20 % on a base of 25 % of the gross amount paid to the driver (PLP 12/2024), uncapped like employer contributions. Assumption: no ceiling. Hypothetical effective date (see br-plp12-app-worker). Figures from secondary reports of the bill.",
  },

  // ---------------------------------------------------------------- PH
  {
    code: "ph-sss-se-worker",
    jurisdiction: "PH",
    scheme: "social_security",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0.15" },
      { threshold: "35000", rate: "0" },
    ],
    period: "month",
    currency: "PHP",
    effective_from: "2025-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "SSS: Schedule of contributions effective January 2025 (RA 11199 final step: 15 %, monthly salary credit 5,000–35,000 PHP)",
      url: "https://www.sss.gov.ph/sss-contribution-table/",
      retrieved: "2026-11-30",
    },
    note:
      "Self-employed members pay the whole 15 % of their monthly salary credit (MSC) themselves. This covers regular SS and, above an MSC of 20,000 PHP, the mandatory provident fund (MySSS Pension Booster / WISP). The MSC runs from 5,000 to 35,000 PHP a month. Simplifications: the real MSC is a step table in 500 PHP brackets, and the scale here is linear up to the 35,000 PHP ceiling. The 5,000 PHP minimum MSC (a floor on the contribution) is not modelled. The employees'-compensation add-on (10 or 30 PHP) is not included. SSS contributions are declared by the member, not computed on actual payouts. RA 11199 sets no step after 2025, so one version covers 2025 and 2026. The SSS URL was seen cited by secondary pages, and its content was confirmed through them, not fetched.",
  },

  // ---------------------------------------------------------------- KE
  {
    code: "ke-shif-worker",
    jurisdiction: "KE",
    scheme: "health",
    payer: "worker",
    brackets: [{ threshold: "0", rate: "0.0275" }],
    period: "month",
    currency: "KES",
    effective_from: "2024-10-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "Social Health Authority: Social Health Insurance Fund (Social Health Insurance Act 2023; SHI (General) Regulations 2024): 2.75 % of household income, minimum KES 300 a month",
      url: "https://sha.go.ke/",
      retrieved: "2026-11-30",
    },
    note:
      "SHIF replaced NHIF on 2024-10-01. Salaried households pay 2.75 % of gross pay, uncapped, with a minimum of KES 300 a month. Non-salaried households pay 2.75 % of household income as assessed by SHA means testing, not of each payout, so applying 2.75 % to platform payouts is a simplification. The KES 300 minimum is not modelled. Unchanged in 2025 and 2026. No sha.go.ke page was seen in the stored sources: official site root used. The figures are from secondary sources citing the Act and Regulations.",
  },

  // ---------------------------------------------------------------- MY
  {
    code: "my-sksps-worker",
    jurisdiction: "MY",
    scheme: "employment_injury",
    payer: "worker",
    brackets: [{ threshold: "0", rate: "0.0125" }],
    period: "transaction",
    currency: "MYR",
    effective_from: "2026-01-01",
    effective_to: null,
    status: "proposed",
    source: {
      title: "PERKESO (SOCSO): Self-Employment Social Security Scheme (SKSPS, Act 789); Gig Workers Bill 2025 automatic deduction of 1.25 % per trip",
      url: "https://www.perkeso.gov.my",
      retrieved: "2026-11-30",
    },
    note:
      "PROPOSED. SOCSO announced (June 2025) a compulsory 1.25 % deduction on each ride or delivery for e-hailing and p-hailing workers, deducted by the platform through an API from the worker's earnings after commission and tips, to fund SKSPS employment-injury cover. The Gig Workers Bill 2025 passed the Dewan Rakyat and the Dewan Negara (2025-09-09). Kept as proposed because neither the commencement date nor the implementing rate regulation was confirmed. The effective date 2026-01-01 is SOCSO's stated target (unconfirmed). Each transaction is rounded on its own (period 'transaction', half_up to the sen), so 1.25 % of RM 0.39 rounds to RM 0.00. This replaces the current voluntary annual SKSPS plans (RM 157.20–592.80 a year), which are not modelled. Sources: Bernama and other press reports of the Senate debate; perkeso.gov.my was seen only as the agency's site.",
  },

  // ---------------------------------------------------------------- IN (Karnataka)
  {
    code: "in-ka-welfare-fee-platform",
    jurisdiction: "IN",
    scheme: "welfare",
    payer: "platform",
    brackets: [
      { threshold: "0", rate: "0.01" },
      { threshold: "50", rate: "0" },
    ],
    period: "transaction",
    currency: "INR",
    effective_from: "2026-02-13",
    effective_to: null,
    status: "enacted",
    source: {
      title:
        "Government of Karnataka, Labour Department: Government Order of 2026-02-13 under the Karnataka Platform-based Gig Workers (Social Security and Welfare) Act, 2025: gig workers welfare fee 1 % of payout, with per-transaction caps",
      url: "https://labour.karnataka.gov.in/",
      retrieved: "2026-11-30",
    },
    note:
      "The Act allows a welfare fee of 1–5 % of each payout to a gig worker, paid by the aggregator to the Karnataka Gig Workers Social Security and Welfare Fund. The Government Order of 2026-02-13 fixed it at 1 %, with a cap per transaction by category: ₹0.50 for food and grocery delivery and for two-wheeler ride-hailing and logistics, ₹0.75 for three-wheelers, ₹1 for four-wheelers and light commercial vehicles, ₹1.50 for heavy commercial vehicles and professional services. Modelled value: 1 % with the ₹0.50 cap, which is a base cap of ₹50 at 1 %, the category of most delivery platforms. A platform in a higher-cap category is undercharged by this rule; per-category caps need a category field the rule shape does not have. Tips, incentives and referral bonuses are excluded from the payout and must not be sent as payouts. Simplification: a Karnataka law is filed under jurisdiction IN, so it applies to every IN worker, not only those working in Karnataka. No gazette URL was seen: official site root used. The figures are from press reports (New Indian Express, NDTV Profit, 2026-02-16/17) citing the GO.",
  },

  // ---------------------------------------------------------------- CA
  {
    code: "ca-cpp-se-worker",
    jurisdiction: "CA",
    scheme: "pension",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0" },
      { threshold: "3500", rate: "0.119" },
      { threshold: "71300", rate: "0.08" },
      { threshold: "81200", rate: "0" },
    ],
    period: "year",
    currency: "CAD",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    status: "enacted",
    source: {
      title: "Canada Revenue Agency: CPP contribution rates, maximums and exemptions 2025 (YBE 3,500; YMPE 71,300; YAMPE 81,200; self-employed 11.9 % and CPP2 8 %)",
      url: "https://www.canada.ca/",
      retrieved: "2026-11-30",
    },
    note:
      "Canada Pension Plan for the self-employed, who pay both halves: 11.9 % on net self-employment earnings between the basic exemption of 3,500 CAD and the YMPE of 71,300 CAD, then CPP2 at 8 % up to the YAMPE of 81,200 CAD, one annual band. The basic exemption is annual and is not prorated by month. It is prorated in the year a worker turns 18 or 70, or starts a CPP pension, which is not modelled, and neither are earnings from employment sharing the same ceilings. Quebec residents contribute to the QPP instead, which is not modelled. No canada.ca page was seen in the stored sources: official site root used. The figures are confirmed by reproductions of the CRA announcements.",
  },
  {
    code: "ca-cpp-se-worker",
    jurisdiction: "CA",
    scheme: "pension",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0" },
      { threshold: "3500", rate: "0.119" },
      { threshold: "74600", rate: "0.08" },
      { threshold: "85000", rate: "0" },
    ],
    period: "year",
    currency: "CAD",
    effective_from: "2026-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "Canada Revenue Agency announcement (2025-11): maximum pensionable earnings and contributions for 2026 (YMPE 74,600; YAMPE 85,000; self-employed 11.9 % and CPP2 8 %)",
      url: "https://www.canada.ca/",
      retrieved: "2026-11-30",
    },
    note:
      "As 2025 with the 2026 YMPE of 74,600 CAD and YAMPE of 85,000 CAD (basic exemption still 3,500 CAD). Same limits as the 2025 version. Official site root used; the figures come from reproductions of the CRA announcement.",
  },

  // ---------------------------------------------------------------- NL
  {
    code: "nl-zvw-se-worker",
    jurisdiction: "NL",
    scheme: "health",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0.0526" },
      { threshold: "75864", rate: "0" },
    ],
    period: "year",
    currency: "EUR",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    status: "enacted",
    source: {
      title: "Belastingdienst: inkomensafhankelijke bijdrage Zorgverzekeringswet (Zvw) voor ondernemers, 2025: 5,26 % tot het maximumbijdrage-inkomen",
      url: "https://www.belastingdienst.nl/",
      retrieved: "2026-11-30",
    },
    note:
      "Dutch self-employed people have no compulsory pension. What applies is the income-dependent Zvw health contribution for people other than employees: 5.26 % in 2025 on income up to the annual maximum contribution income. That income is taxable profit, assessed yearly by the Belastingdienst, not each payout. Unconfirmed: the 2025 maximum of 75,864 EUR is taken from the 2025 maximum premium wage and was not confirmed in the stored sources. The 5.26 % rate is confirmed (VWS decision of 2025-12-11, Staatscourant 2025, 38055, quoting the 2025 rate). The self-employed profit exemptions (zelfstandigenaftrek, MKB-winstvrijstelling) lower the real base and are not modelled. No belastingdienst.nl page for 2025 was seen: official site root used.",
  },
  {
    code: "nl-zvw-se-worker",
    jurisdiction: "NL",
    scheme: "health",
    payer: "worker",
    brackets: [
      { threshold: "0", rate: "0.0485" },
      { threshold: "79409", rate: "0" },
    ],
    period: "year",
    currency: "EUR",
    effective_from: "2026-01-01",
    effective_to: null,
    status: "enacted",
    source: {
      title: "Minister van VWS, besluit van 2025-12-11 (Staatscourant 2025, 38055): bijdrage-inkomen Zvw 2026 maximaal 79.409 EUR; inkomensafhankelijke bijdrage anderen dan werknemers 4,85 %",
      url: "https://www.belastingdienst.nl/",
      retrieved: "2026-11-30",
    },
    note:
      "2026: 4.85 % up to a maximum contribution income of 79,409 EUR, per the VWS decision reported from Staatscourant 2025, 38055. The officielebekendmakingen.nl URL was not seen: official site root used. Same simplifications as the 2025 version (taxable profit and not payouts, assessed yearly).",
  },
] as const satisfies readonly SeedRule[];
