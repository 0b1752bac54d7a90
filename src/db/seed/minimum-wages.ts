/**
 * Seed statutory minimum wages (table `minimum_wages`, src/db/schema.ts), for the worker page's
 * pay-per-hour comparison (src/worker-record/effective-pay.ts; ILO criterion 3, fair pay).
 *
 * Shape and units (dated like the contribution rules in `rules.ts`):
 *   - `jurisdiction`: ISO 3166-1 alpha-2, one of `jurisdictions.ts`; its IANA zone gives the local dates.
 *   - `hourly_rate`: decimal string, `currency` (ISO 4217) per hour, gross. Where the law fixes a monthly
 *     amount, the row holds the hourly value that the same law (or its decree) derives from it, and the
 *     note says how.
 *   - `effective_from` inclusive, `effective_to` exclusive (null = open), local dates; within a
 *     jurisdiction the versions do not overlap and one's `effective_to` is the next one's `effective_from`.
 *   - `source`: where the figure was checked (title, URL, retrieval date). The `note` names what is
 *     simplified and flags anything unconfirmed (a figure seen only in secondary sources, an official URL
 *     not opened here).
 *
 * Scope: one national adult rate per jurisdiction. Youth, apprentice, regional, sectoral and casual
 * rates are not modelled, and neither is the question whether a minimum wage law applies to a platform
 * worker at all (most protect employees only): the page presents the comparison as a guide, not a
 * legal finding. Versions start in 2024 or earlier so that every day from 2025-01-01 (the first rule
 * versions) has its rate.
 *
 * No row, on purpose:
 *   - PH (Philippines): minimum wages are set per region by the Regional Tripartite Wages and
 *     Productivity Boards as daily rates (e.g. NCR Wage Order NCR-26, 2025); there is no national figure.
 *   - KE (Kenya): the Regulation of Wages (General) (Amendment) Order 2024 (Legal Notice 164, in force
 *     2024-11-01, +6 %) sets monthly, daily and hourly minima by occupation and by area, not one national
 *     rate.
 *   - IN (India): the Code on Wages 2019 provides for a national floor wage, but no statutory national
 *     floor is in force; minimum wages are set by the states per scheduled employment.
 */
export interface SeedMinimumWage {
  jurisdiction: string;
  name: string;
  /** Decimal string, `currency` per hour. */
  hourly_rate: string;
  currency: string;
  /** YYYY-MM-DD, inclusive, local date in the jurisdiction's zone. */
  effective_from: string;
  /** YYYY-MM-DD, exclusive; null = open. */
  effective_to: string | null;
  source: { title: string; url: string; retrieved: string /* YYYY-MM-DD */ };
  note?: string;
}

export const seedMinimumWages: readonly SeedMinimumWage[] = [
  // ---------------------------------------------------------------- US
  {
    jurisdiction: "US",
    name: "Federal minimum wage (Fair Labor Standards Act)",
    hourly_rate: "7.25",
    currency: "USD",
    effective_from: "2009-07-24",
    effective_to: null,
    source: {
      title:
        "Fair Labor Standards Act s. 6(a)(1), 29 U.S.C. 206(a)(1)(C), as amended by the Fair Minimum Wage Act of 2007: 7.25 USD an hour from 24 July 2009",
      url: "https://www.dol.gov/agencies/whd/minimum-wage",
      retrieved: "2026-11-30",
    },
    note: "The federal floor only: most states and many cities set a higher minimum, which the ledger cannot place (the worker's state is unknown). The figure and date were confirmed in several secondary sources (e.g. the Montana Department of Labor's federal minimum wage page); the DOL page itself was not opened here.",
  },
  // ---------------------------------------------------------------- GB
  {
    jurisdiction: "GB",
    name: "National Living Wage (21 and over)",
    hourly_rate: "11.44",
    currency: "GBP",
    effective_from: "2024-04-01",
    effective_to: "2025-04-01",
    source: {
      title:
        "National Minimum Wage (Amendment) Regulations 2024: National Living Wage 11.44 GBP from 1 April 2024",
      url: "https://www.willans.co.uk/knowledge/national-living-wage-2025",
      retrieved: "2026-11-30",
    },
    note: "Aged 21 and over; lower rates for 18-20, under 18 and apprentices are not modelled. Figure confirmed in a secondary source (law firm note comparing the 2024 and 2025 rates).",
  },
  {
    jurisdiction: "GB",
    name: "National Living Wage (21 and over)",
    hourly_rate: "12.21",
    currency: "GBP",
    effective_from: "2025-04-01",
    effective_to: "2026-04-01",
    source: {
      title:
        "GOV.UK press release: National Living Wage increases to £12.21 (Low Pay Commission 2025 Uprating Report)",
      url: "https://gov.uk/government/news/national-living-wage-increases-to-1221",
      retrieved: "2026-11-30",
    },
    note: "Aged 21 and over; lower rates for younger workers and apprentices are not modelled.",
  },
  {
    jurisdiction: "GB",
    name: "National Living Wage (21 and over)",
    hourly_rate: "12.71",
    currency: "GBP",
    effective_from: "2026-04-01",
    effective_to: null,
    source: {
      title:
        "UK National Living Wage 12.71 GBP from April 2026 (Low Pay Commission recommendation accepted by the Government)",
      url: "https://particle.news/story/uk-raises-national-living-wage-to-1271-from-april-2026",
      retrieved: "2026-11-30",
    },
    note: "Aged 21 and over. Unconfirmed against an official page: the figure is from news summaries of the Government's announcement (consistent across several), the 1 April start date from the usual uprating date. Open-ended until the April 2027 rate is added.",
  },
  // ---------------------------------------------------------------- CA
  {
    jurisdiction: "CA",
    name: "Federal minimum wage (Canada Labour Code)",
    hourly_rate: "17.30",
    currency: "CAD",
    effective_from: "2024-04-01",
    effective_to: "2025-04-01",
    source: {
      title: "Federal minimum wage 17.30 CAD from 1 April 2024 (indexed to the 2023 CPI)",
      url: "https://help.knitpeople.com/hc/en-us/articles/21890099216919-Minimum-Wage-Increase-April-1-2024",
      retrieved: "2026-11-30",
    },
    note: "Applies to federally regulated private sectors only; provincial minimums (e.g. Ontario, the zone the ledger pins CA to) govern most work and may be lower or higher. Figure from a secondary source.",
  },
  {
    jurisdiction: "CA",
    name: "Federal minimum wage (Canada Labour Code)",
    hourly_rate: "17.75",
    currency: "CAD",
    effective_from: "2025-04-01",
    effective_to: "2026-04-01",
    source: {
      title:
        "Government of Canada news release (CNW, 2025-02-28): Increasing the federal minimum wage starting April 1, 2025, to 17.75 CAD per hour",
      url: "https://www.newswire.ca/news-releases/increasing-the-federal-minimum-wage-starting-april-1-2025-883312115.html",
      retrieved: "2026-11-30",
    },
    note: "Applies to federally regulated private sectors only; provincial minimums govern most work.",
  },
  {
    jurisdiction: "CA",
    name: "Federal minimum wage (Canada Labour Code)",
    hourly_rate: "18.15",
    currency: "CAD",
    effective_from: "2026-04-01",
    effective_to: null,
    source: {
      title: "Federal minimum wage 18.15 CAD from 1 April 2026 (reported from an ESDC release)",
      url: "https://www.groundwirenews.ca/salaire-minimum/",
      retrieved: "2026-11-30",
    },
    note: "Unconfirmed: seen only in secondary sources quoting Employment and Social Development Canada; earlier projections said 18.10 CAD. Federally regulated sectors only.",
  },
  // ---------------------------------------------------------------- NL
  {
    jurisdiction: "NL",
    name: "Wettelijk minimumuurloon (21 and over)",
    hourly_rate: "13.68",
    currency: "EUR",
    effective_from: "2024-07-01",
    effective_to: "2025-01-01",
    source: {
      title: "Wettelijk minimumuurloon per 1 juli 2024: 13,68 EUR (21 jaar en ouder)",
      url: "https://www.slagers.nl/artikelen/2023/openbaar/cs/wijziging-minimumloon-per-1-juli-2024/20240627094044",
      retrieved: "2026-11-30",
    },
    note: "Aged 21 and over; youth rates not modelled. Figure from a secondary source (trade association notice).",
  },
  {
    jurisdiction: "NL",
    name: "Wettelijk minimumuurloon (21 and over)",
    hourly_rate: "14.06",
    currency: "EUR",
    effective_from: "2025-01-01",
    effective_to: "2025-07-01",
    source: {
      title: "Wettelijk minimumuurloon: 14,06 EUR per 1 januari 2025, 14,40 EUR per 1 juli 2025",
      url: "https://pcheck.nl/single-post/wettelijk-minimumuurloon-per-1-juli-2025",
      retrieved: "2026-11-30",
    },
    note: "Aged 21 and over (Wet minimumloon en minimumvakantiebijslag, indexed every 1 January and 1 July). Figure from secondary sources.",
  },
  {
    jurisdiction: "NL",
    name: "Wettelijk minimumuurloon (21 and over)",
    hourly_rate: "14.40",
    currency: "EUR",
    effective_from: "2025-07-01",
    effective_to: "2026-01-01",
    source: {
      title: "Ministerie van SZW, Staatscourant 2025, 12264: minimumuurloon per 1 juli 2025 14,40 EUR",
      url: "https://www.admintrend.nl/actueel/minimumuurloon-per-1-juli-2025-naar-eur-14.40",
      retrieved: "2026-11-30",
    },
    note: "Aged 21 and over. The Staatscourant reference is as quoted by the secondary source.",
  },
  {
    jurisdiction: "NL",
    name: "Wettelijk minimumuurloon (21 and over)",
    hourly_rate: "14.71",
    currency: "EUR",
    effective_from: "2026-01-01",
    effective_to: null,
    source: {
      title:
        "Ministeriële regeling indexatie wettelijk minimumloon per 1 januari 2026: minimumuurloon 14,71 EUR",
      url: "https://www.grootheddeaccountants.nl/wettelijk-minimumloon-per-1-januari-2026",
      retrieved: "2026-11-30",
    },
    note: "Aged 21 and over. Open-ended: the 1 July 2026 indexation was not found here, so this version is used after that date too until it is added (it understates the minimum from July 2026).",
  },
  // ---------------------------------------------------------------- AU
  {
    jurisdiction: "AU",
    name: "National Minimum Wage (adult, award-free)",
    hourly_rate: "24.10",
    currency: "AUD",
    effective_from: "2024-07-01",
    effective_to: "2025-07-01",
    source: {
      title:
        "Fair Work Commission Annual Wage Review 2023-24: National Minimum Wage 24.10 AUD an hour (915.90 AUD a week)",
      url: "https://www.employmentlawhandbook.com.au/bulletin/new-national-minimum-wage-rates-for-2025-2026/",
      retrieved: "2026-11-30",
    },
    note: "Applies from the first full pay period on or after 1 July; modelled as from 1 July. Permanent adult employees; the 25 % casual loading and award rates are not modelled. Figure from a secondary source.",
  },
  {
    jurisdiction: "AU",
    name: "National Minimum Wage (adult, award-free)",
    hourly_rate: "24.95",
    currency: "AUD",
    effective_from: "2025-07-01",
    effective_to: "2026-07-01",
    source: {
      title:
        "Fair Work Commission Annual Wage Review 2024-25 (3 June 2025): National Minimum Wage 24.95 AUD an hour (948.00 AUD a week)",
      url: "https://ablawyers.com.au/resources/articles-downloads/annual-wage-review-decision-2025",
      retrieved: "2026-11-30",
    },
    note: "From the first full pay period on or after 1 July 2025, modelled as from 1 July. Casual loading and award rates not modelled.",
  },
  {
    jurisdiction: "AU",
    name: "National Minimum Wage (adult, award-free)",
    hourly_rate: "26.44",
    currency: "AUD",
    effective_from: "2026-07-01",
    effective_to: null,
    source: {
      title:
        "Fair Work Commission Annual Wage Review 2025-26 (2 June 2026): National Minimum Wage 26.44 AUD an hour (1,004.90 AUD a week)",
      url: "https://www.squirepattonboggs.com/insights/publications/2026-annual-wage-review-decision-fwc-increases-the-national-minimum-wage-and-award-rates/",
      retrieved: "2026-11-30",
    },
    note: "From the first full pay period on or after 1 July 2026, modelled as from 1 July. Casual loading and award rates not modelled. Figure from law firm notes (two agree); the FWC decision itself was not opened here.",
  },
  // ---------------------------------------------------------------- DE
  {
    jurisdiction: "DE",
    name: "Gesetzlicher Mindestlohn",
    hourly_rate: "12.82",
    currency: "EUR",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    source: {
      title:
        "Vierte Mindestlohnanpassungsverordnung (MiLoV4) vom 24.11.2023, BGBl. 2023 I Nr. 321, § 1 Nr. 2: 12,82 EUR brutto je Zeitstunde ab 1. Januar 2025",
      url: "https://www.ihk.de/magdeburg/recht/arbeitsrecht-ordner/gesetze/anhebung-des-gesetzlichen-mindestlohns-4303334",
      retrieved: "2026-11-30",
    },
    note: "MiLoG § 1; the ordinance text was seen in a consolidated copy, cited here through the chamber of commerce summary.",
  },
  {
    jurisdiction: "DE",
    name: "Gesetzlicher Mindestlohn",
    hourly_rate: "13.90",
    currency: "EUR",
    effective_from: "2026-01-01",
    effective_to: "2027-01-01",
    source: {
      title:
        "Fünfte Mindestlohnanpassungsverordnung (MiLoV5) vom 5.11.2025, BGBl. 2025 I Nr. 268, § 1 Nr. 1: 13,90 EUR brutto je Zeitstunde ab 1. Januar 2026",
      url: "https://www.gesetze-im-internet.de/milov5/BJNR10C0A0025.html",
      retrieved: "2026-11-30",
    },
  },
  {
    jurisdiction: "DE",
    name: "Gesetzlicher Mindestlohn",
    hourly_rate: "14.60",
    currency: "EUR",
    effective_from: "2027-01-01",
    effective_to: null,
    source: {
      title:
        "Fünfte Mindestlohnanpassungsverordnung (MiLoV5) vom 5.11.2025, BGBl. 2025 I Nr. 268, § 1 Nr. 2: 14,60 EUR brutto je Zeitstunde ab 1. Januar 2027",
      url: "https://www.gesetze-im-internet.de/milov5/BJNR10C0A0025.html",
      retrieved: "2026-11-30",
    },
  },
  // ---------------------------------------------------------------- FR
  {
    jurisdiction: "FR",
    name: "SMIC horaire brut",
    hourly_rate: "11.88",
    currency: "EUR",
    effective_from: "2024-11-01",
    effective_to: "2026-01-01",
    source: {
      title:
        "Décret n° 2024-951 du 23 octobre 2024 portant relèvement du salaire minimum de croissance: 11,88 EUR brut de l'heure au 1er novembre 2024",
      url: "https://srhplus.fr/details-actualite+de+la+paie+-+nouveau+smic+1er+novembre+2024+-+11+88e+brut-124.html",
      retrieved: "2026-11-30",
    },
    note: "Metropolitan France and most overseas departments (Mayotte lower, not modelled). The anticipated November 2024 increase replaced the January 2025 one, so the rate held through 2025. Decree number and figure confirmed in several secondary sources; Légifrance not opened here.",
  },
  {
    jurisdiction: "FR",
    name: "SMIC horaire brut",
    hourly_rate: "12.02",
    currency: "EUR",
    effective_from: "2026-01-01",
    effective_to: null,
    source: {
      title:
        "SMIC revalorisé de 1,18 % au 1er janvier 2026: 12,02 EUR brut de l'heure (ministère du Travail)",
      url: "https://www.juritravail.com/Actualite/smic-augmentation-du-montant-du-smic-brut-net/Id/376857",
      retrieved: "2026-11-30",
    },
    note: "Metropolitan France and most overseas departments. The decree's number was not seen here; figure confirmed in several secondary sources.",
  },
  // ---------------------------------------------------------------- BR
  {
    jurisdiction: "BR",
    name: "Salário mínimo (valor horário)",
    hourly_rate: "6.90",
    currency: "BRL",
    effective_from: "2025-01-01",
    effective_to: "2026-01-01",
    source: {
      title: "Salário mínimo de R$ 1.518,00 a partir de 1º de janeiro de 2025 (decreto presidencial)",
      url: "https://www.topelegance.com.br/noticia-detalhe/29871/salario-minimo-tera-aumento-de-r-106-",
      retrieved: "2026-11-30",
    },
    note: "Monthly minimum 1,518 BRL converted to hours the way the yearly decrees state the hourly value: monthly / 220 hours (CLT working month), 1518 / 220 = 6.90 BRL exactly. The 2025 decree's own hourly figure and number (reported as Decreto 12.342/2024) were not seen here: unconfirmed.",
  },
  {
    jurisdiction: "BR",
    name: "Salário mínimo (valor horário)",
    hourly_rate: "7.37",
    currency: "BRL",
    effective_from: "2026-01-01",
    effective_to: null,
    source: {
      title:
        "Decreto nº 12.797 (DOU 2025-12-24): salário mínimo R$ 1.621,00 a partir de 1º de janeiro de 2026; valor diário R$ 54,04, valor horário R$ 7,37",
      url: "https://portalatosbrasilia.com.br/118575-2",
      retrieved: "2026-11-30",
    },
    note: "The decree's own hourly value (1,621 BRL / 220 hours, rounded to the centavo). Seen in secondary sources quoting the decree.",
  },
  // ---------------------------------------------------------------- MY
  {
    jurisdiction: "MY",
    name: "Minimum wage, hourly rate (Minimum Wages Order)",
    hourly_rate: "7.21",
    currency: "MYR",
    effective_from: "2022-05-01",
    effective_to: "2025-02-01",
    source: {
      title: "Minimum Wages Order 2022: RM1,500 a month, hourly rate RM7.21",
      url: "https://newpages.asia/jp/bi/news/154462",
      retrieved: "2026-11-30",
    },
    note: "Hourly rate stated with the RM1,500 monthly minimum. Start date 1 May 2022 from the 2022 Order as commonly reported; unconfirmed here.",
  },
  {
    jurisdiction: "MY",
    name: "Minimum wage, hourly rate (Minimum Wages Order)",
    hourly_rate: "8.72",
    currency: "MYR",
    effective_from: "2025-02-01",
    effective_to: null,
    source: {
      title:
        "Minimum Wages Order 2024 (gazetted 4 December 2024): RM1,700 a month, hourly rate RM8.72, from 1 February 2025",
      url: "https://sy-consultancy.pages.dev/en/articles/article1",
      retrieved: "2026-11-30",
    },
    note: "From 1 February 2025 for employers with five or more employees (and professional activities), from 1 August 2025 for all; modelled as from 1 February 2025. Figure from secondary sources quoting the Order (official portal minimumwages.mohr.gov.my not opened here).",
  },
];
