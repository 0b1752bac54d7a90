/**
 * `contribution-ledger/client`: the typed platform client of POST /v1/payouts. ESM, WebCrypto and
 * `fetch` only (no Node-only API), so it runs on Node 20, in Workers, Deno and browsers.
 *
 *   const ledger = new LedgerClient({ url: "https://ledger.example", platform: "ridego", secret: "whsec_…" });
 *   const result = await ledger.payout({ id: "po-1", occurred_at: "2026-03-10T10:00:00Z", worker: { id: "w-42", country: "DE" }, amount: "100.00", currency: "EUR" });
 *   result.withhold_from_worker; // [{ amount: "18.05", currency: "EUR" }]
 *
 * - Types: events are the input type of the zod schema the server validates with
 *   (src/schemas/payout-event.ts), results the server's own result type (src/ledger/event-result.ts)
 *   and problem schema (src/http/openapi.ts); nothing is re-declared here.
 * - Signing: Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<HMAC-SHA256>`)
 *   with the platform's whsec_ secret, by the same WebCrypto code the server verifies with
 *   (src/http/webhook-signature.ts); deliveries verify under the official `standardwebhooks` library.
 * - Batching: `payouts()` sends {"events": [...]} deliveries of at most `maxBatchEvents` events (the
 *   server's MAX_EVENTS_PER_DELIVERY, 1,000) and `maxBatchBytes` bytes of JSON (1 MiB), in order.
 * - Retries: a 503 (ledger busy), a 429 (rate limited) or a network error is redelivered with the same
 *   webhook-id and the same body bytes (re-signed with a fresh timestamp), so a delivery the server
 *   had recorded answers `duplicate` on retry and is never counted twice. Delay before attempt n+1:
 *   full jitter over min(maxDelayMs, baseDelayMs·2^(n−1)), and at least what Retry-After asks (delta
 *   seconds or an HTTP date). At most `maxAttempts` deliveries; then LedgerError.
 * - Errors: a 4xx answer to one event (422 invalid, 409 conflict, 401 signature) throws LedgerError with
 *   the problem+json; in a batch, rejected events are results with `status` rejected|conflict and their
 *   `problem` (the others are recorded). Nothing is thrown for a duplicate.
 */
import type { z } from "zod";
import type { problemSchema } from "../schemas/problem.js";
import { signWebhook } from "../http/webhook-signature.js";
import { webhookKey } from "../security/webhook-secrets.js";
import type { PayoutAnswer, RejectedEvent } from "../schemas/payout-result.js";
import type { SignedReceipt } from "../schemas/receipt.js";
import { MAX_EVENTS_PER_DELIVERY, type payoutEventSchema } from "../schemas/payout-event.js";

/** A payout or reversal as the platform writes it (the schema's input type). */
export type PayoutEventInput = z.input<typeof payoutEventSchema>;
/** A payout: `type` defaults to "payout". */
export type PayoutInput = Omit<PayoutEventInput, "type" | "reverses"> & { type?: "payout" };
/** A reversal: names the payout it corrects. */
export type ReversalInput = Omit<PayoutEventInput, "type" | "reverses"> & { reverses: string };
export type Problem = z.infer<typeof problemSchema>;
/** An event's answer: its result and its signed receipt (README "Signed receipts"; check it with `npm run verify-receipt`). */
export type EventResult = PayoutAnswer;
export type { RejectedEvent, SignedReceipt };
export type BatchResult = EventResult | RejectedEvent;

/** The server's body limit of a delivery, in bytes (MAX_DELIVERY_BYTES of src/routes/payouts.ts). */
export const DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

export interface LedgerClientOptions {
  /** The service's root URL, e.g. https://ledger.example (no trailing path). */
  url: string;
  /** The platform's slug (?platform=). */
  platform: string;
  /** The platform's webhook secret, whsec_<base64>. */
  secret: string;
  /** The fetch to use (default globalThis.fetch; a Worker may pass a service binding's fetch). */
  fetch?: typeof fetch;
  /** Deliveries per request before giving up (default 6, at least 1). */
  maxAttempts?: number;
  /** Backoff base and cap, in ms (default 250 and 8,000). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Events and bytes per batch delivery (defaults: the server's limits). */
  maxBatchEvents?: number;
  maxBatchBytes?: number;
  /** Waits `ms` milliseconds (default setTimeout); tests may record the delays instead. */
  sleep?: (ms: number) => Promise<void>;
}

/** A delivery that failed: a problem+json answer (`status`, `problem`), or no answer after every attempt (`status` 0). */
export class LedgerError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly attempts: number,
  ) {
    super(message);
    this.name = "LedgerError";
  }
}

const RETRYABLE = new Set([429, 503]);

/** The delay Retry-After asks for, in ms (delta seconds or an HTTP date), or 0. */
export function retryAfterMs(header: string | null, nowMs: number = Date.now()): number {
  if (!header) return 0;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? 0 : Math.max(date - nowMs, 0);
}

export class LedgerClient {
  private readonly endpoint: string;
  private readonly key: Promise<CryptoKey>;
  private readonly fetchImpl: typeof fetch;
  private readonly options: Required<Omit<LedgerClientOptions, "fetch" | "url" | "platform" | "secret">>;

  /** Throws TypeError when `url` is not an absolute URL; the secret is checked on the first delivery. */
  constructor(options: LedgerClientOptions) {
    this.endpoint = new URL(
      `/v1/payouts?platform=${encodeURIComponent(options.platform)}`,
      options.url,
    ).toString();
    this.key = webhookKey(options.secret);
    this.key.catch(() => undefined); // a bad secret rejects each delivery, not the process (unhandled rejection)
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.options = {
      maxAttempts: Math.max(1, options.maxAttempts ?? 6),
      baseDelayMs: options.baseDelayMs ?? 250,
      maxDelayMs: options.maxDelayMs ?? 8_000,
      maxBatchEvents: Math.min(options.maxBatchEvents ?? MAX_EVENTS_PER_DELIVERY, MAX_EVENTS_PER_DELIVERY),
      maxBatchBytes: options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
  }

  /** Records one payout; resolves with its result (recorded or duplicate), throws LedgerError otherwise. */
  payout(event: PayoutInput, options: { webhookId?: string } = {}): Promise<EventResult> {
    return this.one({ ...event, type: "payout" }, options.webhookId);
  }

  /** Records a reversal of the payout `reversal.reverses`; as `payout`. */
  reverse(reversal: ReversalInput, options: { webhookId?: string } = {}): Promise<EventResult> {
    return this.one({ ...reversal, type: "reversal" }, options.webhookId);
  }

  /**
   * Records events in batch deliveries (see the module doc); resolves with one result per event, in
   * order. `webhookId` names the first delivery; the n-th after it is `${webhookId}.${n}`.
   * Throws LedgerError when a delivery fails as a whole (then later batches are not sent).
   */
  async payouts(
    events: readonly PayoutEventInput[],
    options: { webhookId?: string } = {},
  ): Promise<BatchResult[]> {
    const results: BatchResult[] = [];
    const base = options.webhookId ?? newWebhookId();
    for (const [n, batch] of this.batches(events).entries()) {
      const { res, attempts } = await this.deliver({ events: batch }, n === 0 ? base : `${base}.${n}`);
      const body = (await jsonOf(res)) as { results?: BatchResult[] } | undefined;
      if (res.status !== 200 || body?.results?.length !== batch.length)
        throw failure(res.status, body, attempts);
      results.push(...body.results);
    }
    return results;
  }

  /** One signed delivery of `body` under `webhookId`, a single attempt with no retry: the raw answer. */
  async send(body: unknown, webhookId: string = newWebhookId()): Promise<Response> {
    return this.post(JSON.stringify(body), webhookId);
  }

  private async one(event: PayoutEventInput, webhookId: string | undefined): Promise<EventResult> {
    const { res, attempts } = await this.deliver(event, webhookId ?? newWebhookId());
    const body = await jsonOf(res);
    if ((res.status === 200 || res.status === 201) && body !== undefined) return body as EventResult;
    throw failure(res.status, body, attempts);
  }

  /** Splits events into batches within the event and byte limits, keeping their order. */
  private batches(events: readonly PayoutEventInput[]): PayoutEventInput[][] {
    const batches: PayoutEventInput[][] = [];
    let current: PayoutEventInput[] = [];
    let bytes = 12; // {"events":[]}
    for (const event of events) {
      const size = new TextEncoder().encode(JSON.stringify(event)).length + 1;
      if (
        current.length > 0 &&
        (current.length === this.options.maxBatchEvents || bytes + size > this.options.maxBatchBytes)
      ) {
        batches.push(current);
        [current, bytes] = [[], 12];
      }
      current.push(event);
      bytes += size;
    }
    if (current.length > 0) batches.push(current);
    return batches;
  }

  /** Delivers `body` with retries (module doc); resolves with the first answer that is not retried and the attempts it took. */
  private async deliver(body: unknown, webhookId: string): Promise<{ res: Response; attempts: number }> {
    const raw = JSON.stringify(body);
    const { maxAttempts, baseDelayMs, maxDelayMs, sleep } = this.options;
    let last = "";
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let waitMs = 0;
      try {
        const res = await this.post(raw, webhookId);
        if (!RETRYABLE.has(res.status)) return { res, attempts: attempt };
        last = `HTTP ${res.status}`;
        waitMs = retryAfterMs(res.headers.get("retry-after"));
        await res.body?.cancel();
      } catch (error) {
        const cause =
          error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
        last = `network error: ${error instanceof Error ? error.message : String(error)}${cause}`;
      }
      if (attempt < maxAttempts)
        await sleep(Math.max(waitMs, Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))));
    }
    throw new LedgerError(
      `delivery ${webhookId}: ${last} (after ${maxAttempts} attempts)`,
      0,
      undefined,
      maxAttempts,
    );
  }

  private async post(raw: string, webhookId: string): Promise<Response> {
    const timestamp = Math.floor(Date.now() / 1000);
    return this.fetchImpl(this.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": webhookId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": await signWebhook(await this.key, webhookId, timestamp, raw),
      },
      body: raw,
    });
  }
}

/** A fresh webhook id, msg_<UUID v4> (WebCrypto). */
function newWebhookId(): string {
  return `msg_${crypto.randomUUID()}`;
}

/** The JSON body of an answer, or undefined when it is not JSON (a proxy's HTML page). */
async function jsonOf(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The LedgerError of an answer that is not a result: its problem+json when it has one. */
function failure(status: number, body: unknown, attempts: number): LedgerError {
  const problem =
    typeof body === "object" && body !== null && "type" in body && "title" in body
      ? (body as Problem)
      : undefined;
  return new LedgerError(
    problem ? `HTTP ${status}: ${problem.title}: ${problem.detail}` : `HTTP ${status}: not a result`,
    status,
    problem,
    attempts,
  );
}
