import { describe, it, expect } from "vitest";
import { minorUnitOf, isCurrency, CURRENCY_CODES } from "../../src/domain/currencies.js";
import { isCountry, COUNTRY_CODES, COUNTRY_COUNT } from "../../src/domain/countries.js";

describe("ISO 4217 minor units", () => {
  it("returns the exponent of active currencies", () => {
    expect(minorUnitOf("EUR")).toBe(2);
    expect(minorUnitOf("USD")).toBe(2);
    expect(minorUnitOf("JPY")).toBe(0);
    expect(minorUnitOf("KWD")).toBe(3);
    expect(minorUnitOf("CLF")).toBe(4);
    expect(minorUnitOf("KES")).toBe(2);
    expect(minorUnitOf("ISK")).toBe(0);
  });

  it("returns undefined for unknown codes and prototype keys", () => {
    expect(minorUnitOf("XYZ")).toBeUndefined();
    expect(minorUnitOf("constructor")).toBeUndefined();
    expect(minorUnitOf("__proto__")).toBeUndefined();
    expect(minorUnitOf("toString")).toBeUndefined();
    expect(minorUnitOf("eur")).toBeUndefined();
    expect(minorUnitOf("")).toBeUndefined();
    expect(isCurrency("constructor")).toBe(false);
    expect(isCurrency("hasOwnProperty")).toBe(false);
  });

  it("excludes fund codes (other than CLF), N.A. codes and withdrawn codes", () => {
    for (const code of ["BOV", "CHE", "CHW", "COU", "MXV", "USN", "UYI", "XAD"]) {
      expect(isCurrency(code), code).toBe(false);
    }
    for (const code of ["XAU", "XAG", "XPD", "XPT", "XDR", "XXX", "XTS", "XSU", "XUA", "XBA"]) {
      expect(isCurrency(code), code).toBe(false);
    }
    for (const code of ["BGN", "HRK", "ANG", "ZWL", "SLL", "CUC", "TRL", "ROL"]) {
      expect(isCurrency(code), code).toBe(false);
    }
    expect(isCurrency("XCG")).toBe(true);
    expect(isCurrency("ZWG")).toBe(true);
  });

  it("covers every active currency quoted by the ECB reference rates", () => {
    const ecb =
      "USD,JPY,CZK,DKK,GBP,HUF,PLN,RON,SEK,CHF,ISK,NOK,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR,EUR,KES".split(
        ",",
      );
    for (const code of ecb) {
      expect(isCurrency(code), code).toBe(true);
      expect(minorUnitOf(code), code).toBeTypeOf("number");
    }
  });

  it("has only well-formed entries", () => {
    expect(CURRENCY_CODES.length).toBe(157);
    for (const code of CURRENCY_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(minorUnitOf(code));
    }
  });
});

describe("ISO 3166-1 alpha-2", () => {
  it("accepts officially assigned codes", () => {
    for (const code of ["DE", "US", "GB", "KE", "BG", "AX", "SS", "ZW"]) {
      expect(isCountry(code), code).toBe(true);
    }
  });

  it("rejects reserved, user-assigned, lowercase and empty codes", () => {
    for (const code of ["XX", "UK", "EU", "de", "De", "", "XK", "ZZ", "AA", "DEU", " DE", "constructor"]) {
      expect(isCountry(code), JSON.stringify(code)).toBe(false);
    }
  });

  it("has exactly 249 distinct, sorted codes", () => {
    expect(COUNTRY_COUNT).toBe(249);
    expect(COUNTRY_CODES.length).toBe(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
  });
});
