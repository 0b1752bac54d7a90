/**
 * The operator publishes the law: jurisdictions and contribution rule versions (docs/design.md §4). Rule
 * versions are immutable and only ever added; each publication and its audit row are one batch, and the
 * process's rule book is dropped after it (src/db/rule-book.ts).
 *
 * Errors: `ConflictError` when the jurisdiction exists, or a rule version with the same (code,
 * effective_from) exists; `InvalidError` for a rule of an unknown jurisdiction. Any other driver error is
 * rethrown as it is (a bug, never a 409).
 */
import { isUniqueViolationOn } from "../db/driver-errors.js";
import { toJurisdictionRow, toRuleRow } from "../db/rules-repo.js";
import { contributionRules, jurisdictions } from "../db/schema.js";
import { ConflictError, InvalidError } from "../domain/errors.js";
import type { JurisdictionInput, RuleInput } from "../schemas/rule.js";
import { auditRow } from "./audit.js";
import type { AccountsDeps } from "./account-deps.js";
import type { Principal } from "./principal.js";
import { assertOperator } from "./scope.js";

/** Adds jurisdiction `input.code`. */
export async function addJurisdiction(
  deps: AccountsDeps,
  caller: Principal,
  input: JurisdictionInput,
): Promise<JurisdictionInput> {
  assertOperator(caller);
  const { db } = deps.database;
  try {
    await db.batch([
      db.insert(jurisdictions).values(toJurisdictionRow(input)),
      auditRow(deps, caller, "jurisdiction.add", input.code),
    ]);
  } catch (error) {
    if (isUniqueViolationOn(error, "jurisdictions", ["code"]))
      throw new ConflictError(`jurisdiction ${input.code} exists`);
    throw error;
  }
  deps.ruleBook.invalidate();
  return input;
}

/** Publishes `rules` (all or none); returns their ids in order. */
export async function publishRules(
  deps: AccountsDeps,
  caller: Principal,
  rules: readonly RuleInput[],
): Promise<{ ids: number[] }> {
  assertOperator(caller);
  const { db } = deps.database;
  const known = new Set(
    (await db.select({ code: jurisdictions.code }).from(jurisdictions)).map((j) => j.code),
  );
  const missing = [...new Set(rules.map((r) => r.jurisdiction).filter((code) => !known.has(code)))];
  if (missing.length > 0)
    throw new InvalidError(`unknown jurisdiction(s) ${missing.join(", ")}: add them first`);
  // One INSERT per rule (17 parameters each: D1 allows 100 per statement), all in one atomic batch.
  const inserts = rules.map((rule) =>
    db.insert(contributionRules).values(toRuleRow(rule)).returning({ id: contributionRules.id }),
  );
  const audit = auditRow(
    deps,
    caller,
    "rules.publish",
    rules.map((r) => `${r.code}@${r.effective_from}`).join(","),
  );
  let results: unknown[];
  try {
    results = await db.batch([audit, ...inserts]);
  } catch (error) {
    if (isUniqueViolationOn(error, "contribution_rules", ["code", "effective_from"]))
      throw new ConflictError(
        "a rule version with the same code and effective_from exists; rule versions are immutable",
      );
    throw error;
  }
  deps.ruleBook.invalidate();
  return { ids: (results.slice(1) as { id: number }[][]).map(([row]) => idOf(row)) };
}

function idOf(row: { id: number } | undefined): number {
  if (!row) throw new Error("rule insert returned no row");
  return row.id;
}
