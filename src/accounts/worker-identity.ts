/**
 * Which ledger subject a platform's worker reference stands for (README "Worker identity", docs/design.md
 * §1). A platform reports a worker by its own reference; each event's subject is "nid:<keyed hash>" when the
 * event carried the worker's national id (the cross-platform identity, src/security/national-id.ts), else
 * "p<platform id>:<worker ref>" (that platform only). One reference can carry both when the platform sent
 * the national id with some events only.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { ledgerEvents } from "../db/schema.js";
import { NATIONAL_ID_SUBJECT_PREFIX } from "../security/national-id.js";

/**
 * The rule: among the subjects one worker reference was reported under, newest first, the national-id
 * subject wins (the person is known across platforms), the latest of them; without one, the latest
 * subject. `undefined` for no subject at all.
 */
export function preferredSubject(subjectsNewestFirst: readonly string[]): string | undefined {
  return subjectsNewestFirst.find((s) => s.startsWith(NATIONAL_ID_SUBJECT_PREFIX)) ?? subjectsNewestFirst[0];
}

/** A platform's worker reference as the ledger knows it: its subject (the rule above) and the jurisdictions of its events. */
export interface WorkerIdentity {
  subjectKey: string;
  jurisdictions: string[];
}

/**
 * The identity of platform `platformId`'s worker `workerRef` over the ledger shards `dbs` (src/db/shards.ts:
 * a worker who moved has events on two; newest first within each shard, the shards in turn); undefined
 * when the platform never reported it.
 */
export async function workerIdentity(
  dbs: readonly Db[],
  platformId: number,
  workerRef: string,
): Promise<WorkerIdentity | undefined> {
  const perShard = await Promise.all(
    dbs.map((db) =>
      db
        .select({ subjectKey: ledgerEvents.subjectKey, jurisdiction: ledgerEvents.jurisdiction })
        .from(ledgerEvents)
        .where(and(eq(ledgerEvents.platformId, platformId), eq(ledgerEvents.workerRef, workerRef)))
        .orderBy(desc(ledgerEvents.id)),
    ),
  );
  const rows = perShard.flat();
  const subjectKey = preferredSubject(rows.map((r) => r.subjectKey));
  if (subjectKey === undefined) return undefined;
  return { subjectKey, jurisdictions: [...new Set(rows.map((r) => r.jurisdiction))] };
}
