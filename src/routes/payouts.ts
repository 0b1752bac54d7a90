/**
 * POST /v1/payouts?platform=<slug> — a platform's signed webhook delivery (Standard Webhooks).
 *
 * Body: one event, or {"events": [...]} with at most MAX_EVENTS_PER_DELIVERY events (1 MiB at most).
 * One event: 201 with its result (recorded), 200 (duplicate: the original result), 409 (same id, other
 * content) or 422 problem+json. A batch: 200 with `results` in delivery order, each a result or a
 * problem; the valid events are recorded even when others are rejected.
 * Path: signature (http/webhook-signature.ts) -> validation and contributions (ledger/record-payouts.ts).
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { platforms } from "../db/schema.js";
import type { AppDeps } from "../deps.js";
import type { AppEnv } from "../http/auth.js";
import { requireJson, limitBody } from "../http/limits.js";
import { fail, problemOfRejection, problemResponse } from "../http/problem.js";
import { verifyWebhook, webhookKey } from "../http/webhook-signature.js";
import { LedgerBusyError, recordPayouts, type EventOutcome } from "../ledger/record-payouts.js";
import { deliveryEnvelopeSchema } from "../schemas/payout-event.js";

export const MAX_DELIVERY_BYTES = 1024 * 1024;

/** Webhook keys by platform slug, decrypted once per process (the ciphertext is part of the key, so a rotated secret is picked up). */
function webhookKeys(deps: AppDeps) {
  const cache = new Map<string, { ciphertext: string; key: Promise<CryptoKey> }>();
  return async (slug: string): Promise<{ platformId: number; key: CryptoKey } | undefined> => {
    const [platform] = await deps.database.db.select({ id: platforms.id, ciphertext: platforms.webhookSecretCiphertext }).from(platforms).where(eq(platforms.slug, slug));
    if (!platform) return undefined;
    let cached = cache.get(slug);
    if (!cached || cached.ciphertext !== platform.ciphertext) {
      cached = { ciphertext: platform.ciphertext, key: deps.secretBox.open(platform.ciphertext).then(webhookKey) };
      cache.set(slug, cached);
    }
    return { platformId: platform.id, key: await cached.key };
  };
}

function renderOutcome(outcome: EventOutcome) {
  if ("result" in outcome) return outcome.result;
  return { id: outcome.id, status: outcome.status, problem: problemOfRejection(outcome.rejection, outcome.id) };
}

export function payoutRoutes(deps: AppDeps) {
  const keyOf = webhookKeys(deps);
  return new Hono<AppEnv>().post("/v1/payouts", limitBody(MAX_DELIVERY_BYTES), requireJson, async (c) => {
    const slug = c.req.query("platform") ?? "";
    const rawBody = await c.req.text();
    const platform = /^[a-z0-9-]{1,64}$/.test(slug) ? await keyOf(slug) : undefined;
    const headers = { id: c.req.header("webhook-id"), timestamp: c.req.header("webhook-timestamp"), signature: c.req.header("webhook-signature") };
    const failure = platform ? await verifyWebhook(platform.key, headers, rawBody, Math.floor(deps.now().getTime() / 1000)) : "unknown-platform";
    if (!platform || failure) fail("invalid-signature", 401, `webhook verification failed (${failure}); sign with the platform's whsec_ secret and name it with ?platform=<slug>`);

    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      fail("invalid-request", 400, "the body is not valid JSON");
    }
    const envelope = deliveryEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      fail("invalid-request", 400, "send one event object or {\"events\": [...]} with 1 to 1000 events", {
        errors: envelope.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    }
    const isBatch = "events" in envelope.data && Array.isArray(envelope.data.events);
    const inputs = isBatch ? (envelope.data.events as unknown[]) : [envelope.data];
    let outcomes: EventOutcome[];
    try {
      outcomes = await recordPayouts({ ...deps.database, fx: deps.fx, ruleBook: deps.ruleBook, nationalIdKey: deps.nationalIdKey, now: deps.now }, platform.platformId, inputs);
    } catch (error) {
      if (error instanceof LedgerBusyError) return problemResponse(c, { type: "https://contribution-ledger.dev/problems/ledger-busy", title: "The ledger is busy; retry", status: 503, detail: error.message }, { "retry-after": "1" });
      throw error;
    }
    void deps.sealer.schedule();
    if (isBatch) return c.json({ results: outcomes.map(renderOutcome) }, 200);
    const [outcome] = outcomes as [EventOutcome];
    if ("result" in outcome) return c.json(outcome.result, outcome.status === "recorded" ? 201 : 200);
    return problemResponse(c, problemOfRejection(outcome.rejection, outcome.id));
  });
}
