/**
 * The audit trail: one audit_log row per admin or agency action, and per dispute filed or answered (who,
 * what, when), built as a query so the caller puts it in the same atomic batch as the change (or, for a
 * read, as the read): a change that fails leaves no audit row, and no change is made without one.
 * `target` names what was acted on, never a secret, key or national id (a subject key is a keyed hash).
 */
import { auditLog } from "../db/schema.js";
import type { AuditDeps } from "./account-deps.js";
import type { Principal } from "./principal.js";

/**
 * The insert of one audit row for `principal` doing `action` on `target`, at the app clock. A worker
 * acting through their link (a dispute) is `{actor: "worker-link"}`: the link is the credential.
 */
export function auditRow(
  deps: AuditDeps,
  principal: Pick<Principal, "actor">,
  action: string,
  target: string,
) {
  return deps.database.db
    .insert(auditLog)
    .values({ actor: principal.actor, action, target, at: deps.now().toISOString() });
}
