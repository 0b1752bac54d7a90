/**
 * Rule conditions (src/domain/conditions.ts): CEL compiled once, facts, missing facts named, the
 * publish-time refusals, and the age convention of Singapore's CPF (docs/design.md §3.1: a worker moves to the
 * next age band from the month after the birthday month).
 */
import { describe, expect, it } from "vitest";
import {
  ConditionError,
  compileCondition,
  workerAge,
  type ConditionFacts,
} from "../../src/domain/conditions.js";

const facts = (f: Partial<ConditionFacts> = {}): ConditionFacts => ({ flags: [], attributes: {}, ...f });
const SG_YOUNG = 'worker.age <= 34 && (worker.birth_date >= "1995-01-01" || "sg-cpf-opt-in" in worker.flags)';

describe("workerAge", () => {
  it.each([
    ["1998-06-10", "2026-05-31", 27],
    ["1998-06-10", "2026-06-01", 27], // birthday month: the band changes only from the next month
    ["1998-06-10", "2026-06-30", 27],
    ["1998-06-10", "2026-07-01", 28],
    ["1998-12-31", "2027-01-05", 28], // December birthday, January payout: age on 31 December
    ["1998-12-31", "2026-12-31", 27],
    ["2000-02-29", "2026-03-01", 26], // leap-day birth: counted on 28 February
    ["2026-05-02", "2026-05-20", -1], // born after the reference day
  ])("born %s, payout on %s -> %i", (birth, day, age) => {
    expect(workerAge(birth, day)).toBe(age);
  });
});

describe("compileCondition", () => {
  it("evaluates the Singapore cohort and opt-in condition", () => {
    const c = compileCondition(SG_YOUNG);
    expect(c.references).toEqual(["worker.age", "worker.birth_date", "worker.flags"]);
    expect(c.evaluate(facts({ age: 27, birthDate: "1998-06-10" }))).toEqual({ applies: true });
    expect(c.evaluate(facts({ age: 34, birthDate: "1991-03-01", flags: ["sg-cpf-opt-in"] }))).toEqual({
      applies: true,
    });
    expect(c.evaluate(facts({ age: 34, birthDate: "1991-03-01" }))).toEqual({ applies: false });
    expect(c.evaluate(facts({ age: 46, birthDate: "1980-01-01" }))).toEqual({ applies: false });
  });

  it("names the field the event must send when the result depends on a missing fact", () => {
    expect(compileCondition(SG_YOUNG).evaluate(facts())).toEqual({ missing: "worker.birth_date" });
    const ride = compileCondition(
      'task.attributes.service == "ride-hailing" && task.attributes["vehicle"] == "two-wheeler"',
    );
    expect(ride.evaluate(facts({ attributes: { service: "ride-hailing" } }))).toEqual({
      missing: "task.attributes.vehicle",
    });
    expect(ride.evaluate(facts())).toEqual({ missing: "task.attributes.service" });
    expect(compileCondition('task.type == "ride"').evaluate(facts())).toEqual({ missing: "task.type" });
  });

  it("does not ask for a fact the result does not depend on (CEL's && and || absorb errors)", () => {
    const ride = compileCondition(
      'task.attributes.service == "ride-hailing" && task.attributes.vehicle == "two-wheeler"',
    );
    expect(ride.evaluate(facts({ attributes: { service: "food-delivery" } }))).toEqual({ applies: false });
    expect(
      compileCondition('has(task.attributes.vehicle) && task.attributes.vehicle == "car"').evaluate(facts()),
    ).toEqual({ applies: false });
  });

  it.each([
    ["1 +", /not a CEL expression/],
    ["foo == 1", /unknown name "foo"/],
    ['worker.name == "x"', /unknown fact "worker.name"/],
    ["worker.age + 1", /not a boolean/],
    ['worker.age <= "34"', /no matching overload/],
  ])("refuses %s when compiled (published)", (source, message) => {
    expect(() => compileCondition(source)).toThrow(ConditionError);
    expect(() => compileCondition(source)).toThrow(message);
  });

  it("accepts macros over the flags, with their own variables", () => {
    const c = compileCondition('worker.flags.exists(f, f.startsWith("sg-"))');
    expect(c.evaluate(facts({ flags: ["sg-cpf-opt-in"] }))).toEqual({ applies: true });
    expect(c.evaluate(facts())).toEqual({ applies: false });
  });
});
