/**
 * Disputes (issue 16, "Disputes"): the service behind the worker's form, the platform's API and the
 * agency's list. Transport-free: refusals are the typed errors of src/domain/errors.ts, which the app
 * renders once.
 *
 * - `fileDispute`: the worker, authorised by their link (subject `sub`, platform scope `scope`: a platform
 *   id, or null for an agency-issued cross-platform link), flags one of their payouts as wrong or reports
 *   one as missing. The payout must be the link's subject's, within the link's scope (404 otherwise: a
 *   link never files for another worker); a missing payout names the platform (the link's own, or one
 *   that paid the subject) and lies on or before the worker's today (UTC). One batch: the dispute row
 *   and its audit row (actor "worker-link").
 * - `answerDispute`: the platform answers one of its own disputes (404 for another platform's) once
 *   (409 when answered; a unique index makes a racing second answer fail too) with a correction event it
 *   recorded through the webhook for the same worker (422 `correction-event-unknown` otherwise; the
 *   disputed payout itself is no correction) or an explanation. One batch: answer row and audit row.
 * - `listDisputes`: by platform, by jurisdictions (agency), or by subject (the worker's page), oldest
 *   first, `after` an id, at most `limit`; status derived: open without an answer, else corrected or
 *   explained.
 * Nothing here writes ledger_events or ledger_entries: a dispute never changes an entry by itself.
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { isUniqueViolationOn } from "../db/driver-errors.js";
import { disputeAnswers, disputes, ledgerEvents, platforms } from "../db/schema.js";
import type { AuditDeps } from "../accounts/account-deps.js";
import { ConflictError, InvalidError, NotFoundError } from "../domain/errors.js";
import { defined } from "../domain/invariant.js";
import { auditRow } from "../accounts/audit.js";
import type { Principal, PrincipalOf } from "../accounts/principal.js";
import { assertJurisdictionInScope } from "../accounts/scope.js";
import type { DisputeAnswer, DisputeForm, DisputeState, DisputeView } from "../schemas/dispute.js";

type Deps = AuditDeps;

/** Who files: the link's subject and platform scope. */
export interface LinkHolder {
  sub: string;
  platform: number | null;
}

/** Files the dispute the form describes; returns its id. */
export async function fileDispute(
  deps: Deps,
  holder: LinkHolder,
  form: DisputeForm,
  ledgerDbs: readonly Db[] = [deps.database.db],
): Promise<number> {
  const { db } = deps.database;
  const now = deps.now();
  let platformId: number;
  let workerRef: string;
  let jurisdiction: string;
  let eventId: string | null = null;
  let claimed: { date: string; amount: string; currency: string } | null = null;
  if (form.kind === "wrong-payout") {
    const [idText, ...rest] = defined(form.payout, "a wrong-payout form's payout").split(":");
    platformId = Number(idText);
    eventId = rest.join(":");
    if (holder.platform !== null && holder.platform !== platformId)
      throw new NotFoundError("no such payout on this page");
    const where = and(
      eq(ledgerEvents.platformId, platformId),
      eq(ledgerEvents.eventId, eventId),
      eq(ledgerEvents.subjectKey, holder.sub),
      eq(ledgerEvents.type, "payout"),
    );
    const payout = await firstOnShards(ledgerDbs, (ledger) =>
      ledger
        .select({ workerRef: ledgerEvents.workerRef, jurisdiction: ledgerEvents.jurisdiction })
        .from(ledgerEvents)
        .where(where),
    );
    if (!payout) throw new NotFoundError("no such payout on this page");
    ({ workerRef, jurisdiction } = payout);
  } else {
    // disputeFormSchema requires all three for a missing payout.
    claimed = {
      date: defined(form.date, "a missing-payout form's date"),
      amount: defined(form.amount, "a missing-payout form's amount"),
      currency: defined(form.currency, "a missing-payout form's currency"),
    };
    if (claimed.date > now.toISOString().slice(0, 10))
      throw new InvalidError("the request failed validation", [
        { path: "date", message: "must not lie in the future" },
      ]);
    const named = form.platform === undefined ? holder.platform : Number(form.platform);
    if (named === null)
      throw new InvalidError("the request failed validation", [
        { path: "platform", message: "choose the platform that should have paid" },
      ]);
    if (holder.platform !== null && named !== holder.platform)
      throw new NotFoundError("no such platform on this page");
    platformId = named;
    const latest = await latestOnShards(ledgerDbs, platformId, holder.sub);
    if (!latest) throw new NotFoundError("no such platform on this page");
    ({ workerRef, jurisdiction } = latest);
  }
  const row = {
    platformId,
    subjectKey: holder.sub,
    workerRef,
    jurisdiction,
    kind: form.kind,
    eventId,
    claimedDate: claimed?.date ?? null,
    claimedAmount: claimed?.amount ?? null,
    claimedCurrency: claimed?.currency ?? null,
    note: form.note,
    filedAt: now.toISOString(),
  };
  const [inserted] = await db.batch([
    db.insert(disputes).values(row).returning({ id: disputes.id }),
    auditRow(
      deps,
      { actor: "worker-link" },
      "dispute.file",
      `platform ${platformId} worker ${workerRef} ${form.kind}${eventId ? ` ${eventId}` : ""}`,
    ),
  ]);
  return defined(inserted[0], "the inserted dispute").id;
}

/**
 * The first row `read` finds on the ledger shards `ledgerDbs`, in their order (an event lives on exactly
 * one shard: src/db/shards.ts), or undefined.
 */
async function firstOnShards<T>(ledgerDbs: readonly Db[], read: (ledger: Db) => Promise<T[]>) {
  for (const ledger of ledgerDbs) {
    const [row] = await read(ledger);
    if (row) return row;
  }
  return undefined;
}

/** The worker reference and jurisdiction of the subject's latest event with the platform on any shard. */
async function latestOnShards(ledgerDbs: readonly Db[], platformId: number, subjectKey: string) {
  const latest = await Promise.all(
    ledgerDbs.map((ledger) =>
      ledger
        .select({
          workerRef: ledgerEvents.workerRef,
          jurisdiction: ledgerEvents.jurisdiction,
          receivedAt: ledgerEvents.receivedAt,
        })
        .from(ledgerEvents)
        .where(and(eq(ledgerEvents.platformId, platformId), eq(ledgerEvents.subjectKey, subjectKey)))
        .orderBy(sql`${ledgerEvents.id} DESC`)
        .limit(1),
    ),
  );
  return latest
    .flat()
    .sort((x, y) => (x.receivedAt < y.receivedAt ? 1 : x.receivedAt > y.receivedAt ? -1 : 0))[0];
}

/** Records the platform's answer to its dispute `id`. */
export async function answerDispute(
  deps: Deps,
  principal: Extract<Principal, { role: "platform" }>,
  id: number,
  answer: DisputeAnswer,
  ledgerDbs: readonly Db[] = [deps.database.db],
): Promise<DisputeView> {
  const { db } = deps.database;
  const [dispute] = await db
    .select()
    .from(disputes)
    .where(and(eq(disputes.id, id), eq(disputes.platformId, principal.platformId)));
  if (!dispute) throw new NotFoundError(`no dispute ${id} of this platform`);
  const [answered] = await db
    .select({ id: disputeAnswers.id })
    .from(disputeAnswers)
    .where(eq(disputeAnswers.disputeId, id));
  if (answered) throw new ConflictError(`dispute ${id} was answered before; answers are final`);
  if (answer.correction_event_id !== undefined) {
    const where = and(
      eq(ledgerEvents.platformId, principal.platformId),
      eq(ledgerEvents.eventId, answer.correction_event_id),
      eq(ledgerEvents.workerRef, dispute.workerRef),
    );
    const event = await firstOnShards(ledgerDbs, (ledger) =>
      ledger.select({ id: ledgerEvents.id }).from(ledgerEvents).where(where),
    );
    if (!event || answer.correction_event_id === dispute.eventId) {
      throw new InvalidError(
        `no event "${answer.correction_event_id}" of this platform for worker "${dispute.workerRef}" other than the disputed payout; record the correction through POST /v1/payouts first`,
        [
          {
            path: "correction_event_id",
            message: "must name a recorded correction for the dispute's worker",
          },
        ],
        "correction-event-unknown",
      );
    }
  }
  const answeredAt = deps.now().toISOString();
  try {
    await db.batch([
      db.insert(disputeAnswers).values({
        disputeId: id,
        correctionEventId: answer.correction_event_id ?? null,
        explanation: answer.explanation ?? null,
        answeredAt,
      }),
      auditRow(
        deps,
        principal,
        "dispute.answer",
        `dispute ${id} ${answer.correction_event_id !== undefined ? `correction ${answer.correction_event_id}` : "explanation"}`,
      ),
    ]);
  } catch (error) {
    // A racing second answer loses on the unique dispute_id (src/db/schema.ts); anything else is a bug.
    if (isUniqueViolationOn(error, "dispute_answers", ["dispute_id"]))
      throw new ConflictError(`dispute ${id} was answered before; answers are final`);
    throw error;
  }
  const [view] = await listDisputes(db, { where: eq(disputes.id, id), status: "all", limit: 1 });
  return defined(view, `dispute ${id} after its answer`);
}

export type StatusFilter = "open" | "answered" | "all";

/** Disputes matching `where` and `status`, oldest first, with id > `after`, at most `limit`. */
export async function listDisputes(
  db: Db,
  query: { where: SQL | undefined; status: StatusFilter; after?: number; limit: number },
): Promise<DisputeView[]> {
  const statusWhere =
    query.status === "open"
      ? isNull(disputeAnswers.id)
      : query.status === "answered"
        ? isNotNull(disputeAnswers.id)
        : undefined;
  const rows = await db
    .select({ d: disputes, a: disputeAnswers, platform: platforms.slug })
    .from(disputes)
    .innerJoin(platforms, eq(platforms.id, disputes.platformId))
    .leftJoin(disputeAnswers, eq(disputeAnswers.disputeId, disputes.id))
    .where(
      and(query.where, statusWhere, query.after === undefined ? undefined : gt(disputes.id, query.after)),
    )
    .orderBy(asc(disputes.id))
    .limit(query.limit);
  return rows.map(({ d, a, platform }) => ({
    id: d.id,
    platform,
    jurisdiction: d.jurisdiction,
    worker_id: d.workerRef,
    worker: d.subjectKey,
    kind: d.kind,
    event_id: d.eventId,
    claimed:
      // The three claimed columns are written together (fileDispute).
      d.claimedDate === null || d.claimedAmount === null || d.claimedCurrency === null
        ? null
        : { date: d.claimedDate, amount: d.claimedAmount, currency: d.claimedCurrency },
    note: d.note,
    filed_at: d.filedAt,
    status: stateOf(a),
    answer: a
      ? { correction_event_id: a.correctionEventId, explanation: a.explanation, answered_at: a.answeredAt }
      : null,
  }));
}

/** A dispute's state from its answer row. */
function stateOf(answer: { correctionEventId: string | null } | null): DisputeState {
  if (!answer) return "open";
  return answer.correctionEventId !== null ? "corrected" : "explained";
}

/** Filters for listDisputes. */
export const byPlatform = (platformId: number) => eq(disputes.platformId, platformId);
export const byJurisdictions = (codes: readonly string[]) => inArray(disputes.jurisdiction, [...codes]);
export const bySubject = (sub: string, platform: number | null) =>
  and(eq(disputes.subjectKey, sub), platform === null ? undefined : eq(disputes.platformId, platform));

/** One page of a dispute list: `status`, after dispute id `after`, at most `limit` (routes/disputes.ts). */
export interface DisputePage {
  status: StatusFilter;
  after?: number | undefined;
  limit: number;
}

const nextAfter = (list: readonly DisputeView[], limit: number) =>
  list.length === limit ? (list.at(-1)?.id ?? null) : null;

/** Whole seconds from `from` to `to` (RFC 3339 instants or a Date), never negative. */
const secondsBetween = (from: string, to: string | Date) =>
  Math.max(
    0,
    Math.floor(((typeof to === "string" ? Date.parse(to) : to.getTime()) - Date.parse(from)) / 1000),
  );

/** A platform's own disputes (GET /v1/platforms/me/disputes), `next_after` null on the last page. */
export async function platformDisputes(
  deps: Pick<Deps, "database">,
  principal: PrincipalOf<"platform">,
  page: DisputePage,
) {
  const list = await listDisputes(deps.database.db, {
    where: byPlatform(principal.platformId),
    status: page.status,
    ...(page.after !== undefined ? { after: page.after } : {}),
    limit: page.limit,
  });
  return { disputes: list, next_after: nextAfter(list, page.limit) };
}

/**
 * The disputes of an agency's jurisdictions, or of one of them (GET /v1/agency/disputes), each with its
 * age and answer time in seconds; audited. ForbiddenError for a jurisdiction outside the agency's.
 */
export async function agencyDisputes(
  deps: Deps,
  principal: PrincipalOf<"agency">,
  query: DisputePage & { jurisdiction?: string | undefined },
) {
  const { jurisdiction, status, after, limit } = query;
  if (jurisdiction !== undefined) assertJurisdictionInScope(principal, jurisdiction, "read disputes of");
  const codes = jurisdiction === undefined ? principal.jurisdictions : [jurisdiction];
  await auditRow(deps, principal, "disputes.read", `${codes.join(",")} ${status}`);
  const now = deps.now();
  const views = await listDisputes(deps.database.db, {
    where: byJurisdictions(codes),
    status,
    ...(after !== undefined ? { after } : {}),
    limit,
  });
  return {
    disputes: views.map((d) => ({
      ...d,
      age_s: secondsBetween(d.filed_at, now),
      answer_time_s: d.answer ? secondsBetween(d.filed_at, d.answer.answered_at) : null,
    })),
    next_after: nextAfter(views, limit),
  };
}
