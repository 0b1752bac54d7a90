/**
 * What the ledger's gauges read at scrape time (GET /metrics, src/routes/metrics.ts renders them), from
 * every ledger shard, so they are the same whichever instance is scraped:
 * - per shard (`shard`: "default" or its jurisdiction code): the ledger sequence of its last event and of
 *   its last sealed event (each shard has its own sequence and hash chain: docs/scale.md);
 * - per jurisdiction: its latest closed period and the close's instant (RFC 3339 UTC), from the shard
 *   that holds it.
 */
import { sql } from "drizzle-orm";
import type { ShardReaders } from "./shard-router.js";

export interface ShardSequence {
  shard: string;
  lastEvent: number;
  lastSealed: number;
}

export interface LatestClose {
  jurisdiction: string;
  period: string;
  closedAt: string;
}

/** The sequences of every shard (default first) and the latest close of every jurisdiction. */
export async function readLedgerGauges(
  readers: ShardReaders,
): Promise<{ sequences: ShardSequence[]; closes: LatestClose[] }> {
  const perShard = await Promise.all(
    readers.all().map(async ({ shard }) => {
      const { db } = shard.database;
      const [seq] = await db.all<{ last_event: number; last_sealed: number }>(
        sql`SELECT (SELECT coalesce(max(id), 0) FROM ledger_events) AS last_event,
                   (SELECT coalesce(max(event_seq), 0) FROM ledger_seals) AS last_sealed`,
      );
      const closes = await db.all<{ jurisdiction: string; period: string; closed_at: string }>(
        sql`SELECT jurisdiction, period, closed_at FROM period_closes pc
            WHERE period = (SELECT max(period) FROM period_closes WHERE jurisdiction = pc.jurisdiction)
            ORDER BY jurisdiction`,
      );
      return {
        sequence: {
          shard: shard.name,
          lastEvent: Number(seq?.last_event ?? 0),
          lastSealed: Number(seq?.last_sealed ?? 0),
        },
        closes: closes.map((r) => ({
          jurisdiction: r.jurisdiction,
          period: r.period,
          closedAt: r.closed_at,
        })),
      };
    }),
  );
  return { sequences: perShard.map((s) => s.sequence), closes: perShard.flatMap((s) => s.closes) };
}
