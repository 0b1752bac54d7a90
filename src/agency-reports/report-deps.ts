/**
 * What the agency reports use of the app's dependencies (built once in src/deps.ts, whose AppDeps has
 * every field): the database, the sealer (a report is read at a sealed chain head), the clock and the FX
 * cache (fair-pay counts). Typed from the layers below, so no report imports the composition root.
 */
import type { Database } from "../db/client.js";
import type { FxRates } from "../db/fx-repo.js";
import type { Sealer } from "../ledger/seal.js";

export interface ReportDeps {
  database: Database;
  sealer: Sealer;
  now: () => Date;
  fx: FxRates;
}
