/**
 * A platform's side of the webhook for the replay, the cases runner, benchmarks and tests: one signed
 * delivery at a time through the platform client (src/client/index.ts, `LedgerClient.send`: Standard
 * Webhooks, no retry), answering the raw Response so that callers can check any status.
 */
import { LedgerClient } from "../../src/client/index.js";

export interface Sender {
  /** Sends one delivery; `webhookId` defaults to a fresh id (a redelivery reuses the same id). */
  send(body: unknown, webhookId?: string): Promise<Response>;
}

/** A sender for platform `slug` of the service at `baseUrl`, signing with its whsec_ `secret`. */
export async function webhookSender(
  baseUrl: string,
  slug: string,
  secret: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Sender> {
  const client = new LedgerClient({ url: baseUrl, platform: slug, secret, fetch: fetchImpl });
  return { send: (body, webhookId) => client.send(body, webhookId) };
}
