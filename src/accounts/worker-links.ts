/**
 * Worker access links (the token format is src/security/access-links.ts): who may link which worker, with
 * which scope (POST /v1/workers/{id}/access-links), and which receipts a link may read.
 *
 * - A platform key links its own workers only (naming another platform: `ForbiddenError`); the link is
 *   scoped to that platform (it shows only what that platform reported).
 * - An agency key names the worker's platform (else `InvalidError` on field `platform`; an unknown slug:
 *   `NotFoundError`) and may link only workers with an event in one of its jurisdictions (else
 *   `ForbiddenError`); its link is the cross-platform view, and it writes an audit row (a link is
 *   stateless: the row is the only write).
 * - A worker reference the platform never reported: `NotFoundError`.
 * The link names the worker's subject by the identity rule (worker-identity.ts).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { platforms } from "../db/schema.js";
import { ForbiddenError, InvalidError, NotFoundError } from "../domain/errors.js";
import { eventOwner, platformBySlug, storedReceipt } from "../receipts/receipt-store.js";
import type { SignedReceipt } from "../schemas/receipt.js";
import { type AccessPayload, issueAccessToken } from "../security/access-links.js";
import type { ReceiptSigner } from "../security/receipt-keys.js";
import { auditRow } from "./audit.js";
import type { AccountsDeps } from "./account-deps.js";
import type { PrincipalOf } from "./principal.js";
import { isJurisdictionInScope } from "./scope.js";
import { workerIdentity } from "./worker-identity.js";

/** The platform whose worker reference a link names, as `caller` may use it (module doc). */
async function linkedPlatform(
  deps: AccountsDeps,
  caller: PrincipalOf<"platform" | "agency">,
  named: string | undefined,
): Promise<number> {
  if (caller.role === "platform") {
    if (named !== undefined && named !== caller.slug)
      throw new ForbiddenError("a platform key may only create links for its own workers");
    return caller.platformId;
  }
  if (named === undefined)
    throw new InvalidError("name the worker's platform with ?platform=<slug> or a body field platform", [
      { path: "platform", message: "required for an agency key" },
    ]);
  const [platform] = await deps.database.db
    .select({ id: platforms.id })
    .from(platforms)
    .where(eq(platforms.slug, named));
  if (!platform) throw new NotFoundError(`no platform "${named}"`);
  return platform.id;
}

/** An issued link: the token (a bearer secret for the URL path) and its expiry (RFC 3339 UTC). */
export interface IssuedLink {
  token: string;
  expiresAt: string;
}

/**
 * Issues a link to worker `workerRef` of platform `platform` (a slug; a platform key's own when omitted),
 * valid `ttlS` seconds. `ledgerDbs`: the ledger shards the worker's events may be on (default: the deps' database).
 */
export async function issueWorkerLink(
  deps: AccountsDeps,
  caller: PrincipalOf<"platform" | "agency">,
  request: { workerRef: string; platform: string | undefined; ttlS: number },
  ledgerDbs: readonly Db[] = [deps.database.db],
): Promise<IssuedLink> {
  const { workerRef } = request;
  const platformId = await linkedPlatform(deps, caller, request.platform);
  const worker = await workerIdentity(ledgerDbs, platformId, workerRef);
  if (!worker) throw new NotFoundError(`no payout recorded for worker "${workerRef}" of this platform`);
  if (!worker.jurisdictions.some((j) => isJurisdictionInScope(caller, j)))
    throw new ForbiddenError(`worker "${workerRef}" has no payout in this agency's jurisdictions`);
  const scope = caller.role === "agency" ? null : platformId;
  const { token, payload } = await issueAccessToken(
    deps.linkKey,
    worker.subjectKey,
    scope,
    deps.now(),
    request.ttlS,
  );
  const expiresAt = new Date(payload.exp * 1000).toISOString();
  if (caller.role === "agency")
    await auditRow(
      deps,
      caller,
      "worker.link",
      `platform ${platformId} worker ${workerRef} until ${expiresAt}`,
    );
  return { token, expiresAt };
}

/**
 * The signed receipt of event `eventId` of platform `platformSlug`, as the link `granted` may read it:
 * only the link's worker's events, and under a platform-scoped link only that platform's. Any other
 * event is answered as absent (`NotFoundError`), so a link reveals nothing of other workers.
 */
export async function linkedReceipt(
  deps: { database: AccountsDeps["database"]; receiptSigner: ReceiptSigner },
  granted: Pick<AccessPayload, "sub" | "platform">,
  platformSlug: string,
  eventId: string,
  ledgerDbs: readonly Db[] = [deps.database.db],
): Promise<SignedReceipt> {
  const absent = () =>
    new NotFoundError(`no event "${eventId}" of platform "${platformSlug}" in this record`);
  const platform = await platformBySlug(deps.database.db, platformSlug);
  if (!platform || (granted.platform !== null && granted.platform !== platform.id)) throw absent();
  // An event lives on one ledger shard (src/db/shards.ts): the first that holds it.
  const owners = await Promise.all(ledgerDbs.map((db) => eventOwner(db, platform.id, eventId)));
  const at = owners.findIndex((o) => o !== undefined);
  const db = ledgerDbs[at];
  if (!db || owners[at]?.subjectKey !== granted.sub) throw absent();
  const receipt = await storedReceipt(db, deps.receiptSigner, platform, eventId);
  if (!receipt) throw absent();
  return receipt;
}
