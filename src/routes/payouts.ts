/**
 * POST /v1/payouts?platform=<slug> — a platform's signed webhook delivery (Standard Webhooks).
 *
 * Body: one event, or {"events": [...]} with at most MAX_EVENTS_PER_DELIVERY events (1 MiB at most).
 * One event: 201 with its result (recorded), 200 (duplicate: the original result), 409 (same id, other
 * content) or 422 problem+json. A batch: 200 with `results` in delivery order, each a result or a
 * problem; the valid events are recorded even when others are rejected.
 * Path: signature over the raw bytes received (http/webhook-signature.ts; any valid secret of the
 * platform, two during a rotation overlap, security/webhook-secrets.ts) -> 403 for a suspended platform
 * -> the platform's rate limit (http/rate-limit.ts, 429) -> the bytes decoded as UTF-8 (400 for invalid
 * UTF-8; a leading BOM is dropped) -> validation and contributions, recorded in a group with the
 * deliveries that arrive meanwhile (ledger/group-commit.ts; 503 with Retry-After when its queue is full).
 * The platform and its decrypted keys come from a cache (security/platform-keys.ts). The events go to
 * the ledger shards of their workers' countries (ledger/shard-router.ts); each receipt is read from its shard.
 * The body is verified as raw bytes, so the route is a plain Hono handler; its body schema is put in the
 * OpenAPI document with `registerPath` (the same zod schemas the events are validated with).
 * Single-event problems (409, 422) carry `instance`, the request id, like every other problem.
 * Every result (recorded or duplicate) carries `receipt`, the event's signed receipt
 * (src/receipts/receipt.ts), signed here at the edge once the events are stored.
 */
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { requireJson, limitBody } from "../http/limits.js";
import { defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { refuseSuspended, type AppEnv } from "../http/auth.js";
import { fail, problemOfRejection, problemResponse } from "../http/problem.js";
import { platformRateLimit } from "../http/rate-limit.js";
import { verifyWebhook } from "../http/webhook-signature.js";
import { type EventOutcome, withInvalidEvents } from "../ledger/record-payouts.js";
import { signedReceipts } from "../receipts/receipt-store.js";
import { hmacVerifySync } from "../security/sync-digest.js";
import { fieldErrors } from "../schemas/common.js";
import { batchAnswerSchema, payoutAnswerSchema } from "../schemas/payout-result.js";
import {
  deliveryEnvelopeSchema,
  MAX_EVENTS_PER_DELIVERY,
  parsePayoutEvent,
  payoutEventSchema,
} from "../schemas/payout-event.js";

export const MAX_DELIVERY_BYTES = 1024 * 1024;

/** The document's view of the route: Standard Webhooks headers, ?platform, one event or a batch. */
export const payoutsRoute = defineRoute({
  method: "post",
  path: "/v1/payouts",
  tags: ["platform"],
  security: [{ webhookSignature: [] }],
  request: {
    query: z.object({ platform: z.string().describe("the sending platform's slug") }),
    headers: z.object({
      "webhook-id": z.string(),
      "webhook-timestamp": z.string().describe("Unix seconds, within 300 s of the server clock"),
      "webhook-signature": z.string().describe("v1,<base64 HMAC-SHA256>, space-separated list"),
    }),
    body: {
      required: true,
      description: `One event, or {"events": [...]} with 1 to ${MAX_EVENTS_PER_DELIVERY} events; at most ${MAX_DELIVERY_BYTES} bytes. Signed as raw bytes.`,
      content: {
        "application/json": {
          schema: z.union([
            payoutEventSchema,
            z.object({ events: z.array(payoutEventSchema).min(1).max(MAX_EVENTS_PER_DELIVERY) }),
          ]),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(
      "A duplicate delivery of one event (its original result and receipt), or a batch: `results` in delivery order, each a result with its receipt or a problem",
      z.union([payoutAnswerSchema, batchAnswerSchema]),
    ),
    201: jsonResponse(
      "The event was recorded: contributions per scheme and payer, totals to withhold and owed, and its signed receipt",
      payoutAnswerSchema,
    ),
    ...problemResponses(400, 401, 403, 409, 413, 415, 422, 429, 503),
  },
});

/** The answers to a delivery's outcomes: each result with its signed receipt, each refusal as a problem. */
async function renderOutcomes(
  deps: AppDeps,
  platform: { id: number; slug: string },
  outcomes: readonly EventOutcome[],
) {
  const results = outcomes.flatMap((o) => ("result" in o ? [o.result] : []));
  const shards = new Set(results.map((r) => deps.ledger.forJurisdiction(r.worker.country)));
  const receipts = new Map(
    (
      await Promise.all(
        [...shards].map(async (writer) => [
          ...(await signedReceipts(
            writer.shard.database.db,
            deps.receiptSigner,
            platform,
            results.filter((r) => deps.ledger.forJurisdiction(r.worker.country) === writer),
          )),
        ]),
      )
    ).flat(),
  );
  const receiptOf = (id: string) => {
    const receipt = receipts.get(id);
    if (!receipt) throw new Error(`no receipt for the recorded event ${id}`);
    return receipt;
  };
  return outcomes.map((outcome) => {
    if ("result" in outcome) return { ...outcome.result, receipt: receiptOf(outcome.result.id) };
    return {
      id: outcome.id,
      status: outcome.status,
      problem: problemOfRejection(outcome.rejection, outcome.id),
    };
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Verifies the delivery's signature over the body's raw bytes and authenticates the platform: sets the
 * `principal` (the platform) and `deliveryText` (the body decoded as UTF-8, a leading BOM dropped).
 * 401 for a bad signature or unknown platform, 403 for a suspended platform, 400 for invalid UTF-8.
 */
function verifiedDelivery(deps: AppDeps) {
  return createMiddleware<AppEnv & { Variables: { deliveryText: string } }>(async (c, next) => {
    const slug = c.req.query("platform") ?? "";
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const platform = /^[a-z0-9-]{1,64}$/.test(slug) ? await deps.platformKeys.lookup(slug) : undefined;
    const headers = {
      id: c.req.header("webhook-id"),
      timestamp: c.req.header("webhook-timestamp"),
      signature: c.req.header("webhook-signature"),
    };
    const failure = platform
      ? await verifyWebhook(
          platform.keys,
          headers,
          rawBody,
          Math.floor(deps.now().getTime() / 1000),
          hmacVerifySync,
        )
      : "unknown-platform";
    if (!platform || failure)
      fail(
        "invalid-signature",
        401,
        `webhook verification failed (${failure}); sign with the platform's whsec_ secret and name it with ?platform=<slug>`,
      );
    const principal = {
      role: "platform" as const,
      actor: `platform:${slug}`,
      platformId: platform.platformId,
      slug,
      suspendedAt: platform.suspendedAt,
    };
    refuseSuspended(principal);
    c.set("principal", principal);
    try {
      // ignoreBOM: false means the decoder drops one leading BOM (EF BB BF).
      c.set("deliveryText", utf8.decode(rawBody));
    } catch {
      fail("invalid-request", 400, "the body is not valid UTF-8");
    }
    await next();
  });
}

export function payoutRoutes(deps: AppDeps) {
  const app = routeFamily();
  app.openAPIRegistry.registerPath(payoutsRoute);
  return app.post(
    "/v1/payouts",
    limitBody(MAX_DELIVERY_BYTES),
    requireJson,
    verifiedDelivery(deps),
    platformRateLimit(deps.rateLimit, deps.now),
    async (c) => {
      const platform = c.var.principal as Extract<AppEnv["Variables"]["principal"], { role: "platform" }>;
      let body: unknown;
      try {
        body = JSON.parse(c.var.deliveryText);
      } catch {
        fail("invalid-request", 400, "the body is not valid JSON");
      }
      const envelope = deliveryEnvelopeSchema.safeParse(body);
      if (!envelope.success) {
        fail("invalid-request", 400, 'send one event object or {"events": [...]} with 1 to 1000 events', {
          errors: fieldErrors(envelope.error),
        });
      }
      const isBatch = "events" in envelope.data && Array.isArray(envelope.data.events);
      const inputs = isBatch ? (envelope.data.events as unknown[]) : [envelope.data];
      const parsed = inputs.map(parsePayoutEvent);
      const outcomes = withInvalidEvents(
        parsed,
        await deps.ledger.submit(
          platform.platformId,
          parsed.flatMap((p) => (p.ok ? [p.command] : [])),
        ),
      );
      c.get("metrics").countEvents(outcomes);
      void deps.sealer.schedule();
      const rendered = await renderOutcomes(deps, { id: platform.platformId, slug: platform.slug }, outcomes);
      if (isBatch) return c.json({ results: rendered }, 200);
      const [outcome] = outcomes as [EventOutcome];
      if (!("result" in outcome))
        return problemResponse(c, {
          ...problemOfRejection(outcome.rejection, outcome.id),
          instance: c.get("requestId"),
        });
      const [answer] = rendered;
      if (!answer) throw new Error("a delivery of one event rendered no answer");
      return c.json(answer, outcome.status === "recorded" ? 201 : 200);
    },
  );
}
