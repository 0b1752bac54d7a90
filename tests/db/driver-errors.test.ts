/**
 * The driver error classifier (src/db/driver-errors.ts) on real errors: a temporary libSQL file through
 * drizzle (errors wrapped in DrizzleQueryError), for a unique, a NOT NULL, a CHECK and a FOREIGN KEY
 * violation, and an error that is no constraint at all.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyDriverError, isUniqueViolationOn } from "../../src/db/driver-errors.js";

const dir = mkdtempSync(join(tmpdir(), "driver-errors-"));
const client = createClient({ url: `file:${join(dir, "t.db")}` });
const db = drizzle(client);

async function errorOf(statement: ReturnType<typeof sql>): Promise<unknown> {
  try {
    await db.run(statement);
  } catch (error) {
    return error;
  }
  throw new Error("the statement did not fail");
}

beforeAll(async () => {
  await client.execute("PRAGMA foreign_keys = ON");
  await client.executeMultiple(`
    CREATE TABLE parent (id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE);
    CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id),
      a TEXT NOT NULL, b TEXT NOT NULL, n INTEGER CHECK (n >= 0));
    CREATE UNIQUE INDEX child_a_b ON child (a, b);
    INSERT INTO parent (id, slug) VALUES (1, 'one');
    INSERT INTO child (parent_id, a, b, n) VALUES (1, 'x', 'y', 1);`);
});
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("classifyDriverError", () => {
  it("names the table and columns of a unique violation, through drizzle's wrapper", async () => {
    const error = await errorOf(sql`INSERT INTO child (parent_id, a, b, n) VALUES (1, 'x', 'y', 2)`);
    expect(classifyDriverError(error)).toEqual({ kind: "unique", table: "child", columns: ["a", "b"] });
    expect(isUniqueViolationOn(error, "child", ["a", "b"])).toBe(true);
    expect(isUniqueViolationOn(error, "child", ["a"])).toBe(false);
    expect(isUniqueViolationOn(error, "parent")).toBe(false);
  });

  it("reads a single-column unique violation", async () => {
    const error = await errorOf(sql`INSERT INTO parent (id, slug) VALUES (2, 'one')`);
    expect(isUniqueViolationOn(error, "parent", ["slug"])).toBe(true);
  });

  it("calls NOT NULL, CHECK and FOREIGN KEY violations constraints, not unique conflicts", async () => {
    const notNull = await errorOf(sql`INSERT INTO child (parent_id, a, b) VALUES (1, NULL, 'z')`);
    const check = await errorOf(sql`INSERT INTO child (parent_id, a, b, n) VALUES (1, 'p', 'q', -1)`);
    const foreign = await errorOf(sql`INSERT INTO child (parent_id, a, b) VALUES (99, 'r', 's')`);
    expect(classifyDriverError(notNull)).toMatchObject({
      kind: "constraint",
      text: expect.stringMatching(/^NOT NULL/),
    });
    expect(classifyDriverError(check)).toMatchObject({
      kind: "constraint",
      text: expect.stringMatching(/^CHECK/),
    });
    expect(classifyDriverError(foreign)).toMatchObject({
      kind: "constraint",
      text: expect.stringMatching(/^FOREIGN KEY/),
    });
    expect(isUniqueViolationOn(notNull, "child")).toBe(false);
  });

  it("leaves other errors as other", async () => {
    const error = await errorOf(sql`SELECT * FROM no_such_table`);
    expect(classifyDriverError(error)).toEqual({ kind: "other" });
    expect(classifyDriverError(new Error("database is locked"))).toEqual({ kind: "busy" });
  });
});
