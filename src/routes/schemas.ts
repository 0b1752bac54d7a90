/**
 * GET /schemas/monthly-report/v1/{report.json,rows.csv.json,corrections.csv.json} — public: the JSON
 * Schemas (draft 2020-12) of the agency monthly report, generated from its zod schemas
 * (src/agency-reports/monthly-report-schema.ts): the JSON report, and one record of each CSV section. The URL
 * names the version; a version's documents never change (a change is a new version beside it).
 * Served as `application/schema+json`, cacheable for a day.
 */
import {
  REPORT_SCHEMA_VERSION,
  REPORT_SCHEMAS,
  reportJsonSchema,
  type ReportSchemaName,
} from "../agency-reports/monthly-report-schema.js";
import { routeFamily } from "../http/openapi.js";

/** Path of a published schema document. */
export const reportSchemaPath = (name: ReportSchemaName) =>
  `/schemas/monthly-report/${REPORT_SCHEMA_VERSION}/${name}`;

export function schemaRoutes() {
  const app = routeFamily();
  for (const name of Object.keys(REPORT_SCHEMAS) as ReportSchemaName[]) {
    const body = JSON.stringify(reportJsonSchema(name), null, 2);
    app.get(reportSchemaPath(name), (c) =>
      c.body(body, 200, {
        "content-type": "application/schema+json",
        "cache-control": "public, max-age=86400",
      }),
    );
    app.openAPIRegistry.registerPath({
      method: "get",
      path: reportSchemaPath(name),
      tags: ["public"],
      responses: {
        200: {
          description: `JSON Schema (draft 2020-12) of the agency monthly report: ${name === "report.json" ? "the JSON report" : `one record of the ${name.split(".")[0]} CSV`}, version ${REPORT_SCHEMA_VERSION}`,
          content: { "application/schema+json": { schema: { type: "object" } } },
        },
      },
    });
  }
  return app;
}
