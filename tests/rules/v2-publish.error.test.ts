/**
 * Publishing rules (POST /v1/admin/rules) refuses what the format does not know or cannot mean (issue 12
 * "strict rule schemas"; issue 11 item 6): each with a 422 problem naming the field, and nothing stored.
 * Before rules v2 a rule posted with `applies_when` was accepted and the field dropped, so the rule then
 * charged every payout of its jurisdiction.
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../../scripts/lib/local-instance.js";
import { contributionRules } from "../../src/db/schema.js";

let inst: LocalInstance;

const VALID = {
  code: "xx-fee",
  jurisdiction: "IN",
  scheme: "welfare",
  payer: "platform",
  period: "transaction",
  currency: "INR",
  applies_when: 'task.attributes.service == "food-delivery"',
  brackets: [
    { threshold: "0", rate: "0.01" },
    { threshold: "50", rate: "0" },
  ],
  effective_from: "2026-02-13",
  source: {
    title: "Karnataka welfare fee notification",
    url: "https://example.invalid/ka",
    retrieved: "2026-12-01",
  },
};

beforeAll(async () => {
  inst = await startLocalInstance({ seedRules: false });
  expect(
    (await inst.admin("POST", "/v1/admin/jurisdictions", { code: "IN", timezone: "Asia/Kolkata" })).status,
  ).toBe(201);
});

afterAll(async () => {
  await inst?.close();
});

const rulesStored = async () => (await inst.database.db.select({ n: count() }).from(contributionRules))[0]!.n;

describe("POST /v1/admin/rules refuses", () => {
  it.each([
    ["an unknown field (a misspelt condition)", { ...VALID, applies_whenn: VALID.applies_when }, ""],
    [
      "an unknown bracket field",
      { ...VALID, brackets: [{ threshold: "0", rate: "0.01", cap: "0.5" }] },
      "brackets.0",
    ],
    ["a condition that is not CEL", { ...VALID, applies_when: "service = food" }, "applies_when"],
    ["a condition over an unknown fact", { ...VALID, applies_when: 'worker.gender == "x"' }, "applies_when"],
    ["a rate above 1", { ...VALID, brackets: [{ threshold: "0", rate: "1.5" }] }, "brackets.0.rate"],
    [
      "a base fraction table value above 1",
      { ...VALID, base_fraction: { by: "vehicle", values: { car: "1.4" } } },
      "base_fraction",
    ],
    ["a repeated base component", { ...VALID, base_components: ["earnings", "earnings"] }, "base_components"],
    ["an unknown assessment", { ...VALID, assessment: "household" }, "assessment"],
    [
      "a non-https source",
      { ...VALID, source: { ...VALID.source, url: "javascript:alert(1)" } },
      "source.url",
    ],
  ])("%s", async (_, rule, path) => {
    const before = await rulesStored();
    const res = await inst.admin("POST", "/v1/admin/rules", rule);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as { errors?: { path: string }[] };
    expect(
      problem.errors?.some((e) => e.path.startsWith(path)),
      JSON.stringify(problem),
    ).toBe(true);
    expect(await rulesStored()).toBe(before);
  });

  it("and accepts the valid rule", async () => {
    const res = await inst.admin("POST", "/v1/admin/rules", VALID);
    expect(res.status, await res.clone().text()).toBe(201);
  });
});
