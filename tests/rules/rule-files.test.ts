/**
 * The rule data files under rules/ (src/db/seed/rule-files.ts): every file in the folder is loaded, is
 * named after its jurisdiction, and holds only valid rule versions of that jurisdiction whose versions
 * of one code never overlap; and the admin API of a real instance (fresh database, nothing seeded)
 * accepts every file's jurisdiction and rules as they are written, so the seed and
 * `POST /v1/admin/rules` can never disagree on what a rule is.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../../scripts/lib/local-instance.js";
import { RULE_FILES, parseRuleFile, ruleFileSchema, seedRules } from "../../src/db/seed/rule-files.js";

const RULES_DIR = new URL("../../rules/", import.meta.url);
const fileNames = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith(".json"))
  .sort();
/** Each file as JSON text on disk (what an operator would publish), by name. */
const onDisk = new Map(
  fileNames.map((name) => [name, JSON.parse(readFileSync(new URL(name, RULES_DIR), "utf8")) as unknown]),
);

describe("rule files", () => {
  it("the loader lists exactly the files of rules/", () => {
    expect(Object.keys(RULE_FILES).sort()).toEqual(fileNames);
    for (const name of fileNames) expect(RULE_FILES[name], name).toEqual(onDisk.get(name));
  });

  it.each(fileNames)(
    "%s is valid, named after its jurisdiction, and holds only that jurisdiction's rules",
    (name) => {
      const result = ruleFileSchema.safeParse(onDisk.get(name));
      expect(result.error?.issues ?? [], name).toEqual([]);
      const file = parseRuleFile(name, onDisk.get(name));
      expect(name).toBe(`${file.jurisdiction.code.toLowerCase()}.json`);
      for (const rule of file.rules) {
        expect(rule.jurisdiction, rule.code).toBe(file.jurisdiction.code);
        expect(rule.currency, rule.code).toBe(file.jurisdiction.currency);
        expect(rule.code.startsWith(`${file.jurisdiction.code.toLowerCase()}-`), rule.code).toBe(true);
      }
    },
  );

  it("versions of one code do not overlap", () => {
    const byCode = new Map<string, (typeof seedRules)[number][]>();
    for (const rule of seedRules) byCode.set(rule.code, [...(byCode.get(rule.code) ?? []), rule]);
    for (const [code, versions] of byCode) {
      const sorted = [...versions].sort((a, b) => a.effective_from.localeCompare(b.effective_from));
      for (let k = 1; k < sorted.length; k++) {
        const previous = sorted[k - 1]!;
        expect(
          previous.effective_to,
          `${code}@${previous.effective_from} is open-ended but ${sorted[k]!.effective_from} follows`,
        ).not.toBeNull();
        expect(
          previous.effective_to! <= sorted[k]!.effective_from,
          `${code}: ${previous.effective_from}–${previous.effective_to} overlaps ${sorted[k]!.effective_from}`,
        ).toBe(true);
      }
    }
  });
});

describe("the admin API accepts every file as written", () => {
  let instance: LocalInstance;
  beforeAll(async () => {
    instance = await startLocalInstance({ seedRules: false });
  });
  afterAll(async () => {
    await instance?.close();
  });

  it.each(fileNames)("%s: POST /v1/admin/jurisdictions and /v1/admin/rules answer 201", async (name) => {
    const file = onDisk.get(name) as { jurisdiction: unknown; rules: unknown[] };
    const jurisdiction = await instance.admin("POST", "/v1/admin/jurisdictions", file.jurisdiction);
    expect(jurisdiction.status, await jurisdiction.clone().text()).toBe(201);
    if (file.rules.length === 0) return;
    const rules = await instance.admin("POST", "/v1/admin/rules", file.rules);
    expect(rules.status, await rules.clone().text()).toBe(201);
    expect(((await rules.json()) as { ids: number[] }).ids).toHaveLength(file.rules.length);
  });
});
