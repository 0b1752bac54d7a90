/**
 * `npm run report-schemas`: writes the published JSON Schemas of the agency monthly report
 * (src/agency-reports/monthly-report-schema.ts, served at /schemas/monthly-report/<version>/) into
 * schemas/monthly-report/<version>/, the committed copies that tests/report-schema.test.ts compares the
 * served documents with. Run it once when a new version is introduced; a published version's files never
 * change (the test fails if the zod schemas drift from them).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  REPORT_SCHEMA_VERSION,
  REPORT_SCHEMAS,
  reportJsonSchema,
  type ReportSchemaName,
} from "../src/agency-reports/monthly-report-schema.js";

const dir = fileURLToPath(new URL(`../schemas/monthly-report/${REPORT_SCHEMA_VERSION}/`, import.meta.url));
mkdirSync(dir, { recursive: true });
for (const name of Object.keys(REPORT_SCHEMAS) as ReportSchemaName[]) {
  writeFileSync(join(dir, name), `${JSON.stringify(reportJsonSchema(name), null, 2)}\n`);
  console.log(`wrote schemas/monthly-report/${REPORT_SCHEMA_VERSION}/${name}`);
}
