/**
 * The hash chain survives schema growth (src/ledger/seal.ts, SEALED_LATER): a column a migration adds to
 * ledger_events or ledger_entries after the chain began must never change the sealed content of a row that
 * does not set it, or every event sealed before that migration would fail `verifyChain` after it.
 *
 * - Every `ALTER TABLE … ADD` on those tables in drizzle/ is nullable and belongs to a generation of
 *   SEALED_LATER, the generations in the order of their migrations (or is an entry column copied from its
 *   event, which the entry's content leaves out).
 * - Behaviourally: a plain DE payout and its reversal (no task attributes or components, no reversal
 *   reason or worker status; their entries carry a base fraction, a column of migration 0005) seal
 *   exactly as they did before the newest generation existed: the event as the columns of 0000_init.sql,
 *   each entry as those plus the columns migration 0005 added. The column lists come from the migration
 *   files, not from seal.ts.
 */
import { readFileSync, readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../../scripts/lib/local-instance.js";
import { linkHash, SEALED_LATER } from "../../src/ledger/seal.js";
import { payoutEvent } from "../support/ledger-test-kit.js";

const DRIZZLE = new URL("../../drizzle/", import.meta.url);
const migrations = readdirSync(DRIZZLE)
  .filter((f) => f.endsWith(".sql"))
  .sort();
const ledgerTables = ["ledger_events", "ledger_entries"];

/** Columns `ALTER TABLE … ADD`ed to the ledger tables, with the migration index and whether NOT NULL. */
function addedColumns(): { migration: number; table: string; column: string; notNull: boolean }[] {
  return migrations.flatMap((file, migration) =>
    [...readFileSync(new URL(file, DRIZZLE), "utf8").matchAll(/ALTER TABLE `(\w+)` ADD `(\w+)`([^;]*)/g)]
      .filter((m) => ledgerTables.includes(m[1]!))
      .map((m) => ({ migration, table: m[1]!, column: m[2]!, notNull: /NOT NULL/i.test(m[3]!) })),
  );
}

/** The columns of `table` in 0000_init.sql's CREATE TABLE, in order. */
function initialColumns(table: string): string[] {
  const init = readFileSync(new URL(migrations[0]!, DRIZZLE), "utf8");
  const body = new RegExp(`CREATE TABLE \`${table}\` \\(([\\s\\S]*?)\\n\\);`).exec(init)?.[1] ?? "";
  return [...body.matchAll(/^\s*`(\w+)`/gm)].map((m) => m[1]!);
}

describe("columns added to the ledger after the chain began", () => {
  it("are nullable members of SEALED_LATER, one generation per migration in order, or entry copies of the event", () => {
    const sealedLater = new Map(
      SEALED_LATER.flatMap((generation, g) => generation.map((c) => [c, g] as const)),
    );
    const byMigration = new Map<number, Set<number>>();
    const added = addedColumns();
    expect(added.length).toBeGreaterThan(0);
    for (const { migration, table, column, notNull } of added) {
      const generation = sealedLater.get(column);
      if (generation === undefined) {
        // Not sealed at all: only an entry's copy of its event's own (sealed) columns may be left out.
        expect({ table, column, notNull }).toMatchObject({ table: "ledger_entries" });
        expect(["worker_ref", "event_type"]).toContain(column);
        continue;
      }
      expect({ column, notNull }).toEqual({ column, notNull: false });
      byMigration.set(migration, (byMigration.get(migration) ?? new Set()).add(generation));
    }
    const generationsInOrder = [...byMigration.entries()].sort(([a], [b]) => a - b).map(([, g]) => [...g]);
    expect(generationsInOrder).toEqual(SEALED_LATER.map((_, g) => [g]));
  });

  describe("an event that sets none of them", () => {
    let inst: LocalInstance;
    beforeAll(async () => {
      inst = await startLocalInstance();
      const p = await inst.createPlatform("sealco");
      expect(
        (await p.sender.send(payoutEvent({ id: "plain-1", worker: "w1", amount: "120.00" }))).status,
      ).toBe(201);
      expect(
        (
          await p.sender.send(
            payoutEvent({ id: "plain-2", worker: "w1", amount: "30.00", reverses: "plain-1" }),
          )
        ).status,
      ).toBe(201);
      expect((await inst.admin("GET", "/v1/ledger/verify")).status).toBe(200);
    });
    afterAll(async () => inst?.close());

    it("seals as it did before the newest generation of columns", async () => {
      const rulesV2 = addedColumns().filter(
        (c) => c.migration === migrations.findIndex((f) => f.startsWith("0005_")),
      );
      const eventCols = initialColumns("ledger_events")
        .map((c) => `ev."${c}"`)
        .join(", ");
      const entryCols = [
        ...initialColumns("ledger_entries"),
        ...rulesV2.filter((c) => c.table === "ledger_entries").map((c) => c.column),
      ]
        .map((c) => `en."${c}"`)
        .join(", ");
      expect(initialColumns("ledger_events").length).toBeGreaterThan(10);
      const [unset] = await inst.database.db.all<{ events_v2: number; entries_without_fraction: number }>(
        sql`SELECT (SELECT count(*) FROM ledger_events WHERE task_attributes IS NOT NULL OR components IS NOT NULL) AS events_v2,
                   (SELECT count(*) FROM ledger_entries WHERE base_fraction IS NULL) AS entries_without_fraction`,
      );
      expect(unset).toEqual({ events_v2: 0, entries_without_fraction: 0 });
      const rows = await inst.database.db.all<{
        seq: number;
        content: string;
        prev_hash: string;
        hash: string;
      }>(
        sql.raw(`SELECT ev.id AS seq, s.prev_hash, s.hash,
          json_array(json_array(${eventCols}),
            (SELECT json_group_array(json(x)) FROM (SELECT json_array(${entryCols}) AS x FROM ledger_entries en
              WHERE en.platform_id = ev.platform_id AND en.event_id = ev.event_id ORDER BY en.id))) AS content
          FROM ledger_events ev JOIN ledger_seals s ON s.event_seq = ev.id ORDER BY ev.id`),
      );
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(linkHash(row.prev_hash, row.content)).toBe(row.hash);
    });
  });
});
