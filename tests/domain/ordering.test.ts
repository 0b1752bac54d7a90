/**
 * src/domain/ordering.ts: code-unit order, the one order of every published sort, is not a locale's order.
 * "Z" is U+005A and "a" U+0061, so code units put "Z" first, where localeCompare puts "a" first; "f" is
 * U+0066 and "é" U+00E9, so code units put "f" first, where localeCompare puts "é" (a variant of "e")
 * first. The statement's reconciliation (src/agency-reports/remittance-statement.ts `reconcile`) documents
 * its differences as "sorted by event id and currency": event ids are the platform's own, so they are
 * where the two orders part.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec } from "../../src/domain/money.js";
import { byKeys, compareCodeUnits, compareKeys } from "../../src/domain/ordering.js";
import { reconcile } from "../../src/agency-reports/remittance-statement.js";

describe("compareCodeUnits", () => {
  it('puts "Z" before "a" and "f" before "é", where localeCompare puts them the other way', () => {
    expect(compareCodeUnits("Z", "a")).toBe(-1);
    expect("Z".localeCompare("a", "en")).toBe(1);
    expect(compareCodeUnits("f", "é")).toBe(-1);
    expect("f".localeCompare("é", "en")).toBe(1);
    expect(["a", "é", "f", "Z"].sort(compareCodeUnits)).toEqual(["Z", "a", "f", "é"]);
    expect(["a", "é", "f", "Z"].sort((x, y) => x.localeCompare(y, "en"))).toEqual(["a", "é", "f", "Z"]);
  });

  it("is 0 only for equal strings, antisymmetric, and agrees with the default sort (UTF-16 code units)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (a, b) => {
        expect(compareCodeUnits(a, b) === 0).toBe(a === b);
        expect(compareCodeUnits(a, b)).toBe(-compareCodeUnits(b, a) || 0);
        expect([a, b].sort(compareCodeUnits)).toEqual([a, b].sort());
      }),
    );
  });
});

describe("compareKeys and byKeys", () => {
  it("order tuples by their first differing field, in code units", () => {
    expect(compareKeys(["w", "Zeta", "r"], ["w", "alpha", "a"])).toBe(-1);
    expect(compareKeys(["w", "b"], ["w", "b"])).toBe(0);
    const rows = [
      { scheme: "pension", n: 2 },
      { scheme: "Pension", n: 10 },
      { scheme: "pension", n: 1 },
    ];
    expect(
      rows.sort(
        byKeys(
          (r) => r.scheme,
          (r) => r.n,
        ),
      ),
    ).toEqual([
      { scheme: "Pension", n: 10 },
      { scheme: "pension", n: 1 },
      { scheme: "pension", n: 2 },
    ]);
  });
});

describe("reconcile: differences sorted by event id and currency, in code units", () => {
  it("lists events missing in the ledger as Z…, a…, f…, é…, not as a locale would", () => {
    const platform = ["a-1", "é-4", "f-3", "Z-2"].map((event_id) => ({
      event_id,
      currency: "EUR",
      withheldMinor: 100,
      owedMinor: 50,
    }));
    const ledger = [{ eventId: "b-5", currency: "EUR", withheldMinor: new Dec(7), owedMinor: new Dec(0) }];
    const { matched, differences } = reconcile(ledger, platform);
    expect(matched).toBe(0);
    expect(differences.map((d) => [d.event_id, d.kind])).toEqual([
      ["Z-2", "missing_in_ledger"],
      ["a-1", "missing_in_ledger"],
      ["b-5", "missing_in_platform"],
      ["f-3", "missing_in_ledger"],
      ["é-4", "missing_in_ledger"],
    ]);
  });
});
