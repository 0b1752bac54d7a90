/**
 * A platform's monthly remittance statement and its reconciliation (README "Reports for agencies").
 *
 * Statement of platform `platformId` for local month `period` ("YYYY-MM", the payouts' month; a
 * reversal's entries carry its payout's month): every ledger entry of the platform for that month, from
 * events with ledger sequence ≤ the sealed chain head, summed per jurisdiction × scheme × currency into
 * `withheld` (payer = worker: what the platform withheld from workers) and `owed` (payer = platform: its
 * own share), with `total` = withheld + owed and the sorted ids of the events behind the line. Amounts are
 * exact sums of the entries' integer minor units (Dec), formatted with the currency's digits, so per
 * currency Σ lines (withheld + owed) = Σ the platform's entries of the month.
 * `due_date` is the ledger's period close date (src/domain/months.ts: day 5 of the next month), not a
 * statutory payment date; `due_date_basis` says so.
 *
 * Reconciliation: the platform sends its own per-event totals (event id, currency, withheld, owed as
 * signed decimal strings); the answer lists each event whose totals differ from the ledger's, each event the
 * ledger does not have for the month (`missing_in_ledger`) and each ledger event the platform left out
 * (`missing_in_platform`), with differences = platform − ledger.
 */
import { stringify } from "csv-stringify/sync";
import { csvCellOptions } from "../domain/csv-cells.js";
import { and, eq, lte, sql } from "drizzle-orm";
import { ledgerEntries, ledgerEvents } from "../db/schema.js";
import { compositeKey, groupBy, SumsByKey } from "../domain/grouping.js";
import { Dec, formatMinor } from "../domain/money.js";
import type { ReconciliationDifference, RemittanceStatement } from "../schemas/statement.js";
import { byKeys, compareCodeUnits } from "../domain/ordering.js";
import type { ReportDeps } from "./report-deps.js";
import { closeDate } from "../domain/months.js";

/** Ledger totals of one event in one currency, integer minor units. */
export interface EventTotals {
  eventId: string;
  currency: string;
  withheldMinor: Dec;
  owedMinor: Dec;
}

/** Per-event sums of the platform's entries for `period`, each with its jurisdiction and scheme split. */
async function loadEntrySums(
  deps: Pick<ReportDeps, "database">,
  platformId: number,
  period: string,
  upToSeq: number,
) {
  const rows = await deps.database.db
    .select({
      jurisdiction: ledgerEntries.jurisdiction,
      scheme: ledgerEntries.scheme,
      currency: ledgerEntries.currency,
      payer: ledgerEntries.payer,
      eventId: ledgerEntries.eventId,
      minor: sql<string>`CAST(sum(${ledgerEntries.amountMinor}) AS TEXT)`,
    })
    .from(ledgerEntries)
    .innerJoin(
      ledgerEvents,
      and(
        eq(ledgerEvents.platformId, ledgerEntries.platformId),
        eq(ledgerEvents.eventId, ledgerEntries.eventId),
      ),
    )
    .where(
      and(
        eq(ledgerEntries.platformId, platformId),
        eq(ledgerEntries.month, period),
        lte(ledgerEvents.id, upToSeq),
      ),
    )
    .groupBy(
      ledgerEntries.jurisdiction,
      ledgerEntries.scheme,
      ledgerEntries.currency,
      ledgerEntries.payer,
      ledgerEntries.eventId,
    );
  return rows.map((r) => ({ ...r, minor: new Dec(r.minor) }));
}

/** One row of `loadEntrySums`: an event's entries of one jurisdiction, scheme, currency and payer, summed. */
type EntrySum = Awaited<ReturnType<typeof loadEntrySums>>[number];

/** A statement line before formatting: its fields, exact sums (minor units) and event ids in first-seen order. */
interface LineSums {
  jurisdiction: string;
  scheme: string;
  currency: string;
  withheld: Dec;
  owed: Dec;
  eventIds: string[];
}

const payerSide = (payer: "worker" | "platform") => (payer === "worker" ? "withheld" : "owed");

/** The statement's lines per jurisdiction, scheme and currency, sorted so (code units). */
function statementLines(sums: readonly EntrySum[]): LineSums[] {
  const totals = new SumsByKey<EntrySum, "withheld" | "owed">(["withheld", "owed"]);
  const eventsOf = groupBy(sums, (s) => compositeKey(s.jurisdiction, s.scheme, s.currency));
  for (const s of sums)
    totals.add(compositeKey(s.jurisdiction, s.scheme, s.currency), s, { [payerSide(s.payer)]: s.minor });
  return totals
    .slots()
    .map(({ item: { jurisdiction, scheme, currency }, sums: { withheld, owed } }) => ({
      jurisdiction,
      scheme,
      currency,
      withheld,
      owed,
      eventIds: [
        ...new Set((eventsOf.get(compositeKey(jurisdiction, scheme, currency)) ?? []).map((s) => s.eventId)),
      ],
    }))
    .sort(
      byKeys(
        (l) => l.jurisdiction,
        (l) => l.scheme,
        (l) => l.currency,
      ),
    );
}

/** The ledger's totals per event and currency, in first-seen order. */
function eventTotals(sums: readonly EntrySum[]): EventTotals[] {
  const totals = new SumsByKey<EntrySum, "withheld" | "owed">(["withheld", "owed"]);
  for (const s of sums) totals.add(compositeKey(s.eventId, s.currency), s, { [payerSide(s.payer)]: s.minor });
  return totals.slots().map(({ item, sums: { withheld, owed } }) => ({
    eventId: item.eventId,
    currency: item.currency,
    withheldMinor: withheld,
    owedMinor: owed,
  }));
}

/** Per currency, sums of the lines, sorted by currency (code units). */
function currencyTotals(lines: readonly LineSums[]): RemittanceStatement["totals"] {
  const totals = new SumsByKey<LineSums, "withheld" | "owed">(["withheld", "owed"]);
  for (const l of lines) totals.add(l.currency, l, { withheld: l.withheld, owed: l.owed });
  return totals
    .slots()
    .sort((a, b) => compareCodeUnits(a.item.currency, b.item.currency))
    .map(({ item: { currency }, sums: { withheld, owed } }) => ({
      currency,
      withheld: formatMinor(withheld, currency),
      owed: formatMinor(owed, currency),
      total: formatMinor(withheld.plus(owed), currency),
    }));
}

/** The statement (module doc); seals the ledger first. */
export async function remittanceStatement(
  deps: Pick<ReportDeps, "database" | "sealer" | "now">,
  platform: { platformId: number; slug: string },
  period: string,
): Promise<{ statement: RemittanceStatement; perEvent: EventTotals[] }> {
  const head = await deps.sealer.flush();
  const sums = await loadEntrySums(deps, platform.platformId, period, head.eventSeq);
  const lines = statementLines(sums);
  const due = closeDate(period);
  return {
    perEvent: eventTotals(sums),
    statement: {
      platform: platform.slug,
      period,
      generated_at: deps.now().toISOString(),
      chain_head: { event_seq: head.eventSeq, hash: head.hash },
      due_date_basis: "ledger_period_close",
      lines: lines.map((l) => ({
        jurisdiction: l.jurisdiction,
        scheme: l.scheme,
        currency: l.currency,
        withheld: formatMinor(l.withheld, l.currency),
        owed: formatMinor(l.owed, l.currency),
        total: formatMinor(l.withheld.plus(l.owed), l.currency),
        due_date: due,
        events: l.eventIds.length,
        event_ids: [...l.eventIds].sort(compareCodeUnits),
      })),
      totals: currencyTotals(lines),
    },
  };
}

/** Columns of the statement CSV; `event_ids` holds the line's event ids separated by spaces. */
export const STATEMENT_COLUMNS = [
  "jurisdiction",
  "scheme",
  "currency",
  "withheld",
  "owed",
  "total",
  "due_date",
  "events",
  "event_ids",
] as const;

/** The statement's lines as RFC 4180 CSV (header row, CRLF), via csv-stringify, formula cells neutralised (src/domain/csv-cells.ts). */
export function statementCsv(statement: RemittanceStatement): string {
  return stringify(
    statement.lines.map((l) => ({ ...l, event_ids: l.event_ids.join(" ") })),
    { header: true, columns: [...STATEMENT_COLUMNS], record_delimiter: "windows", ...csvCellOptions() },
  );
}

/** A platform's own totals of one event, already parsed into integer minor units. */
export interface PlatformEventTotals {
  event_id: string;
  currency: string;
  withheldMinor: number;
  owedMinor: number;
}

/**
 * Compares the platform's per-event totals with the ledger's (`perEvent` of the statement), keyed by event
 * id and currency. Returns the number of events that match and the differences, sorted by event id and
 * currency. A key the platform sends twice is summed. Pure.
 */
export function reconcile(
  ledger: readonly EventTotals[],
  platform: readonly PlatformEventTotals[],
): { matched: number; differences: ReconciliationDifference[] } {
  const theirs = new SumsByKey<PlatformEventTotals, "withheld" | "owed">(["withheld", "owed"]);
  for (const p of platform)
    theirs.add(compositeKey(p.event_id, p.currency), p, { withheld: p.withheldMinor, owed: p.owedMinor });
  const ours = new Map(ledger.map((l) => [compositeKey(l.eventId, l.currency), l]));
  const keys = new Map<string, { eventId: string; currency: string }>([
    ...ledger.map((l) => [compositeKey(l.eventId, l.currency), l] as const),
    ...platform.map(
      (p) => [compositeKey(p.event_id, p.currency), { eventId: p.event_id, currency: p.currency }] as const,
    ),
  ]);
  const differences: ReconciliationDifference[] = [];
  let matched = 0;
  const side = (withheld: Dec, owed: Dec, currency: string) => ({
    withheld: formatMinor(withheld, currency),
    owed: formatMinor(owed, currency),
  });
  for (const [key, { eventId, currency }] of keys) {
    const l = ours.get(key);
    const t = theirs.get(key)?.sums;
    const lw = l?.withheldMinor ?? new Dec(0);
    const lo = l?.owedMinor ?? new Dec(0);
    const tw = t?.withheld ?? new Dec(0);
    const to = t?.owed ?? new Dec(0);
    if (l && t && lw.eq(tw) && lo.eq(to)) {
      matched++;
      continue;
    }
    differences.push({
      event_id: eventId,
      currency,
      kind: !l ? "missing_in_ledger" : !t ? "missing_in_platform" : "amount_mismatch",
      ledger: l ? side(lw, lo, currency) : null,
      platform: t ? side(tw, to, currency) : null,
      difference: side(tw.minus(lw), to.minus(lo), currency),
    });
  }
  differences.sort(
    (a, b) => compareCodeUnits(a.event_id, b.event_id) || compareCodeUnits(a.currency, b.currency),
  );
  return { matched, differences };
}
