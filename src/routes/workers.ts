/**
 * Worker access links and the worker's own record (docs/design.md §1 and 5).
 *
 * POST /v1/workers/{id}/access-links  (platform or agency key)  body (optional JSON): {ttl_s?, platform?}
 *   `id` is the platform's own worker reference. A platform key names its own workers (404 when it has
 *   no event for `id`). An agency key names the worker's platform with `?platform=<slug>` or body
 *   `platform` and may only link workers with an event in one of its jurisdictions (403 otherwise).
 *   `ttl_s`: link lifetime in seconds, 60..2,592,000 (30 days), default 604,800 (7 days).
 *   -> 201 {url, expires_at (RFC 3339, UTC)}; url = (PUBLIC_URL or the request origin) + "/w/" + token.
 *   The link names the worker's ledger subject: when one worker reference carries several (the platform
 *   sent a national id with some events only), the cross-platform "nid:" subject wins, the latest first.
 *   Scope (README "Worker identity"): a link a platform makes shows only what that platform reported,
 *   even under a national id other platforms also sent; a link an agency makes shows every platform's
 *   payouts of that person (the agency knows the person; it may only link workers of its jurisdictions).
 * GET /w/{token}              the worker's page (HTML, works without JavaScript) in English, French or
 *                             Spanish: `?lang=en|fr|es` (the page's switch), else Accept-Language, else
 *                             English (src/i18n/locales.ts); `Content-Language` says which. It also shows
 *                             the payouts taken back with their reasons and the worker's disputes, with
 *                             the dispute form (POST /w/{token}/disputes, src/routes/worker-disputes.ts;
 *                             the CSP allows forms to this origin only); `?filed=<id>` confirms a dispute
 * GET /w/{token}/record.json  the same record as JSON
 * GET /w/{token}/record.csv   the full export (src/worker-record/worker-record.ts), streamed from the database
 * GET /w/{token}/receipts/{platform}/{event_id}  the signed receipt of one of the worker's events
 *                             (src/receipts/receipt.ts; the page links the latest ones): 404 when the
 *                             event is not the link's worker's, or not of the link's platform
 *   An expired link -> 401, an altered, malformed or other-purpose link -> 403: an HTML page for the
 *   page, problem+json for the exports. Every /w response is `Cache-Control: no-store` and
 *   `Referrer-Policy: no-referrer` (the token is a bearer secret in the URL), with a strict CSP.
 * Authorisation: the link route requires a platform or agency key (route middleware); who may link whom,
 * the identity rule and the agency's audit row are src/accounts/worker-links.ts and worker-identity.ts.
 * The /w routes are authorised by the token alone.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { BlankEnv } from "hono/types";
import { languageDetector } from "hono/language";
import { secureHeaders } from "hono/secure-headers";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { DEFAULT_LOCALE, isLocale, LANGUAGE_DETECTION, type Locale } from "../i18n/locales.js";
import { requireRole, type AppEnv } from "../http/auth.js";
import { issueWorkerLink, linkedReceipt } from "../accounts/worker-links.js";
import { limitBody, optionalJsonOf } from "../http/limits.js";
import { bearerAuth, defineRoute, jsonResponse, problemResponses, routeFamily } from "../http/openapi.js";
import { fail, problemOf, problemResponse } from "../http/problem.js";
import { linkProblemHtml, workerPageHtml } from "../pages/worker-page.js";
import { loadWorkerVoice } from "../disputes/worker-voice.js";
import { accessLinkSchema } from "../schemas/access-link.js";
import { signedReceiptSchema } from "../schemas/receipt.js";
import { workerRecordAnswerSchema } from "../schemas/worker-record.js";
import { chunkStream } from "../agency-reports/report-pages.js";
import { ledgerDatabases } from "../ledger/shard-router.js";
import { assembleWorkerRecord } from "../worker-record/worker-record.js";
import {
  latestReceiptLinksAcross,
  loadWorkerLedgerAcross,
  workerRecordCsvAcross,
} from "../worker-record/worker-shards.js";
import { verifyAccessToken, type AccessFailure, type AccessPayload } from "../security/access-links.js";

export const DEFAULT_LINK_TTL_S = 7 * 86_400;
export const MAX_LINK_TTL_S = 30 * 86_400;

const slug = z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a platform slug");
const workerParam = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces"),
});
const linkQuery = z.object({ platform: slug.optional() });
const linkBody = z.strictObject({
  ttl_s: z.int().min(60).max(MAX_LINK_TTL_S).default(DEFAULT_LINK_TTL_S),
  platform: slug.optional(),
});
const tokenParam = z.object({
  token: z.string().describe("the signed access token of a worker link (a bearer secret)"),
});
const linkRefusals = problemResponses(401, 403);

const linkRoute = defineRoute({
  method: "post",
  path: "/v1/workers/{id}/access-links",
  tags: ["worker links"],
  security: bearerAuth,
  request: {
    params: workerParam,
    query: linkQuery,
    body: { content: { "application/json": { schema: linkBody } }, required: false },
  },
  responses: {
    201: jsonResponse("An expiring signed link", accessLinkSchema),
    ...problemResponses(400, 401, 403, 404, 413, 415, 422),
  },
});
const pageRoute = defineRoute({
  method: "get",
  path: "/w/{token}",
  tags: ["worker links"],
  request: {
    params: tokenParam,
    query: z.object({
      lang: z.string().optional().describe("en, fr or es; anything else falls back to Accept-Language"),
      filed: z
        .string()
        .optional()
        .describe("the id of a dispute just filed (the form's redirect), to confirm it"),
    }),
  },
  responses: {
    200: { description: "The worker's page (HTML)", content: { "text/html": { schema: z.string() } } },
    401: { description: "Expired link (HTML page)" },
    403: { description: "Altered or malformed link (HTML page)" },
  },
});
const recordJsonRoute = defineRoute({
  method: "get",
  path: "/w/{token}/record.json",
  tags: ["worker links"],
  request: { params: tokenParam },
  responses: { 200: jsonResponse("The worker's full record", workerRecordAnswerSchema), ...linkRefusals },
});
const recordCsvRoute = defineRoute({
  method: "get",
  path: "/w/{token}/record.csv",
  tags: ["worker links"],
  request: { params: tokenParam },
  responses: {
    200: { description: "The worker's full record, CSV", content: { "text/csv": { schema: z.string() } } },
    ...linkRefusals,
  },
});

const receiptParams = z.object({
  token: tokenParam.shape.token,
  platform: slug,
  event_id: workerParam.shape.id.describe("the platform's event id"),
});
const receiptRoute = defineRoute({
  method: "get",
  path: "/w/{token}/receipts/{platform}/{event_id}",
  tags: ["worker links"],
  request: { params: receiptParams },
  responses: {
    200: jsonResponse("The signed receipt of one of the worker's events", signedReceiptSchema),
    ...problemResponses(401, 403, 404, 422),
  },
});

const REFUSAL_STATUS: Record<AccessFailure, 401 | 403> = {
  expired: 401,
  "bad-signature": 403,
  malformed: 403,
  "wrong-purpose": 403,
};
const REFUSAL_DETAIL: Record<AccessFailure, string> = {
  expired: "the link has expired; ask for a new one",
  "bad-signature": "the link is not valid (altered or signed with another key)",
  malformed: "the link is not a valid access link",
  "wrong-purpose": "the link was not made for a worker record",
};

const noStore = createMiddleware<BlankEnv>(async (c, next) => {
  await next();
  c.res.headers.set("cache-control", "no-store");
});
const pageHeaders = secureHeaders({
  referrerPolicy: "no-referrer",
  crossOriginResourcePolicy: "same-origin",
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: ["'unsafe-inline'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

/** The page language chosen by `languageDetector` (?lang=, then Accept-Language), announced in the response. */
function localeOf(c: Context<AppEnv>): Locale {
  const language = c.get("language");
  const locale = isLocale(language) ? language : DEFAULT_LOCALE;
  c.header("content-language", locale);
  c.header("vary", "accept-language");
  return locale;
}

/** The token's payload, or the response that refuses it (HTML page or problem+json). */
async function access(
  deps: AppDeps,
  c: Context<AppEnv>,
  as: "html" | "problem",
): Promise<AccessPayload | Response> {
  const checked = await verifyAccessToken(
    deps.linkKey,
    c.req.param("token") ?? "",
    Math.floor(deps.now().getTime() / 1000),
  );
  if (checked.ok) return checked.payload;
  const status = REFUSAL_STATUS[checked.reason];
  if (as === "html") return c.html(await linkProblemHtml(checked.reason, localeOf(c)), status);
  return problemResponse(
    c,
    problemOf(status === 401 ? "unauthorized" : "forbidden", status, REFUSAL_DETAIL[checked.reason], {
      instance: c.get("requestId"),
    }),
  );
}

/** The database of every ledger shard, the default (control) first: a worker who moved has events on two. */
const shardDbs = (deps: AppDeps) => ledgerDatabases(deps.ledger);

/** The worker's page for the link `granted` (`filed`: a dispute id just filed, to confirm). */
async function workerPage(
  deps: AppDeps,
  c: Context<AppEnv>,
  granted: AccessPayload,
  filed: string | undefined,
) {
  const { db } = deps.database;
  const [ledger, receipts, workerVoice] = await Promise.all([
    loadWorkerLedgerAcross(shardDbs(deps), deps.fx, granted.sub, granted.platform),
    latestReceiptLinksAcross(shardDbs(deps), granted.sub, granted.platform),
    loadWorkerVoice(db, granted.sub, granted.platform, shardDbs(deps)),
  ]);
  const filedId = /^[1-9][0-9]{0,15}$/.test(filed ?? "") ? Number(filed) : undefined;
  const voice = {
    voice: workerVoice,
    scoped: granted.platform !== null,
    ...(filedId !== undefined ? { filed: filedId } : {}),
  };
  return c.html(
    await workerPageHtml({
      record: assembleWorkerRecord(ledger),
      receipts,
      expiresAt: new Date(granted.exp * 1000),
      token: c.req.param("token") ?? "",
      locale: localeOf(c),
      voice,
    }),
  );
}

/** The route family above, mounted by createApp with `app.route("/", workerRoutes(deps))`. */
export function workerRoutes(deps: AppDeps) {
  const app = routeFamily();
  const linkKeys = requireRole(deps, "platform", "agency");
  // The link body is optional, so it is read by optionalJsonOf (415 for a non-JSON body), not by the route's validator.
  app.openapi(
    {
      ...linkRoute,
      request: { params: workerParam, query: linkQuery },
      middleware: [linkKeys, limitBody(4096), noStore] as const,
      hide: true,
    },
    async (c) => {
      const body = await optionalJsonOf(c, linkBody);
      const fromQuery = c.req.valid("query").platform;
      if (fromQuery !== undefined && body.platform !== undefined && fromQuery !== body.platform)
        fail("invalid-request", 422, "?platform and body platform name different platforms");
      const request = {
        workerRef: c.req.valid("param").id,
        platform: fromQuery ?? body.platform,
        ttlS: body.ttl_s,
      };
      const { token, expiresAt } = await issueWorkerLink(deps, c.var.principal, request, shardDbs(deps));
      const base = (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, "");
      return c.json({ url: `${base}/w/${token}`, expires_at: expiresAt }, 201);
    },
  );
  app.openAPIRegistry.registerPath(linkRoute);
  app.use("/w/*", noStore, pageHeaders);
  app.openapi({ ...pageRoute, middleware: [languageDetector(LANGUAGE_DETECTION)] as const }, async (c) => {
    const granted = await access(deps, c, "html");
    return granted instanceof Response ? granted : workerPage(deps, c, granted, c.req.query("filed"));
  });
  app.openapi(recordJsonRoute, async (c) => {
    const granted = await access(deps, c, "problem");
    if (granted instanceof Response) return granted;
    const record = assembleWorkerRecord(
      await loadWorkerLedgerAcross(shardDbs(deps), deps.fx, granted.sub, granted.platform),
    );
    return c.json({
      generated_at: deps.now().toISOString(),
      link_expires_at: new Date(granted.exp * 1000).toISOString(),
      ...record,
    });
  });
  app.openapi(recordCsvRoute, async (c) => {
    const granted = await access(deps, c, "problem");
    if (granted instanceof Response) return granted;
    return c.body(chunkStream(workerRecordCsvAcross(shardDbs(deps), granted.sub, granted.platform)), 200, {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": 'attachment; filename="contribution-record.csv"',
    });
  });
  app.openapi(receiptRoute, async (c) => {
    const granted = await access(deps, c, "problem");
    if (granted instanceof Response) return granted;
    const { platform, event_id: eventId } = c.req.valid("param");
    return c.json(await linkedReceipt(deps, granted, platform, eventId, shardDbs(deps)), 200);
  });
  return app;
}
