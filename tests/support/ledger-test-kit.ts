/**
 * Test helpers over a LocalInstance (scripts/lib/local-instance.ts): raw signed deliveries (any body,
 * content type or timestamp, which scripts/lib/deliver.ts cannot send), event builders and row counts.
 */
import { sql } from "drizzle-orm";
import type { LocalInstance } from "../../scripts/lib/local-instance.js";
import { signWebhook } from "../../src/http/webhook-signature.js";
import { webhookKey } from "../../src/security/webhook-secrets.js";

export interface RawDelivery {
  /** Raw body, signed and sent as is: a string (its UTF-8 bytes) or exact bytes (a BOM, invalid UTF-8). */
  raw: string | Uint8Array<ArrayBuffer>;
  /** Platform slug in ?platform= (default: the signing platform's). */
  slug: string;
  /** whsec_ secret that signs the delivery. */
  secret: string;
  /** Unix seconds in webhook-timestamp (default: now). */
  timestampS?: number;
  contentType?: string;
  webhookId?: string;
  /** Replaces the computed webhook-signature header. */
  signature?: string;
  /** Signs these instead of `raw` (a sender that signed other bytes than it sent). */
  signedRaw?: string | Uint8Array<ArrayBuffer>;
  /**
   * Sends `connection: close`, for a body the server refuses unread (413): @hono/node-server answers it
   * with `connection: keep-alive` and then may drop the socket, which would fail the next pooled request.
   */
  closeConnection?: boolean;
}

let counter = 0;

/** POSTs a Standard Webhooks delivery to /v1/payouts built from the parts given. */
export async function postDelivery(baseUrl: string, d: RawDelivery): Promise<Response> {
  const timestampS = d.timestampS ?? Math.floor(Date.now() / 1000);
  const webhookId = d.webhookId ?? `msg_test_${(counter++).toString(36)}`;
  const signature =
    d.signature ??
    (await signWebhook(await webhookKey(d.secret), webhookId, timestampS, d.signedRaw ?? d.raw));
  return fetch(`${baseUrl}/v1/payouts?platform=${encodeURIComponent(d.slug)}`, {
    method: "POST",
    headers: {
      "content-type": d.contentType ?? "application/json",
      "webhook-id": webhookId,
      "webhook-timestamp": String(timestampS),
      "webhook-signature": signature,
      ...(d.closeConnection ? { connection: "close" } : {}),
    },
    body: d.raw,
  });
}

export interface PayoutSpec {
  id: string;
  worker: string;
  amount: string;
  currency?: string;
  occurredAt?: string;
  country?: string;
  nationalId?: string;
  reverses?: string;
}

/** A payout (or, with `reverses`, a reversal) event in the wire format of docs/design.md §5; DE, EUR, 2026-03-10 by default. */
export function payoutEvent(p: PayoutSpec) {
  return {
    id: p.id,
    type: p.reverses ? "reversal" : "payout",
    occurred_at: p.occurredAt ?? "2026-03-10T10:00:00Z",
    worker: {
      id: p.worker,
      country: p.country ?? "DE",
      ...(p.nationalId ? { national_id: p.nationalId } : {}),
    },
    amount: p.amount,
    currency: p.currency ?? "EUR",
    ...(p.reverses ? { reverses: p.reverses } : {}),
  };
}

/** Row counts of the ledger tables, to show that a refused request changed nothing. */
export async function ledgerCounts(instance: LocalInstance): Promise<{ events: number; entries: number }> {
  const [row] = await instance.database.db.all<{ events: number; entries: number }>(
    sql`SELECT (SELECT count(*) FROM ledger_events) AS events, (SELECT count(*) FROM ledger_entries) AS entries`,
  );
  return { events: Number(row!.events), entries: Number(row!.entries) };
}

export interface EntryView {
  event_id: string;
  rule_code: string;
  period_key: string;
  month: string;
  seq: number;
  amount_minor: number;
  rounded_to_date_minor: number;
  base_delta: string;
  fx_rate: string | null;
  subject_key: string;
}

/** Ledger entries of some events (all when `eventIds` is omitted), in ledger order. */
export async function entriesOf(instance: LocalInstance, eventIds?: readonly string[]): Promise<EntryView[]> {
  const rows = await instance.database.db.all<EntryView>(
    sql`SELECT event_id, rule_code, period_key, month, seq, amount_minor, rounded_to_date_minor, base_delta, fx_rate, subject_key FROM ledger_entries ORDER BY id`,
  );
  return eventIds ? rows.filter((r) => eventIds.includes(r.event_id)) : rows;
}
