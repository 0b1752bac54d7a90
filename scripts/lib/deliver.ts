/**
 * A platform's side of the webhook: signs a body with the platform's whsec_ secret (Standard Webhooks)
 * and POSTs it to /v1/payouts?platform=<slug>. Used by the replay, the cases runner, benchmarks and tests.
 */
import { signWebhook, webhookKey } from "../../src/http/webhook-signature.js";

export interface Sender {
  /** Sends one delivery; `webhookId` defaults to a fresh id (a redelivery reuses the same id). */
  send(body: unknown, webhookId?: string): Promise<Response>;
}

export async function webhookSender(baseUrl: string, slug: string, secret: string, fetchImpl: typeof fetch = fetch): Promise<Sender> {
  const key = await webhookKey(secret);
  let counter = 0;
  return {
    async send(body, webhookId = `msg_${Date.now().toString(36)}_${(counter++).toString(36)}`) {
      const raw = JSON.stringify(body);
      const timestamp = Math.floor(Date.now() / 1000);
      return fetchImpl(`${baseUrl}/v1/payouts?platform=${encodeURIComponent(slug)}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": webhookId,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": await signWebhook(key, webhookId, timestamp, raw),
        },
        body: raw,
      });
    },
  };
}
