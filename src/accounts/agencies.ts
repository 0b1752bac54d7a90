/**
 * Agency accounts: registration by the operator, and the agency's lookup of a worker by real identity.
 *
 * - `registerAgency`: a new agency with its jurisdictions and API key (shown once), audited in the batch.
 * - `lookupWorker`: the worker of (`country`, national id) as its keyed-hash subject ("nid:<hash>",
 *   src/security/national-id.ts) with contribution totals per jurisdiction, period, scheme, payer and
 *   currency, in the agency's jurisdictions only. The national id is neither stored nor echoed; the
 *   audit row (same batch as the read) names the subject.
 *
 * Errors: `ForbiddenError` for a caller out of scope (scope.ts), `NotFoundError` when nothing is recorded.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { agencies, ledgerEntries } from "../db/schema.js";
import { NotFoundError } from "../domain/errors.js";
import { formatMinor } from "../domain/money.js";
import { byKeys } from "../domain/ordering.js";
import type { Db } from "../db/database.js";
import { issueApiKey } from "../security/api-keys.js";
import { nationalIdSubject } from "../security/national-id.js";
import { auditRow } from "./audit.js";
import type { AccountsDeps } from "./account-deps.js";
import type { Principal, PrincipalOf } from "./principal.js";
import { assertJurisdictionInScope, assertOperator } from "./scope.js";

/** A registered agency; `api_key` is shown once and kept only hashed. */
export interface RegisteredAgency {
  id: number;
  name: string;
  jurisdictions: string[];
  api_key: string;
  api_key_prefix: string;
}

/** Registers agency `name` for `jurisdictions` (ISO 3166-1 alpha-2 codes). */
export async function registerAgency(
  deps: AccountsDeps,
  caller: Principal,
  input: { name: string; jurisdictions: string[] },
): Promise<RegisteredAgency> {
  assertOperator(caller);
  const { db } = deps.database;
  const apiKey = await issueApiKey("agency");
  const [[row]] = await db.batch([
    db
      .insert(agencies)
      .values({
        name: input.name,
        jurisdictions: JSON.stringify(input.jurisdictions),
        apiKeyHash: apiKey.hash,
        apiKeyPrefix: apiKey.prefix,
      })
      .returning({ id: agencies.id }),
    auditRow(
      deps,
      caller,
      "agency.register",
      `${input.name} [${input.jurisdictions.join(",")}] key ${apiKey.prefix}`,
    ),
  ]);
  if (!row) throw new Error("agency insert returned no row");
  return {
    id: row.id,
    name: input.name,
    jurisdictions: input.jurisdictions,
    api_key: apiKey.key,
    api_key_prefix: apiKey.prefix,
  };
}

/** One total of a looked-up worker: `amount` a decimal string in `currency`, over `entries` ledger entries. */
export interface WorkerTotal {
  jurisdiction: string;
  period: string;
  scheme: string;
  payer: "worker" | "platform";
  currency: string;
  amount: string;
  entries: number;
}

/** The worker of (`country`, `nationalId`) as the agency `caller` may see it (module doc). */
export async function lookupWorker(
  deps: AccountsDeps,
  caller: PrincipalOf<"agency">,
  country: string,
  nationalId: string,
  ledgerDbOf: (jurisdiction: string) => Db = () => deps.database.db,
): Promise<{ subject: string; totals: WorkerTotal[] }> {
  assertJurisdictionInScope(caller, country, "look up workers of");
  const { subjectKey } = await nationalIdSubject(deps.nationalIdKey, country, nationalId);
  await auditRow(deps, caller, "worker.lookup", subjectKey);
  // A jurisdiction's ledger is on one shard (src/db/shards.ts): one query per shard of the agency's.
  const byShard = new Map<Db, string[]>();
  for (const code of caller.jurisdictions) {
    const db = ledgerDbOf(code);
    byShard.set(db, [...(byShard.get(db) ?? []), code]);
  }
  const rows = (await Promise.all([...byShard].map(([db, codes]) => workerTotals(db, subjectKey, codes))))
    .flat()
    .sort(
      byKeys(
        (r) => r.jurisdiction,
        (r) => r.period,
        (r) => r.scheme,
        (r) => r.payer,
        (r) => r.currency,
      ),
    );
  if (rows.length === 0)
    throw new NotFoundError("no contribution of this worker is recorded in this agency's jurisdictions");
  return {
    subject: subjectKey,
    totals: rows.map(({ minor, entries, ...r }) => ({
      ...r,
      amount: formatMinor(Number(minor), r.currency),
      entries: Number(entries),
    })),
  };
}

/** A subject's entry sums in `codes` on one ledger database, by jurisdiction, period, scheme, payer, currency. */
function workerTotals(db: Db, subjectKey: string, codes: readonly string[]) {
  const group = [
    ledgerEntries.jurisdiction,
    ledgerEntries.periodKey,
    ledgerEntries.scheme,
    ledgerEntries.payer,
    ledgerEntries.currency,
  ] as const;
  return db
    .select({
      jurisdiction: ledgerEntries.jurisdiction,
      period: ledgerEntries.periodKey,
      scheme: ledgerEntries.scheme,
      payer: ledgerEntries.payer,
      currency: ledgerEntries.currency,
      minor: sql<number>`sum(${ledgerEntries.amountMinor})`,
      entries: sql<number>`count(*)`,
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.subjectKey, subjectKey), inArray(ledgerEntries.jurisdiction, [...codes])))
    .groupBy(...group)
    .orderBy(...group);
}
