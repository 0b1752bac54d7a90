/**
 * Seed jurisdictions: the countries the ledger holds rules for (see `rules.ts`).
 *
 * Shape: `code` is ISO 3166-1 alpha-2, `name` its English short name,
 * `timezone` an IANA time zone name, `currency` the ISO 4217 alphabetic code
 * of the country's currency (the currency its contributions are due in).
 *
 * Time zones: IANA Time Zone Database (tzdata 2025b, `zone.tab`; reference
 * repository https://github.com/eggert/tz). Every contribution period (month,
 * year, tax year) and every rule's `effective_from`/`effective_to` date is read
 * in this zone, never in UTC.
 *   - One zone per country. Countries with several zones (US, CA, AU, BR) are
 *     pinned to the zone of their capital or largest market: US
 *     America/New_York, CA America/Toronto, AU Australia/Sydney, BR
 *     America/Sao_Paulo. Periods for a worker elsewhere in those countries
 *     follow this zone, so a payout made shortly before or after local midnight
 *     on a period boundary may fall in the neighbouring period. This is a
 *     documented simplification.
 *   - Europe/Amsterdam and Asia/Kuala_Lumpur are the names `zone.tab` lists for
 *     NL and MY. Since tzdata 2022b, `zone1970.tab` merges them into
 *     Europe/Brussels and Asia/Singapore, which have had the same civil time
 *     since 1970, so both names give the same local dates.
 *
 * Currencies: ISO 4217 (the current currency list published by SIX, the
 * maintenance agency). All twelve currencies here have a minor unit of 2
 * decimals, and the default rounding of contributions uses that unit.
 *
 * This is plain data: the seed step inserts it and nothing here is computed.
 */
export const seedJurisdictions = [
  { code: "US", name: "United States", timezone: "America/New_York", currency: "USD" },
  { code: "GB", name: "United Kingdom", timezone: "Europe/London", currency: "GBP" },
  { code: "CA", name: "Canada", timezone: "America/Toronto", currency: "CAD" },
  { code: "NL", name: "Netherlands", timezone: "Europe/Amsterdam", currency: "EUR" },
  { code: "AU", name: "Australia", timezone: "Australia/Sydney", currency: "AUD" },
  { code: "DE", name: "Germany", timezone: "Europe/Berlin", currency: "EUR" },
  { code: "FR", name: "France", timezone: "Europe/Paris", currency: "EUR" },
  { code: "BR", name: "Brazil", timezone: "America/Sao_Paulo", currency: "BRL" },
  { code: "PH", name: "Philippines", timezone: "Asia/Manila", currency: "PHP" },
  { code: "KE", name: "Kenya", timezone: "Africa/Nairobi", currency: "KES" },
  { code: "IN", name: "India", timezone: "Asia/Kolkata", currency: "INR" },
  { code: "MY", name: "Malaysia", timezone: "Asia/Kuala_Lumpur", currency: "MYR" },
] as const satisfies readonly { code: string; name: string; timezone: string; currency: string }[];
