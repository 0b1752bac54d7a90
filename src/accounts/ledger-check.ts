/**
 * The operator's check of the ledger's hash chain (GET /v1/ledger/verify): seals what is pending
 * (src/ledger/seal.ts `Sealer.flush`), walks the chain (`verifyChain`) and records the check in the audit
 * trail with the number of events checked. `shard`: the ledger shard to check (src/db/shards.ts; default
 * the deps' own database, the default shard); the audit row stays in the control plane.
 */
import { verifyChain } from "../ledger/seal.js";
import type { VerifyReport } from "../schemas/ledger-verify.js";
import { auditRow } from "./audit.js";
import type { AccountsDeps } from "./account-deps.js";
import type { Principal } from "./principal.js";
import { assertOperator } from "./scope.js";

type Shard = Pick<AccountsDeps, "database"> & { sealer: { flush(): Promise<unknown> } };

/** The chain check's report (`ok`, `events_checked`, `head`, `first_broken?`) of one shard, audited. */
export async function verifyLedger(
  deps: AccountsDeps & { sealer: { flush(): Promise<unknown> } },
  caller: Principal,
  shard: Shard = deps,
): Promise<VerifyReport> {
  assertOperator(caller);
  await shard.sealer.flush();
  const result = await verifyChain(shard.database.db);
  await auditRow(deps, caller, "ledger.verify", `events_checked ${result.events_checked}`);
  return result;
}
