/**
 * The ledger's write path above its shards (src/db/shards.ts, docs/scale.md): what the webhook route
 * calls (`submit`, the same contract as GroupCommitter.submit).
 *
 * - **One shard**: the delivery goes to the default shard's group committer as it is.
 * - **Several**: the delivery's valid commands (the route answers the invalid events itself) are split
 *   by each event's `worker.country` into one sub-delivery per shard; each is recorded by its shard's own GroupCommitter (one writer, one group commit and one
 *   hash chain per shard, sealed by the shard's Sealer) and the outcomes are answered in the delivery's
 *   order. The sub-deliveries are written concurrently and separately: when one shard refuses with
 *   LedgerBusyError the delivery gets 503, and what the other shards recorded is a duplicate when the
 *   platform redelivers.
 * - **Cross-shard idempotency.** Before any shard write, every command's (platform, event id) is
 *   claimed for its country in the control plane (`ledger_event_claims`: INSERT OR IGNORE, then read back,
 *   in one batch, so of two concurrent deliveries exactly one claim wins). An event whose claim names
 *   another country is a 409 idempotency conflict and reaches no shard; the same id and country goes to
 *   its shard, whose own check tells a duplicate from a conflicting content. A claim stays when its shard
 *   then refuses the event (422): that id may be sent again for the same country only.
 * - Before a non-default shard is written, its reference mirror is brought up to date (ReferenceMirror).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Database, Db } from "../db/database.js";
import { insertJsonRows, jsonList } from "../db/json-rows.js";
import { ledgerEventClaims } from "../db/schema.js";
import { DEFAULT_SHARD, type LedgerShard, type ReferenceMirror } from "../db/shards.js";
import type { PayoutCommand } from "../schemas/payout-event.js";
import type { GroupCommitter } from "./group-commit.js";
import type { EventOutcome } from "./record-payouts.js";
import type { Sealer } from "./seal.js";

/** What a read of one shard needs: its map entry, sealer and (not the default shard) reference mirror. */
export interface ShardReader {
  shard: LedgerShard;
  sealer: Sealer;
  mirror?: ReferenceMirror;
}

/** The shards as reads see them (ShardRouter, or a script's readers without committers). */
export interface ShardReaders {
  /** The reader of a jurisdiction's shard (the same object `all()` holds). */
  forJurisdiction(code: string | undefined): ShardReader;
  /** Every shard's reader, the default first. */
  all(): ShardReader[];
}

/** What the router holds per shard: a reader and the shard's group committer. */
export interface ShardWriter extends ShardReader {
  committer: GroupCommitter;
}

interface Routed {
  /** Indexes into the delivery. */
  indices: number[];
  writer: ShardWriter;
}

/** Routes deliveries to the ledger shards of their events (module doc). */
export class ShardRouter implements ShardReaders {
  private readonly byName = new Map<string, ShardWriter>();

  /** `writers`: one per shard of the map, the default shard's among them. */
  constructor(
    private readonly control: Db,
    writers: readonly ShardWriter[],
  ) {
    for (const w of writers) this.byName.set(w.shard.name, w);
  }

  /** The writer of a jurisdiction's shard (the default shard's for a code without its own). */
  forJurisdiction(code: string | undefined): ShardWriter {
    const own = code === undefined ? undefined : this.byName.get(code);
    return own ?? this.defaultWriter();
  }

  /** Every shard's writer, the default first. */
  all(): ShardWriter[] {
    const rest = [...this.byName.values()].filter((w) => w.shard.name !== DEFAULT_SHARD);
    return [this.defaultWriter(), ...rest.sort((a, b) => a.shard.name.localeCompare(b.shard.name))];
  }

  /** Groups written and the deliveries they held since start, over every shard (GroupCommitter.written). */
  get written(): { groups: number; deliveries: number } {
    const each = this.all().map((w) => w.committer.written);
    return {
      groups: each.reduce((n, w) => n + w.groups, 0),
      deliveries: each.reduce((n, w) => n + w.deliveries, 0),
    };
  }

  /** Records one delivery's valid commands on the shards of their events; outcomes in command order. Throws what a shard's committer throws. */
  async submit(platformId: number, commands: readonly PayoutCommand[]): Promise<EventOutcome[]> {
    if (this.byName.size <= 1) return this.defaultWriter().committer.submit(platformId, commands);
    const outcomes: EventOutcome[] = new Array(commands.length);
    const claimed = await this.claim(platformId, commands);
    const routes = new Map<string, Routed>();
    commands.forEach((command, index) => {
      const { id, worker } = command;
      const owner = claimed.get(id);
      if (owner !== worker.country) {
        outcomes[index] = conflictOf(id, owner, worker.country);
        return;
      }
      const writer = this.forJurisdiction(worker.country);
      const route = routes.get(writer.shard.name) ?? { indices: [], writer };
      route.indices.push(index);
      routes.set(writer.shard.name, route);
    });
    await Promise.all(
      [...routes.values()].map(async ({ indices, writer }) => {
        await writer.mirror?.ensure([platformId]);
        const part = await writer.committer.submit(
          platformId,
          indices.flatMap((i) => commands[i] ?? []),
        );
        part.forEach((outcome, k) => {
          outcomes[indices[k] ?? 0] = outcome;
        });
        void writer.sealer.schedule();
      }),
    );
    return outcomes;
  }

  /** Claims each event id for its country (module doc); returns the country each id is claimed for. */
  private async claim(platformId: number, commands: readonly PayoutCommand[]): Promise<Map<string, string>> {
    const rows = commands.map((c) => ({ platformId, eventId: c.id, jurisdiction: c.worker.country }));
    if (rows.length === 0) return new Map();
    const readBack = this.control
      .select({ eventId: ledgerEventClaims.eventId, jurisdiction: ledgerEventClaims.jurisdiction })
      .from(ledgerEventClaims)
      .where(
        and(
          eq(ledgerEventClaims.platformId, platformId),
          sql`${ledgerEventClaims.eventId} IN ${jsonList(rows.map((r) => r.eventId))}`,
        ),
      );
    const inserts = insertJsonRows(this.control, ledgerEventClaims, rows, { onConflictDoNothing: true });
    const results = await this.control.batch([...inserts, readBack] as unknown as [typeof readBack]);
    const claims = results[results.length - 1] as Awaited<typeof readBack>;
    return new Map(claims.map((c) => [c.eventId, c.jurisdiction]));
  }

  private defaultWriter(): ShardWriter {
    const writer = this.byName.get(DEFAULT_SHARD);
    if (!writer) throw new Error("the shard router has no default shard");
    return writer;
  }
}

function conflictOf(id: string, owner: string | undefined, country: string): EventOutcome {
  return {
    status: "conflict",
    id,
    rejection: {
      code: "idempotency-conflict",
      detail: `event "${id}" was delivered before for jurisdiction ${owner ?? "another"}; sent again for ${country}, it conflicts`,
    },
  };
}

/**
 * The deps of one jurisdiction's ledger: its shard's database and sealer (the control plane's for a
 * jurisdiction without a shard). A shard's reference mirror is brought up to date first, so its reads
 * find the jurisdiction, rule versions and minimum wages (src/db/shards.ts).
 */
export async function shardDeps<D extends { database: Database; sealer: Sealer; ledger: ShardReaders }>(
  deps: D,
  code: string | undefined,
): Promise<D> {
  const writer = deps.ledger.forJurisdiction(code);
  await writer.mirror?.ensure([]);
  return { ...deps, database: writer.shard.database, sealer: writer.sealer };
}

/** The database of every ledger shard, the default (control) first: a worker who moved has events on two. */
export function ledgerDatabases(readers: ShardReaders): Db[] {
  return readers.all().map((reader) => reader.shard.database.db);
}
