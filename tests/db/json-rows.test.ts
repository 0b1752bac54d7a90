/**
 * insertJsonRows (src/db/json-rows.ts) on a real temporary libSQL file: the columns written are those
 * any row sets, so a field only a later row carries is stored, and rows without it store NULL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLibsql } from "../../src/db/client.js";
import type { Database } from "../../src/db/database.js";
import { insertJsonRows } from "../../src/db/json-rows.js";

const notes = sqliteTable("notes", {
  id: integer("id").primaryKey(),
  title: text("title").notNull(),
  remark: text("remark"),
  weight: integer("weight"),
});

const dir = mkdtempSync(join(tmpdir(), "json-rows-"));
let database: Database;

beforeAll(async () => {
  database = await openLibsql(`file:${join(dir, "t.db")}`);
  await database.db.run(
    sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, remark TEXT, weight INTEGER)`,
  );
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("insertJsonRows", () => {
  it("writes a field that only a later row carries, and NULL where a row lacks it", async () => {
    for (const insert of insertJsonRows(database.db, notes, [
      { id: 1, title: "first" },
      { id: 2, title: "second", remark: "only here" },
      { id: 3, title: "third", weight: 7 },
    ]))
      await insert;
    const rows = await database.db.all<{
      id: number;
      title: string;
      remark: string | null;
      weight: number | null;
    }>(sql`SELECT id, title, remark, weight FROM notes ORDER BY id`);
    expect(rows).toEqual([
      { id: 1, title: "first", remark: null, weight: null },
      { id: 2, title: "second", remark: "only here", weight: null },
      { id: 3, title: "third", remark: null, weight: 7 },
    ]);
  });

  it("returns no statement for no rows", () => {
    expect(insertJsonRows(database.db, notes, [])).toEqual([]);
  });
});
