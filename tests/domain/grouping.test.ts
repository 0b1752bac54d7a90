/**
 * src/domain/grouping.ts: groups keep first-seen key order and input item order; sums are exact decimals
 * (0.1 + 0.2 is 0.3, not 0.30000000000000004).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compositeKey, countBy, groupBy, sumBy, SumsByKey } from "../../src/domain/grouping.js";

describe("groupBy", () => {
  it("groups by key in first-seen key order, items in input order", () => {
    const groups = groupBy(["b1", "a1", "b2", "c1", "a2"], (s) => s.slice(0, 1));
    expect([...groups]).toEqual([
      ["b", ["b1", "b2"]],
      ["a", ["a1", "a2"]],
      ["c", ["c1"]],
    ]);
    expect(groupBy([], String).size).toBe(0);
  });

  it("loses and adds no item", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 })), (items) => {
        const groups = groupBy(items, (n) => String(n % 3));
        expect([...groups.values()].flat().sort()).toEqual([...items].sort());
        for (const [key, group] of groups) expect(group.every((n) => String(n % 3) === key)).toBe(true);
      }),
    );
  });
});

describe("sumBy and SumsByKey", () => {
  it("sum exactly: 0.1 + 0.2 = 0.3, and 2^53 + 1 minor units stay exact", () => {
    expect(sumBy(["0.1", "0.2"], (v) => v).toString()).toBe("0.3");
    expect(sumBy([2 ** 53, 1], (v) => v).toFixed()).toBe("9007199254740993");
    expect(sumBy([], (v: string) => v).toString()).toBe("0");
  });

  it("countBy adds integer counts, 1 by default where an item counts once", () => {
    const events = [{ count: 3 }, {}, { count: 2 }] as { count?: number }[];
    expect(countBy(events, (e) => e.count ?? 1)).toBe(6);
    expect(countBy([], () => 1)).toBe(0);
  });

  it("sum per key and field in first-seen order, with counts; a missing field adds 0", () => {
    const sums = new SumsByKey<{ payer: string }, "worker" | "platform">(["worker", "platform"]);
    sums.add(compositeKey("DE", "pension"), { payer: "worker" }, { worker: "9.30" });
    sums.add(compositeKey("FR", "health"), { payer: "platform" }, { platform: 5 }, 3);
    sums.add(compositeKey("DE", "pension"), { payer: "platform" }, { platform: "9.30", worker: "0.01" });
    expect(
      sums.slots().map((s) => [s.item.payer, s.sums.worker.toFixed(2), s.sums.platform.toFixed(2), s.count]),
    ).toEqual([
      ["worker", "9.31", "9.30", 2],
      ["platform", "0.00", "5.00", 3],
    ]);
    expect(sums.get(compositeKey("FR", "health"))?.count).toBe(3);
    expect(sums.get(compositeKey("FR", "pension"))).toBeUndefined();
  });

  it("keeps distinct tuples apart (no field holds U+0000)", () => {
    expect(compositeKey("a,b", "c")).not.toBe(compositeKey("a", "b,c"));
    expect(compositeKey("ab", 1)).not.toBe(compositeKey("a", "b1"));
  });
});
