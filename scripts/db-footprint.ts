/**
 * `npm run footprint -- [--db file:data/ledger.db]`: the rows and bytes a ledger database holds per
 * event, for the capacity model (docs/scale.md). With LEDGER_SHARDS set (src/config.ts), every shard in
 * turn. Prints, per database: each table's rows and bytes (SQLite's dbstat: pages of the table and its
 * indexes, so free space inside pages counts), the file's page total, and bytes and rows per ledger event.
 */
import { sql } from "drizzle-orm";
import { parseArgs } from "node:util";
import type { Db } from "../src/db/database.js";
import { openNodeShards } from "./lib/node-shards.js";

const TABLES = ["ledger_events", "ledger_entries", "ledger_seals", "period_closes"] as const;

async function footprint(db: Db): Promise<string[]> {
  const sizes = await db.all<{ name: string; tbl: string; bytes: number }>(
    sql`SELECT d.name AS name, coalesce(m.tbl_name, d.name) AS tbl, sum(d.pgsize) AS bytes
        FROM dbstat d LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY d.name`,
  );
  const byTable = new Map<string, number>();
  for (const s of sizes) byTable.set(s.tbl, (byTable.get(s.tbl) ?? 0) + Number(s.bytes));
  const total = sizes.reduce((n, s) => n + Number(s.bytes), 0);
  const lines: string[] = [];
  let ledgerBytes = 0;
  let ledgerRows = 0;
  let events = 0;
  for (const table of TABLES) {
    const [row] = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`));
    const rows = Number(row?.n ?? 0);
    const bytes = byTable.get(table) ?? 0;
    if (table === "ledger_events") events = rows;
    ledgerBytes += bytes;
    ledgerRows += rows;
    lines.push(`  ${table.padEnd(16)} ${String(rows).padStart(10)} rows ${String(bytes).padStart(12)} bytes`);
  }
  const per = (n: number) => (events === 0 ? "-" : (n / events).toFixed(1));
  lines.push(
    `  ledger tables ${ledgerBytes} bytes of ${total} in the file; per event: ${per(ledgerBytes)} bytes, ${per(ledgerRows)} rows (file: ${per(total)} bytes)`,
  );
  return lines;
}

const { values } = parseArgs({
  options: { db: { type: "string", default: process.env.DATABASE_URL ?? "file:data/ledger.db" } },
});
const ledger = await openNodeShards(
  values.db ?? "file:data/ledger.db",
  process.env.DATABASE_AUTH_TOKEN,
  process.env.LEDGER_SHARDS,
);
for (const { shard } of ledger.all()) {
  console.log(`shard ${shard.name}:`);
  for (const line of await footprint(shard.database.db)) console.log(line);
}
await ledger.close();
