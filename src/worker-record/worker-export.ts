/**
 * The operator's export of everything the ledger holds about one worker identity (README "Data retention
 * and erasure"): for a subject access request, or to hand a record to the agency that keeps it.
 *
 * Input (one of): `{subject}` a ledger subject ("nid:<keyed hash>" or "p<platform id>:<worker ref>");
 * `{platform, worker_id}` a platform's worker reference, which covers every subject it was reported under
 * (platform-scoped and, when the platform sent a national id, the "nid:" one); `{national_id, country}`
 * the person, through the keyed hash (the id itself is neither stored nor echoed).
 * Output: `{generated_at, subjects, events, entries, audit}`: every ledger_events row of those subjects
 * (all columns, as stored: amounts in minor units), every ledger_entries row, and the audit rows whose
 * target names one of the subjects (agency lookups, earlier exports). 404 when nothing is held.
 * The export writes its own audit row ("worker.export", naming the subjects) in the same batch as the
 * reads, so an attempt that finds nothing is audited too.
 */
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog, ledgerEntries, ledgerEvents, platforms } from "../db/schema.js";
import type { AccountsDeps } from "../accounts/account-deps.js";
import type { Db } from "../db/database.js";
import { NotFoundError } from "../domain/errors.js";
import { auditRow } from "../accounts/audit.js";
import type { Principal } from "../accounts/principal.js";
import { countryCode } from "../schemas/common.js";
import { nationalIdSubject } from "../security/national-id.js";

const printable = z
  .string()
  .min(1)
  .max(160)
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

/** Body of POST /v1/admin/workers/export: exactly one way of naming the worker. */
export const workerExportInput = z.union([
  z.strictObject({ subject: printable }),
  z.strictObject({
    platform: z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a platform slug"),
    worker_id: printable,
  }),
  z.strictObject({ national_id: z.string().min(1).max(64), country: countryCode }),
]);
export type WorkerExportInput = z.infer<typeof workerExportInput>;

/** The subject keys `input` names (empty when a platform's worker reference was never reported). */
async function subjectsOf(
  deps: Pick<AccountsDeps, "database" | "nationalIdKey">,
  input: WorkerExportInput,
  ledgerDbs: readonly Db[],
): Promise<string[]> {
  const { db } = deps.database;
  if ("subject" in input) return [input.subject];
  if ("national_id" in input)
    return [(await nationalIdSubject(deps.nationalIdKey, input.country, input.national_id)).subjectKey];
  const [platform] = await db
    .select({ id: platforms.id })
    .from(platforms)
    .where(eq(platforms.slug, input.platform));
  if (!platform) throw new NotFoundError(`no platform "${input.platform}"`);
  const perShard = await Promise.all(
    ledgerDbs.map((ledger) =>
      ledger
        .selectDistinct({ subjectKey: ledgerEvents.subjectKey })
        .from(ledgerEvents)
        .where(and(eq(ledgerEvents.platformId, platform.id), eq(ledgerEvents.workerRef, input.worker_id))),
    ),
  );
  return [...new Set(perShard.flat().map((r) => r.subjectKey))];
}

/**
 * Everything held about the worker `input` names: the audit row of the export and the audit trail read
 * from the control database in one batch, the events and entries from every ledger shard (`ledgerDbs`,
 * the default first; a worker who moved is on several), each shard's rows in ledger order.
 */
export async function exportWorker(
  deps: Pick<AccountsDeps, "database" | "nationalIdKey" | "now">,
  principal: Principal,
  input: WorkerExportInput,
  ledgerDbs: readonly Db[] = [deps.database.db],
) {
  const { db } = deps.database;
  const subjects = await subjectsOf(deps, input, ledgerDbs);
  if (subjects.length === 0) throw new NotFoundError("nothing is held about this worker");
  const [, audit] = await db.batch([
    auditRow(deps, principal, "worker.export", subjects.join(",")),
    db
      .select()
      .from(auditLog)
      .where(or(...subjects.map((s) => sql`instr(${auditLog.target}, ${s}) > 0`)))
      .orderBy(auditLog.id),
  ]);
  const perShard = await Promise.all(
    ledgerDbs.map((ledger) =>
      Promise.all([
        ledger
          .select()
          .from(ledgerEvents)
          .where(inArray(ledgerEvents.subjectKey, subjects))
          .orderBy(ledgerEvents.id),
        ledger
          .select()
          .from(ledgerEntries)
          .where(inArray(ledgerEntries.subjectKey, subjects))
          .orderBy(ledgerEntries.id),
      ]),
    ),
  );
  const events = perShard.flatMap(([e]) => e);
  const entries = perShard.flatMap(([, e]) => e);
  if (events.length === 0) throw new NotFoundError("nothing is held about this worker");
  return { generated_at: deps.now().toISOString(), subjects, events, entries, audit };
}
