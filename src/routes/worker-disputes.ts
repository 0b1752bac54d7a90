/**
 * POST /w/{token}/disputes — the worker files a dispute from their page (issue 16), with no account: the
 * signed link (src/security/access-links.ts) is the credential, and its subject and platform scope are
 * the only worker and platforms a dispute can name (src/disputes/disputes.ts).
 *
 * Body: application/x-www-form-urlencoded (the page's form, src/pages/worker-voice.tsx; no JavaScript),
 * at most 16 KiB, fields of `disputeFormSchema`. Answers:
 * - 303 See Other to `/w/{token}?lang=<lang>&filed=<id>#dispute-filed` (post/redirect/get, so a reload
 *   does not file twice);
 * - 401 expired / 403 altered link (the HTML refusal page); 403 when the browser says the form came from
 *   another site (`Sec-Fetch-Site: cross-site`); 404 a payout or platform outside the link; 415 another
 *   content type; 422 invalid fields. Each refusal is an HTML page when the caller accepts text/html (a
 *   browser), else problem+json; nothing is written.
 * CSRF: a forged cross-site form would have to carry the token, a secret only the worker holds (and the
 * page sends no Referer: `Referrer-Policy: no-referrer`); Sec-Fetch-Site is a second guard where browsers
 * send it. The CSP of /w pages allows forms to this origin only (`form-action 'self'`).
 */
import type { Context } from "hono";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import type { AppEnv } from "../http/auth.js";
import { disputeFormSchema } from "../schemas/dispute.js";
import { fileDispute } from "../disputes/disputes.js";
import { limitBody } from "../http/limits.js";
import { defineRoute, problemResponses, routeFamily } from "../http/openapi.js";
import { DomainError } from "../domain/errors.js";
import { problemOf, problemOfDomainError, problemResponse, type Problem } from "../http/problem.js";
import { ledgerDatabases } from "../ledger/shard-router.js";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales.js";
import { disputeErrorsHtml, linkProblemHtml } from "../pages/worker-page.js";
import { fieldErrors } from "../schemas/common.js";
import { verifyAccessToken } from "../security/access-links.js";

export const MAX_DISPUTE_BODY_BYTES = 16 * 1024;

const fileRoute = defineRoute({
  method: "post",
  path: "/w/{token}/disputes",
  tags: ["worker links"],
  request: {
    params: z.object({
      token: z.string().describe("the signed access token of a worker link (a bearer secret)"),
    }),
    query: z.object({ lang: z.string().optional() }),
    body: { content: { "application/x-www-form-urlencoded": { schema: disputeFormSchema } }, required: true },
  },
  responses: {
    303: { description: "Filed; redirects to the worker's page, which confirms it" },
    ...problemResponses(401, 403, 404, 413, 415, 422),
  },
});

const wantsHtml = (c: Context<AppEnv>) => /text\/html/i.test(c.req.header("accept") ?? "");

export function workerDisputeRoutes(deps: AppDeps) {
  const app = routeFamily();
  app.openapi(
    {
      ...fileRoute,
      request: { params: fileRoute.request.params },
      middleware: [limitBody(MAX_DISPUTE_BODY_BYTES)] as const,
      hide: true,
    },
    async (c) => {
      const token = c.req.param("token");
      const queryLang = c.req.query("lang");
      let locale: Locale = queryLang !== undefined && isLocale(queryLang) ? queryLang : DEFAULT_LOCALE;
      const back = `/w/${token}?lang=${locale}`;
      const refuse = async (problem: Problem) =>
        wantsHtml(c)
          ? c.html(
              await disputeErrorsHtml(
                problem.errors ?? [{ path: "", message: problem.detail }],
                locale,
                back,
              ),
              problem.status as 403,
            )
          : problemResponse(c, { ...problem, instance: c.get("requestId") });

      const checked = await verifyAccessToken(deps.linkKey, token, Math.floor(deps.now().getTime() / 1000));
      if (!checked.ok) {
        const status = checked.reason === "expired" ? 401 : 403;
        if (wantsHtml(c)) return c.html(await linkProblemHtml(checked.reason, locale), status);
        return problemResponse(
          c,
          problemOf(
            status === 401 ? "unauthorized" : "forbidden",
            status,
            `the link is refused (${checked.reason})`,
            { instance: c.get("requestId") },
          ),
        );
      }
      if (c.req.header("sec-fetch-site") === "cross-site")
        return refuse(
          problemOf("forbidden", 403, "a dispute is filed from the worker's own page, not from another site"),
        );
      if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(c.req.header("content-type") ?? ""))
        return refuse(
          problemOf("unsupported-media-type", 415, "send the form as application/x-www-form-urlencoded"),
        );
      const fields = Object.fromEntries(new URLSearchParams(await c.req.text()));
      if (fields.lang !== undefined && isLocale(fields.lang)) locale = fields.lang;
      const parsed = disputeFormSchema.safeParse(fields);
      if (!parsed.success)
        return refuse(
          problemOf("invalid-request", 422, "the dispute failed validation", {
            errors: fieldErrors(parsed.error),
          }),
        );
      let id: number;
      try {
        id = await fileDispute(
          deps,
          { sub: checked.payload.sub, platform: checked.payload.platform },
          parsed.data,
          ledgerDatabases(deps.ledger),
        );
      } catch (error) {
        // A refusal of the service is shown like a validation error: the HTML page for a browser.
        if (error instanceof DomainError) return refuse(problemOfDomainError(error).problem);
        throw error;
      }
      const base = (deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, "");
      return c.redirect(`${base}/w/${token}?lang=${locale}&filed=${id}#dispute-filed`, 303);
    },
  );
  app.openAPIRegistry.registerPath(fileRoute);
  return app;
}
