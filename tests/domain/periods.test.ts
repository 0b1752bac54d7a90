/**
 * src/domain/periods.ts: the local calendar date of an instant in an IANA zone, and period keys.
 * Expected dates are worked out by hand from the zone offsets (CET = UTC+1, CEST = UTC+2 from the last
 * Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC; GMT/BST change at the same instants;
 * America/New_York EST = UTC−5; Asia/Tokyo = UTC+9; Pacific/Kiritimati = UTC+14; Pacific/Pago_Pago = UTC−11).
 */
import { describe, expect, it } from "vitest";
import { isTimeZone, localDate, periodKey } from "../../src/domain/periods.js";

describe("localDate", () => {
  it.each([
    ["2025-12-31T23:30:00Z", "Europe/Berlin", "2026-01-01"], // 00:30 CET
    ["2025-12-31T23:30:00Z", "UTC", "2025-12-31"],
    ["2025-12-31T22:59:59Z", "Europe/Berlin", "2025-12-31"], // 23:59:59 CET
    ["2026-01-01T03:00:00Z", "America/New_York", "2025-12-31"], // 22:00 EST
    ["2026-03-31T15:00:00Z", "Asia/Tokyo", "2026-04-01"], // 00:00 JST
    ["2026-06-30T10:00:00Z", "Pacific/Kiritimati", "2026-07-01"], // 00:00 +14
    ["2026-07-01T10:59:59Z", "Pacific/Pago_Pago", "2026-06-30"], // 23:59:59 −11
  ])("%s in %s is %s", (instant, zone, expected) => {
    expect(localDate(new Date(instant), zone)).toBe(expected);
  });

  it.each([
    // Berlin, spring forward on 2026-03-29 at 01:00 UTC (02:00 CET -> 03:00 CEST): a 23-hour day.
    ["2026-03-28T22:59:59Z", "2026-03-28"], // 23:59:59 CET
    ["2026-03-28T23:00:00Z", "2026-03-29"], // 00:00 CET
    ["2026-03-29T00:59:59Z", "2026-03-29"], // 01:59:59 CET
    ["2026-03-29T01:00:00Z", "2026-03-29"], // 03:00 CEST
    ["2026-03-29T21:59:59Z", "2026-03-29"], // 23:59:59 CEST
    ["2026-03-29T22:00:00Z", "2026-03-30"], // 00:00 CEST: the day ended after 23 hours
    // Berlin, fall back on 2026-10-25 at 01:00 UTC (03:00 CEST -> 02:00 CET): a 25-hour day.
    ["2026-10-24T21:59:59Z", "2026-10-24"], // 23:59:59 CEST
    ["2026-10-24T22:00:00Z", "2026-10-25"], // 00:00 CEST
    ["2026-10-25T00:30:00Z", "2026-10-25"], // 02:30 CEST (first pass)
    ["2026-10-25T01:30:00Z", "2026-10-25"], // 02:30 CET (second pass)
    ["2026-10-25T22:59:59Z", "2026-10-25"], // 23:59:59 CET
    ["2026-10-25T23:00:00Z", "2026-10-26"], // 00:00 CET: the day ended after 25 hours
  ])("Europe/Berlin across DST: %s is %s", (instant, expected) => {
    expect(localDate(new Date(instant), "Europe/Berlin")).toBe(expected);
  });

  it("puts a late-evening UTC instant into the next month and the next UK tax year during BST", () => {
    // 2026-03-31T23:30Z is 00:30 BST on 1 April in London (BST since 2026-03-29), still 31 March in UTC.
    const april = localDate(new Date("2026-03-31T23:30:00Z"), "Europe/London");
    expect(april).toBe("2026-04-01");
    expect(periodKey(april, "month", null)).toBe("2026-04");
    // 2026-04-05T23:30Z is 00:30 BST on 6 April: the first day of the 2026/27 tax year.
    const sixth = localDate(new Date("2026-04-05T23:30:00Z"), "Europe/London");
    expect(sixth).toBe("2026-04-06");
    expect(periodKey(sixth, "tax_year", "04-06")).toBe("2026/27");
    // The same instant in UTC is still 5 April, 2025/26.
    expect(periodKey(localDate(new Date("2026-04-05T23:30:00Z"), "UTC"), "tax_year", "04-06")).toBe(
      "2025/26",
    );
  });

  it("accepts an instant given with an offset", () => {
    // 2026-01-01T00:30:00+01:00 = 2025-12-31T23:30Z.
    expect(localDate(new Date("2026-01-01T00:30:00+01:00"), "UTC")).toBe("2025-12-31");
    expect(localDate(new Date("2026-01-01T00:30:00+01:00"), "Europe/Berlin")).toBe("2026-01-01");
  });
});

describe("isTimeZone", () => {
  it("knows IANA zones and refuses made-up ones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("America/Sao_Paulo")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});

describe("periodKey", () => {
  it.each([
    ["2026-03-15", "month", null, "2026-03"],
    ["2026-12-31", "month", null, "2026-12"],
    ["2026-03-15", "transaction", null, "2026-03"],
    ["2026-03-15", "year", null, "2026"],
    ["2026-01-01", "year", null, "2026"],
    // UK tax year from 6 April.
    ["2026-04-05", "tax_year", "04-06", "2025/26"],
    ["2026-04-06", "tax_year", "04-06", "2026/27"],
    ["2026-01-01", "tax_year", "04-06", "2025/26"],
    ["2026-12-31", "tax_year", "04-06", "2026/27"],
    // Two-digit end year across a century: 1999/00, 2099/00.
    ["1999-04-06", "tax_year", "04-06", "1999/00"],
    ["1999-04-05", "tax_year", "04-06", "1998/99"],
    ["2000-04-05", "tax_year", "04-06", "1999/00"],
    ["2099-05-01", "tax_year", "04-06", "2099/00"],
    // A tax year starting 1 July (e.g. Australia): 30 June still belongs to the year before.
    ["2026-06-30", "tax_year", "07-01", "2025/26"],
    ["2026-07-01", "tax_year", "07-01", "2026/27"],
  ] as const)("%s as %s (start %s) -> %s", (day, kind, start, expected) => {
    expect(periodKey(day, kind, start)).toBe(expected);
  });
});
