/**
 * ISO 4217 currency codes and their minor units (the exponent: number of
 * decimal places between the major and the minor unit, e.g. 2 for cents).
 *
 * Source: ISO 4217 "List One: Current Currency & Funds", as published by the
 * ISO 4217 Maintenance Agency (SIX Financial Information AG) in list-one.xml
 * with Pblshd="2026-01-01", i.e. up to and including Amendment 180
 * (announced 2025-09, effective 2026-01-01: Bulgaria adopts EUR, BGN moves to
 * List Three). Recent amendments reflected here: 176 (XCG replaces ANG,
 * 2025-03-31), 177 (ZWG replaces ZWL, 2024-06-25), 179 (XAD, a fund code,
 * excluded), 180 (BGN withdrawn). CUC, SLL, HRK are historic and absent.
 *
 * Shape: `MINOR_UNITS` maps an uppercase 3-letter alphabetic code to its minor
 * unit (0, 2, 3 or 4). Excluded from List One:
 *   - fund codes (IsFund: BOV, CHE, CHW, COU, MXV, USN, UYI, XAD), except CLF
 *     (Chilean Unidad de Fomento, 4), kept on purpose: Chilean social-security
 *     amounts (e.g. contribution ceilings) are set in UF;
 *   - codes whose minor unit is "N.A.": XAU, XAG, XPD, XPT, XBA, XBB, XBC,
 *     XBD, XDR, XSU, XUA, XTS, XXX.
 * UYW (Unidad Previsional, 4) is in List One without the IsFund flag, so it
 * stays. Lookups are exact and case-sensitive ("eur" is not a currency).
 */
const MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  AED: 2, AFN: 2, ALL: 2, AMD: 2, AOA: 2, ARS: 2, AUD: 2, AWG: 2, AZN: 2, BAM: 2,
  BBD: 2, BDT: 2, BHD: 3, BIF: 0, BMD: 2, BND: 2, BOB: 2, BRL: 2, BSD: 2, BTN: 2,
  BWP: 2, BYN: 2, BZD: 2, CAD: 2, CDF: 2, CHF: 2, CLF: 4, CLP: 0, CNY: 2, COP: 2,
  CRC: 2, CUP: 2, CVE: 2, CZK: 2, DJF: 0, DKK: 2, DOP: 2, DZD: 2, EGP: 2, ERN: 2,
  ETB: 2, EUR: 2, FJD: 2, FKP: 2, GBP: 2, GEL: 2, GHS: 2, GIP: 2, GMD: 2, GNF: 0,
  GTQ: 2, GYD: 2, HKD: 2, HNL: 2, HTG: 2, HUF: 2, IDR: 2, ILS: 2, INR: 2, IQD: 3,
  IRR: 2, ISK: 0, JMD: 2, JOD: 3, JPY: 0, KES: 2, KGS: 2, KHR: 2, KMF: 0, KPW: 2,
  KRW: 0, KWD: 3, KYD: 2, KZT: 2, LAK: 2, LBP: 2, LKR: 2, LRD: 2, LSL: 2, LYD: 3,
  MAD: 2, MDL: 2, MGA: 2, MKD: 2, MMK: 2, MNT: 2, MOP: 2, MRU: 2, MUR: 2, MVR: 2,
  MWK: 2, MXN: 2, MYR: 2, MZN: 2, NAD: 2, NGN: 2, NIO: 2, NOK: 2, NPR: 2, NZD: 2,
  OMR: 3, PAB: 2, PEN: 2, PGK: 2, PHP: 2, PKR: 2, PLN: 2, PYG: 0, QAR: 2, RON: 2,
  RSD: 2, RUB: 2, RWF: 0, SAR: 2, SBD: 2, SCR: 2, SDG: 2, SEK: 2, SGD: 2, SHP: 2,
  SLE: 2, SOS: 2, SRD: 2, SSP: 2, STN: 2, SVC: 2, SYP: 2, SZL: 2, THB: 2, TJS: 2,
  TMT: 2, TND: 3, TOP: 2, TRY: 2, TTD: 2, TWD: 2, TZS: 2, UAH: 2, UGX: 0, USD: 2,
  UYU: 2, UYW: 4, UZS: 2, VED: 2, VES: 2, VND: 0, VUV: 0, WST: 2, XAF: 0, XCD: 2,
  XCG: 2, XOF: 0, XPF: 0, YER: 2, ZAR: 2, ZMW: 2, ZWG: 2,
});

/** Minor unit (exponent) of an ISO 4217 currency code, e.g. "EUR" -> 2, "JPY" -> 0, "KWD" -> 3; undefined if unknown. */
export function minorUnitOf(currency: string): number | undefined {
  return Object.hasOwn(MINOR_UNITS, currency) ? MINOR_UNITS[currency] : undefined;
}

/** True iff `code` is an active ISO 4217 currency code in the table above (exact, uppercase). */
export function isCurrency(code: string): boolean {
  return Object.hasOwn(MINOR_UNITS, code);
}

/** All currency codes in the table, sorted. */
export const CURRENCY_CODES: readonly string[] = Object.freeze(Object.keys(MINOR_UNITS).sort());
