/**
 * Ledger shards (issue 17, docs/scale.md): the control plane and one ledger database per jurisdiction.
 *
 * - The **control plane** is the main database (DB on Workers, DATABASE_URL on Node): platforms,
 *   agencies, keys, secrets, the audit rows of account actions, the rule book, the FX rates, disputes and
 *   the cross-shard idempotency claims (`ledger_event_claims`).
 * - A **ledger shard** holds the ledger of its jurisdictions: events, entries, seals (its own hash chain),
 *   period closes with their audit rows. A jurisdiction without a shard of its own is on the **default
 *   shard**, which is the control database itself: with no shard configured nothing changes (one file on
 *   `npm start`, one D1 database on Workers).
 * - Every database runs the same migrations (src/db/migrate.ts, `npm run migrate:d1`); in a shard the
 *   account tables hold only the mirror below, and in the control database the claims table is empty
 *   unless shards exist.
 * - **Reference mirror.** The ledger's rows reference rule versions, jurisdictions and platforms by
 *   foreign key, and the reports join platform names and read minimum wages in the ledger's database. So
 *   before a shard is written for a platform, `ReferenceMirror.ensure` copies into it, by primary key and
 *   never overwriting (rule versions are immutable): every jurisdiction, rule version and minimum wage of
 *   the control plane, and the platform as a stub (id, slug, name; no secret, an api_key_hash that no key
 *   hashes to). Nothing authenticates against a shard.
 */
import { inArray, max } from "drizzle-orm";
import type { Database, Db } from "./database.js";
import { insertJsonRows } from "./json-rows.js";
import type { RuleBook } from "./rule-book.js";
import { contributionRules, jurisdictions, minimumWages, platforms } from "./schema.js";

/** The name of the default shard (the control database). */
export const DEFAULT_SHARD = "default";

/** One ledger database and the jurisdictions it holds (empty for the default shard: every other one). */
export interface LedgerShard {
  /** "default" or the jurisdiction code (ISO 3166-1 alpha-2) of its own shard. */
  name: string;
  database: Database;
  jurisdictions: readonly string[];
}

/** A configured shard: the jurisdiction it holds and its opened database. */
export interface ShardDatabase {
  jurisdiction: string;
  database: Database;
}

/** The shard map: the control plane and the shard of each jurisdiction (module doc). */
export class LedgerShards {
  readonly default: LedgerShard;
  private readonly own = new Map<string, LedgerShard>();

  /** Throws when a jurisdiction is given twice. */
  constructor(
    readonly control: Database,
    shards: readonly ShardDatabase[] = [],
  ) {
    this.default = { name: DEFAULT_SHARD, database: control, jurisdictions: [] };
    for (const { jurisdiction, database } of shards) {
      if (this.own.has(jurisdiction)) throw new Error(`jurisdiction ${jurisdiction} has two ledger shards`);
      this.own.set(jurisdiction, { name: jurisdiction, database, jurisdictions: [jurisdiction] });
    }
  }

  /** The shard of a jurisdiction code (the default shard for any code without its own, or none). */
  forJurisdiction(code: string | undefined): LedgerShard {
    return (code === undefined ? undefined : this.own.get(code)) ?? this.default;
  }

  /** Every shard, the default first, then by jurisdiction code. */
  all(): LedgerShard[] {
    return [this.default, ...[...this.own.values()].sort((a, b) => a.name.localeCompare(b.name))];
  }

  /** True when at least one jurisdiction has a shard of its own. */
  get sharded(): boolean {
    return this.own.size > 0;
  }
}

/**
 * Keeps a shard's copy of the control plane's reference rows (module doc) up to date, remembering what
 * it copied (per process on Node, per request on Workers): the largest rule id and the platforms.
 */
export class ReferenceMirror {
  private mirroredRuleId = 0;
  private readonly mirroredPlatforms = new Set<number>();

  constructor(
    private readonly control: Db,
    private readonly shard: Db,
    private readonly ruleBook: RuleBook,
  ) {}

  /**
   * Copies the rule book when it has a version the shard lacks, and the platforms the shard lacks. What
   * the shard holds is read first (one round trip), so a new process or request copies only what is new.
   */
  async ensure(platformIds: readonly number[]): Promise<void> {
    const book = await this.ruleBook.get();
    const maxRuleId = Math.max(0, ...book.rules.map((r) => r.id));
    let missing = platformIds.filter((id) => !this.mirroredPlatforms.has(id));
    if (maxRuleId <= this.mirroredRuleId && missing.length === 0) return;
    const [[held], present] = await this.shard.batch([
      this.shard.select({ maxId: max(contributionRules.id) }).from(contributionRules),
      this.shard
        .select({ id: platforms.id })
        .from(platforms)
        .where(inArray(platforms.id, missing.length > 0 ? missing : [0])),
    ]);
    this.mirroredRuleId = Math.max(this.mirroredRuleId, held?.maxId ?? 0);
    for (const p of present) this.mirroredPlatforms.add(p.id);
    missing = missing.filter((id) => !this.mirroredPlatforms.has(id));
    const rulesBehind = maxRuleId > this.mirroredRuleId;
    if (!rulesBehind && missing.length === 0) return;
    await this.copy(rulesBehind, missing);
    this.mirroredRuleId = Math.max(this.mirroredRuleId, maxRuleId);
    for (const id of missing) this.mirroredPlatforms.add(id);
  }

  /** Copies the reference tables (when `rules`) and the `platformIds` stubs in one batch, never overwriting. */
  private async copy(rules: boolean, platformIds: readonly number[]): Promise<void> {
    const [jurisdictionRows, ruleRows, wageRows, platformRows] = await Promise.all([
      rules ? this.control.select().from(jurisdictions) : [],
      rules ? this.control.select().from(contributionRules) : [],
      rules ? this.control.select().from(minimumWages) : [],
      platformIds.length === 0
        ? []
        : this.control
            .select({ id: platforms.id, slug: platforms.slug, name: platforms.name })
            .from(platforms)
            .where(inArray(platforms.id, [...platformIds])),
    ]);
    const stubs = platformRows.map((p) => ({
      ...p,
      webhookSecretCiphertext: "",
      apiKeyHash: `mirror-of-control-plane:${p.id}`,
      apiKeyPrefix: "",
    }));
    const keep = { onConflictDoNothing: true };
    const [first, ...rest] = [
      ...insertJsonRows(this.shard, jurisdictions, jurisdictionRows, keep),
      ...insertJsonRows(this.shard, contributionRules, ruleRows, keep),
      ...insertJsonRows(this.shard, minimumWages, wageRows, keep),
      ...insertJsonRows(this.shard, platforms, stubs, keep),
    ];
    if (first) await this.shard.batch([first, ...rest]);
  }
}
