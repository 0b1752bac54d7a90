/**
 * A plain @libsql/client connection to an embedded libSQL file, configured as src/db/client.ts configures
 * the service's (WAL, synchronous=NORMAL, 5 s busy timeout, foreign keys, one connection), for the raw
 * write baseline and for SQL that the benchmarks run outside the service (reading rows back, generating
 * synthetic ledgers, VACUUM INTO copies).
 */
import { createClient, type Client } from "@libsql/client";

export async function openRawClient(path: string): Promise<Client> {
  const client = createClient({ url: `file:${path}`, timeout: 5_000, concurrency: 1 });
  for (const pragma of [
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA foreign_keys = ON",
  ])
    await client.execute(pragma);
  return client;
}
