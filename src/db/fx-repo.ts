/**
 * ECB reference rates: loading the published CSV and looking up the rate of a local date.
 *
 * Lookup: the latest quote on or before the payout's local date, at most ECB_MAX_AGE_DAYS older
 * (weekends and TARGET holidays have no quote); none -> undefined and the event is rejected.
 * Quotes are immutable reference data, so lookups are cached in memory for the life of the process.
 */
import { parse } from "csv-parse/sync";
import { and, desc, eq, lte, sql } from "drizzle-orm";
import { daysBetween, ECB_MAX_AGE_DAYS, type EcbQuote } from "../domain/fx.js";
import { insertJsonRows } from "./json-rows.js";
import type { Db } from "./client.js";
import { fxRates } from "./schema.js";

export class FxRates {
  private readonly cache = new Map<string, Promise<EcbQuote | undefined>>();

  constructor(private readonly db: Db) {}

  /** Quote of `currency` per EUR for local date `day`, or undefined when none is recent enough. */
  quote(currency: string, day: string): Promise<EcbQuote | undefined> {
    const key = `${currency}|${day}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.lookup(currency, day);
      this.cache.set(key, found);
    }
    return found;
  }

  private async lookup(currency: string, day: string): Promise<EcbQuote | undefined> {
    const [row] = await this.db
      .select()
      .from(fxRates)
      .where(and(eq(fxRates.currency, currency), lte(fxRates.rateDate, day)))
      .orderBy(desc(fxRates.rateDate))
      .limit(1);
    if (!row || daysBetween(day, row.rateDate) > ECB_MAX_AGE_DAYS) return undefined;
    return { currency, rateDate: row.rateDate, unitsPerEur: row.unitsPerEur };
  }
}

/**
 * Parses the ECB "eurofxref-hist.csv" (header `Date,USD,JPY,…`, "N/A" where not quoted) into quotes.
 */
export function parseEcbCsv(csv: string): EcbQuote[] {
  const records = parse(csv, { columns: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];
  const quotes: EcbQuote[] = [];
  for (const record of records) {
    const rateDate = record.Date;
    if (!rateDate) continue;
    for (const [currency, value] of Object.entries(record)) {
      if (currency === "Date" || !/^[A-Z]{3}$/.test(currency) || !/^[0-9]+(\.[0-9]+)?$/.test(value)) continue;
      quotes.push({ currency, rateDate, unitsPerEur: value });
    }
  }
  return quotes;
}

/** Inserts quotes not yet stored (idempotent), a few large JSON statements; returns the count of quotes given. */
export async function loadEcbQuotes(db: Db, quotes: readonly EcbQuote[]): Promise<number> {
  const [stored] = await db.select({ count: sql<number>`count(*)` }).from(fxRates);
  if (stored && stored.count >= quotes.length) return quotes.length;
  const rows = quotes.map(({ currency, rateDate, unitsPerEur }) => ({ currency, rateDate, unitsPerEur }));
  for (const insert of insertJsonRows(db, fxRates, rows, { onConflictDoNothing: true })) await insert;
  return quotes.length;
}
