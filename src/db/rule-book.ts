/**
 * The rule book: every jurisdiction and every rule version, read in two statements and kept in memory
 * for `ttlMs` (default 5 s), so the payout path does not re-read reference data on every delivery.
 *
 * Rule versions are immutable and only ever added; publishing through this process calls `invalidate()`,
 * and another process (another Worker isolate) sees a new version within `ttlMs`. Operators publish rule
 * versions ahead of their `effective_from`, so the delay never changes a computed contribution.
 */
import type { RuleVersion } from "../domain/contributions.js";
import type { Db } from "./client.js";
import { contributionRules, jurisdictions } from "./schema.js";
import { toRuleVersion, type JurisdictionRow } from "./rules-repo.js";

export interface RuleBookSnapshot {
  jurisdictions: Map<string, JurisdictionRow>;
  /** Every version, in publication (id) order. */
  rules: RuleVersion[];
  rulesById: Map<number, RuleVersion>;
}

export class RuleBook {
  private snapshot: { at: number; value: Promise<RuleBookSnapshot> } | undefined;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5_000,
  ) {}

  get(): Promise<RuleBookSnapshot> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at > this.ttlMs) {
      const value = this.load();
      this.snapshot = { at: now, value };
      value.catch(() => (this.snapshot = undefined));
    }
    return this.snapshot.value;
  }

  /** Forget the snapshot (after publishing jurisdictions or rules). */
  invalidate(): void {
    this.snapshot = undefined;
  }

  private async load(): Promise<RuleBookSnapshot> {
    const [jurisdictionRows, ruleRows] = await Promise.all([
      this.db.select().from(jurisdictions),
      this.db.select().from(contributionRules).orderBy(contributionRules.id),
    ]);
    const rules = ruleRows.map(toRuleVersion);
    return {
      jurisdictions: new Map(jurisdictionRows.map((j) => [j.code, j])),
      rules,
      rulesById: new Map(rules.map((r) => [r.id, r])),
    };
  }
}
