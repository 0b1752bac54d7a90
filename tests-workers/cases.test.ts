/**
 * The handed cases (DESIGN.md 7), inside workerd on D1: each case file runs through the Worker's fetch
 * handler with the same runner as the Node suite (scripts/lib/run-case.ts), on a fresh ledger holding the
 * ECB rates and only the case's jurisdictions and rules (tests-workers/support/worker-instance.ts
 * startWorkerInstance). The expected answers are the case files' own. The files are the copies in
 * tests/cases/, which tests/cases.test.ts keeps identical to ../shared/cases.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parseCase, runCase } from "../scripts/lib/run-case.js";
import { seedReferenceData, startWorkerInstance } from "./support/worker-instance.js";

const caseTexts = import.meta.glob<string>("../tests/cases/**/*.json", {
  query: "?raw",
  import: "default",
  eager: true,
});

/**
 * A minute for setup plus 60 ms a delivery: twice tests/cases.test.ts's allowance, since each delivery in
 * workerd goes through D1 and signs its receipt (case 01's 10,000 deliveries took 257–342 s on 2 cores
 * loaded by other test runs; a limit, not a timing assertion).
 */
function timeoutFor(text: string): number {
  const parsed = parseCase(text, "1970-01-01");
  return 60_000 + 60 * (parsed.ok ? parsed.value.events.length : 0);
}

beforeAll(async () => {
  await seedReferenceData({ rules: false });
});

describe("handed cases in the Worker on D1", () => {
  it("finds the twelve case files (01–09 and v2/10–12)", () => {
    expect(Object.keys(caseTexts)).toHaveLength(12);
  });

  for (const [path, text] of Object.entries(caseTexts).sort(([a], [b]) => a.localeCompare(b))) {
    it(path.slice(path.indexOf("cases/") + 6), { timeout: timeoutFor(text) }, async () => {
      const result = await runCase(text, { start: startWorkerInstance });
      expect(result.ok, `${result.name}: ${result.firstDifference}`).toBe(true);
    });
  }
});
