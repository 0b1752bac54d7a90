/**
 * The reference data of src/db/seed.ts (seeded jurisdictions, rule versions, minimum wages; ECB rates)
 * as plain SQL statements, for stores that are loaded with SQL text rather than through a connection:
 * D1 via `wrangler d1 execute --file` (scripts/lib/d1-seed.ts) and the D1 of the Workers tests.
 *
 * The statements are those `seedRulesData` and `seedFxRates` run on Node: the functions run against a
 * drizzle database that records each INSERT instead of executing it (it answers every read with no
 * rows), and the bound parameters are then written into the SQL as literals. Like the functions, the
 * statements are idempotent (INSERT … ON CONFLICT DO NOTHING).
 *
 * Size: D1 accepts at most 100,000 bytes of SQL per statement
 * (https://developers.cloudflare.com/d1/platform/limits/). A statement whose only parameter is a JSON
 * array of rows unpacked by json_each (src/db/json-rows.ts; the ECB rates, about 7 MB of JSON) is
 * written as several statements over consecutive slices of the array, each under the limit (the rows
 * are independent inserts, so the slices insert exactly the same rows); any other statement over the
 * limit is an error here rather than on the server.
 */
import { drizzle } from "drizzle-orm/sqlite-proxy";
import type { Database } from "./database.js";
import * as schema from "./schema.js";
import { seedFxRates, seedRulesData } from "./seed.js";

/** Most bytes of SQL in one D1 statement. */
const D1_MAX_STATEMENT_BYTES = 100_000;
/** Bytes a statement's JSON slice may take, leaving room for the rest of the statement. */
const JSON_SLICE_BYTES = 90_000;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** An SQL literal for a bound value (text quoted with '' escaping; integers as digits; null as NULL). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value === "bigint") return value.toString();
  throw new Error(`cannot write ${typeof value} ${String(value)} as an SQL literal`);
}

/** Replaces each `?` placeholder outside quoted strings and identifiers with its parameter as a literal. */
function inlineParams(sql: string, params: readonly unknown[]): string {
  let out = "";
  let next = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"' || ch === "`") {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      if (next >= params.length)
        throw new Error(`more placeholders than the ${params.length} parameters in: ${sql.slice(0, 120)}`);
      out += literal(params[next++]);
    } else {
      out += ch;
    }
  }
  if (next !== params.length)
    throw new Error(`${params.length} parameters for ${next} placeholders in: ${sql.slice(0, 120)}`);
  return out;
}

/** `rows` (JSON values) as JSON array texts of at most JSON_SLICE_BYTES each (a larger single row stays alone). */
function jsonSlices(rows: readonly unknown[]): string[] {
  const slices: string[] = [];
  let parts: string[] = [];
  let size = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    const bytes = utf8Bytes(text) + 1;
    if (parts.length > 0 && size + bytes > JSON_SLICE_BYTES) {
      slices.push(`[${parts.join(",")}]`);
      parts = [];
      size = 2;
    }
    parts.push(text);
    size += bytes;
  }
  if (parts.length > 0) slices.push(`[${parts.join(",")}]`);
  return slices;
}

/** One recorded statement as parameter-free SQL, split by its JSON rows when it is a json_each insert. */
function toSqlText(sql: string, params: readonly unknown[]): string[] {
  const [only] = params;
  const jsonRows =
    params.length === 1 &&
    typeof only === "string" &&
    only.startsWith("[") &&
    /json_each\(\s*\?\s*\)/i.test(sql);
  const texts = jsonRows
    ? jsonSlices(JSON.parse(only) as unknown[]).map((slice) => inlineParams(sql, [slice]))
    : [inlineParams(sql, params)];
  for (const text of texts) {
    const bytes = utf8Bytes(text);
    if (bytes > D1_MAX_STATEMENT_BYTES)
      throw new Error(
        `a seed statement has ${bytes} bytes, over D1's ${D1_MAX_STATEMENT_BYTES}: ${text.slice(0, 120)}`,
      );
  }
  return texts;
}

/** Runs `seed` against a database that records its statements; returns the INSERTs as SQL text. */
async function recordInserts(seed: (recorder: Database) => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const record = (query: { sql: string; params: unknown[] }) => {
    if (/^\s*insert\b/i.test(query.sql)) statements.push(...toSqlText(query.sql, query.params));
  };
  const db = drizzle(
    async (sql, params) => {
      record({ sql, params });
      return { rows: [] };
    },
    async (batch) => {
      for (const query of batch) record(query);
      return batch.map(() => ({ rows: [] }));
    },
    { schema },
  );
  await seed({ db, close: () => undefined });
  return statements;
}

/** Statements inserting the seeded jurisdictions, rule versions and minimum wages (seedRulesData); no parameters, no final semicolon. */
export function rulesSeedSql(): Promise<string[]> {
  return recordInserts(seedRulesData);
}

/** Statements inserting the quotes of `ecbCsv`, the text of data/ecb-eurofxref-hist.csv (seedFxRates). */
export function fxSeedSql(ecbCsv: string): Promise<string[]> {
  return recordInserts((recorder) => seedFxRates(recorder, ecbCsv));
}
