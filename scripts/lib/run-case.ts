/**
 * Runs one handed case (../shared/cases/README.md) through the real HTTP path and reports the first
 * difference from its expected answer. Used by `npm run cases` (scripts/cases.ts) and tests/cases.test.ts.
 *
 * Steps: parse the case with zod (a `generate` entry expands to `count` events `id_prefix-1..count`,
 * `occurred_at` = start + (i-1)·step_s seconds); start a fresh instance without seeded rules
 * (startLocalInstance: ECB rates only); publish the case's jurisdictions and rules through the admin API
 * (rules without a `source` get {title: case name, url: https://example.invalid/cases, retrieved: today});
 * register every platform the events name (`platform`, default "case-platform"); deliver each event, with
 * its `platform` field left out, as its own signed webhook of that platform, in order, each with a fresh
 * webhook-id; check each answer; check that ledger_events holds exactly one row per recorded delivery
 * (duplicates, conflicts and rejections add nothing); then compare `expect.totals` with the ledger's sums
 * of ledger_entries.amount_minor per (worker ref, rule code, period key), or per (worker ref, platform
 * slug, rule code, period key) for a total that names its `platform`.
 *
 * Per delivery (`delivery: n` is the n-th delivery of the same event id, 1 when absent; deliveries not
 * listed must be recorded):
 * - recorded: 201, body status "recorded", contributions equal to the listed ones (rule, period, amount,
 *   currency; order-insensitive by rule code); unlisted deliveries skip the contributions check;
 * - duplicate: 200, body status "duplicate";
 * - conflict: 409 application/problem+json;
 * - rejected: 400 or 422 application/problem+json.
 *
 * Errors: never throws for a bad case file, an unexpected answer or a runner failure; each becomes
 * `ok: false` with a one-line `firstDifference`.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { and, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../src/db/database.js";
import { ledgerEntries, ledgerEvents, platforms } from "../../src/db/schema.js";
import { formatMinor } from "../../src/domain/money.js";
import { rfc3339Instant } from "../../src/schemas/common.js";
import { jurisdictionInputSchema, ruleInputSchema } from "../../src/schemas/rule.js";
import { startLocalInstance, type LocalInstance } from "./local-instance.js";

/** Source attached to case rules that carry none (the admin API requires provenance for every rule). */
const CASES_SOURCE_URL = "https://example.invalid/cases";
/** The platform of events that name none (../shared/cases/README.md "Format, rules v2"). */
const DEFAULT_PLATFORM = "case-platform";

/** Any JSON object: events stay as handed (some are invalid on purpose) and rules are checked below. */
const jsonObject = z.record(z.string(), z.unknown());

const generateSpec = z.object({
  count: z.int().min(1).max(1_000_000),
  id_prefix: z.string().min(1),
  start: rfc3339Instant,
  step_s: z.int().min(0),
  event: jsonObject,
});
type GenerateSpec = z.infer<typeof generateSpec>;

const expectedContribution = z.object({
  rule: z.string(),
  period: z.string(),
  amount: z.string(),
  currency: z.string(),
});

const expectedDelivery = z
  .object({
    id: z.string(),
    delivery: z.int().min(1).default(1),
    status: z.enum(["recorded", "duplicate", "conflict", "rejected"]),
    contributions: z.array(expectedContribution).optional(),
  })
  .refine((d) => d.status !== "recorded" || d.contributions !== undefined, {
    message: "a recorded delivery lists its contributions",
    path: ["contributions"],
  });

const expectedTotal = z.object({
  worker: z.string(),
  platform: z.string().optional(),
  rule: z.string(),
  period: z.string(),
  contribution: z.string().regex(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, "must be a decimal string"),
});

/** A case file as handed (rules are checked against the admin API's own rule schema once a source is added). */
const caseFileSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  jurisdictions: z.array(jurisdictionInputSchema).min(1),
  rules: z.array(jsonObject),
  /** Events in delivery order; a {"generate": spec} entry expands in place (see expand). */
  events: z
    .array(jsonObject)
    .min(1)
    .transform((entries, ctx) =>
      entries.flatMap((entry, i) => {
        if (!("generate" in entry)) return [entry];
        const spec = generateSpec.safeParse(entry.generate);
        if (spec.success) return expand(spec.data);
        for (const issue of spec.error.issues)
          ctx.addIssue({ code: "custom", path: [i, "generate", ...issue.path], message: issue.message });
        return [];
      }),
    ),
  expect_note: z.string().optional(),
  expect: z.object({
    deliveries: z.array(expectedDelivery).superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((d, i) => {
        const key = `${d.id}#${d.delivery}`;
        if (seen.has(key))
          ctx.addIssue({
            code: "custom",
            path: [i],
            message: `delivery ${d.delivery} of "${d.id}" is listed twice`,
          });
        seen.add(key);
      });
    }),
    totals: z.array(expectedTotal).superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((t, i) => {
        const key = totalKey(t.worker, t.rule, t.period, t.platform);
        if (seen.has(key))
          ctx.addIssue({ code: "custom", path: [i], message: `total ${key} is listed twice` });
        seen.add(key);
      });
    }),
  }),
});

type ExpectedDelivery = z.infer<typeof expectedDelivery>;
type ExpectedContribution = z.infer<typeof expectedContribution>;

/** The part of a 2xx answer the runner compares (src/ledger/event-result.ts EventResult). */
const eventResultSchema = z.object({ status: z.string(), contributions: z.array(expectedContribution) });

export interface ParsedCase {
  name: string;
  jurisdictions: z.infer<typeof jurisdictionInputSchema>[];
  rules: z.infer<typeof ruleInputSchema>[];
  /** Events in delivery order, `generate` entries expanded; contents as handed (possibly invalid on purpose). */
  events: Record<string, unknown>[];
  deliveries: ExpectedDelivery[];
  totals: z.infer<typeof expectedTotal>[];
}

/** What runCase needs of a fresh service: the admin API, a platform's signed sender, the database, teardown. */
export type CaseInstance = Pick<LocalInstance, "admin" | "createPlatform" | "database" | "close"> &
  Partial<Pick<LocalInstance, "ledgerDatabases">>;

export interface RunCaseOptions {
  /** Starts the fresh instance the case runs on (default: startLocalInstance({ seedRules: false })); the Worker suite passes its own. */
  start?: () => Promise<CaseInstance>;
  /** One ledger shard per jurisdiction of the case (src/db/shards.ts) on the default local instance. */
  sharded?: boolean;
  /** `retrieved` date (YYYY-MM-DD) of the default source given to rules without one; default today (UTC). */
  today?: string;
}

export interface CaseResult {
  name: string;
  ok: boolean;
  /** Number of webhook deliveries made (fewer than the case's events when it stopped at a difference). */
  deliveries: number;
  /** One-line description of the first difference from the expected answer; absent when ok. */
  firstDifference?: string;
}

function totalKey(worker: string, rule: string, period: string, platform?: string): string {
  return platform === undefined
    ? `${worker} / ${rule} / ${period}`
    : `${worker} / ${platform} / ${rule} / ${period}`;
}

function issuesLine(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}

/** Expands a generate entry: ids prefix-1..prefix-count, occurred_at = start + (i-1)·step_s s (ISO 8601, UTC). */
function expand(entry: GenerateSpec): Record<string, unknown>[] {
  const startMs = Date.parse(entry.start);
  return Array.from({ length: entry.count }, (_, k) => ({
    ...entry.event,
    id: `${entry.id_prefix}-${k + 1}`,
    occurred_at: new Date(startMs + k * entry.step_s * 1000).toISOString(),
  }));
}

/**
 * Parses a case (its JSON text or parsed value). Returns the case with events expanded, or the failing
 * fields as one line. `today` is the retrieved date of the default source (YYYY-MM-DD).
 */
export function parseCase(
  caseJson: unknown,
  today: string,
): { ok: true; value: ParsedCase } | { ok: false; name: string; error: string } {
  let json = caseJson;
  if (typeof json === "string") {
    try {
      json = JSON.parse(json);
    } catch (error) {
      return {
        ok: false,
        name: "(invalid case)",
        error: `the case is not valid JSON: ${(error as Error).message}`,
      };
    }
  }
  const parsed = caseFileSchema.safeParse(json);
  const fallbackName =
    typeof (json as { name?: unknown } | null)?.name === "string"
      ? (json as { name: string }).name
      : "(invalid case)";
  if (!parsed.success)
    return { ok: false, name: fallbackName, error: `invalid case file: ${issuesLine(parsed.error)}` };
  const file = parsed.data;
  const source = { title: file.name, url: CASES_SOURCE_URL, retrieved: today };
  const rules = z.array(ruleInputSchema).safeParse(file.rules.map((rule) => ({ source, ...rule })));
  if (!rules.success)
    return { ok: false, name: file.name, error: `invalid case file: rules.${issuesLine(rules.error)}` };
  return {
    ok: true,
    value: {
      name: file.name,
      jurisdictions: file.jurisdictions,
      rules: rules.data,
      events: file.events,
      deliveries: file.expect.deliveries,
      totals: file.expect.totals,
    },
  };
}

/** Sorted paths of the *.json case files in `dir` and its subfolders (v2/), by relative path (throws when `dir` cannot be read). */
export function caseFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));
}

/** The slug of the platform that sends a case event (../shared/cases/README.md "Format, rules v2"). */
function platformOf(event: Record<string, unknown>): string {
  return typeof event.platform === "string" ? event.platform : DEFAULT_PLATFORM;
}

/** First line of a response body, shortened, for a one-line message. */
async function bodyHint(res: Response): Promise<string> {
  const text = (await res.text()).replace(/\s+/g, " ").trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function isProblem(res: Response): boolean {
  return (res.headers.get("content-type") ?? "").split(";")[0]!.trim() === "application/problem+json";
}

function formatContribution(c: ExpectedContribution): string {
  return `${c.rule} ${c.period} ${c.amount} ${c.currency}`;
}

/** Compares contributions order-insensitively (sorted by rule code, then period); undefined when equal. */
function contributionDifference(
  expected: readonly ExpectedContribution[],
  got: readonly ExpectedContribution[],
): string | undefined {
  const order = (a: ExpectedContribution, b: ExpectedContribution) =>
    a.rule.localeCompare(b.rule) || a.period.localeCompare(b.period);
  const e = [...expected].sort(order).map(formatContribution);
  const g = [...got].sort(order).map(formatContribution);
  if (e.length === g.length && e.every((line, i) => line === g[i])) return undefined;
  return `contributions expected [${e.join(", ")}], got [${g.join(", ")}]`;
}

/** Checks one answer against its expectation; returns the difference (without the delivery prefix) or undefined. */
async function answerDifference(
  res: Response,
  expected: Pick<ExpectedDelivery, "status" | "contributions">,
): Promise<string | undefined> {
  const got = () =>
    bodyHint(res).then(
      (hint) => `got ${res.status} ${res.headers.get("content-type") ?? "(no content-type)"} ${hint}`,
    );
  switch (expected.status) {
    case "recorded":
    case "duplicate": {
      const status = expected.status === "recorded" ? 201 : 200;
      if (res.status !== status) return `expected ${expected.status} (${status}), ${await got()}`;
      const body = eventResultSchema.safeParse(await res.json().catch(() => undefined));
      if (!body.success)
        return `expected ${expected.status}, the ${status} body is not an event result: ${issuesLine(body.error)}`;
      if (body.data.status !== expected.status)
        return `expected status "${expected.status}", got "${body.data.status}"`;
      return expected.contributions
        ? contributionDifference(expected.contributions, body.data.contributions)
        : undefined;
    }
    case "conflict":
      return res.status === 409 && isProblem(res)
        ? undefined
        : `expected conflict (409 problem+json), ${await got()}`;
    case "rejected":
      return (res.status === 400 || res.status === 422) && isProblem(res)
        ? undefined
        : `expected rejected (400/422 problem+json), ${await got()}`;
  }
}

/** Sets up the case's jurisdictions, rules and platform; returns the setup failure as one line, if any. */
async function publish(instance: CaseInstance, parsed: ParsedCase): Promise<string | undefined> {
  for (const jurisdiction of parsed.jurisdictions) {
    const res = await instance.admin("POST", "/v1/admin/jurisdictions", jurisdiction);
    if (res.status !== 201)
      return `setup: POST /v1/admin/jurisdictions ${jurisdiction.code} answered ${res.status} ${await bodyHint(res)}`;
  }
  if (parsed.rules.length > 0) {
    const res = await instance.admin("POST", "/v1/admin/rules", parsed.rules);
    if (res.status !== 201)
      return `setup: POST /v1/admin/rules answered ${res.status} ${await bodyHint(res)}`;
  }
  return undefined;
}

interface LedgerSum {
  worker: string;
  platform: string;
  rule: string;
  period: string;
  minor: number;
  currency: string;
}

/**
 * Compares expect.totals with the ledger's sums per (worker ref, platform, rule code, period key): a total
 * that names its platform is that group alone, one that does not is the sum over platforms. Any ledger
 * group no total covers is a difference. Undefined when equal.
 */
async function totalsDifference(
  instance: CaseInstance,
  expected: ParsedCase["totals"],
): Promise<string | undefined> {
  const perShard = await Promise.all(ledgerDbs(instance).map((db) => ledgerSums(db)));
  const rows = perShard.flat();
  return compareTotals(rows, expected);
}

/** The ledger databases of an instance: every shard's, or its one database. */
const ledgerDbs = (instance: CaseInstance) =>
  (instance.ledgerDatabases?.() ?? [instance.database]).map((d) => d.db);

/** Entry sums per (worker ref, platform, rule code, period key, currency) of one ledger database. */
function ledgerSums(db: Db) {
  return db
    .select({
      worker: ledgerEvents.workerRef,
      platform: platforms.slug,
      rule: ledgerEntries.ruleCode,
      period: ledgerEntries.periodKey,
      currency: ledgerEntries.currency,
      minor: sql<number>`sum(${ledgerEntries.amountMinor})`.mapWith(Number),
    })
    .from(ledgerEntries)
    .leftJoin(
      ledgerEvents,
      and(
        eq(ledgerEntries.platformId, ledgerEvents.platformId),
        eq(ledgerEntries.eventId, ledgerEvents.eventId),
      ),
    )
    .leftJoin(platforms, eq(platforms.id, ledgerEntries.platformId))
    .groupBy(
      ledgerEvents.workerRef,
      platforms.slug,
      ledgerEntries.ruleCode,
      ledgerEntries.periodKey,
      ledgerEntries.currency,
    );
}

function compareTotals(
  rows: Awaited<ReturnType<typeof ledgerSums>>,
  expected: ParsedCase["totals"],
): string | undefined {
  const sums: LedgerSum[] = [];
  for (const row of rows) {
    if (row.worker === null || row.platform === null)
      return `totals: ledger entries for ${row.rule} ${row.period} have no ledger event`;
    sums.push({ ...row, worker: row.worker, platform: row.platform });
  }
  const covered = new Set<LedgerSum>();
  const show = (list: readonly LedgerSum[]) =>
    list.map((s) => `${formatMinor(s.minor, s.currency)} ${s.currency}`).join(" + ");
  for (const total of expected) {
    const key = totalKey(total.worker, total.rule, total.period, total.platform);
    const group = sums.filter(
      (s) =>
        s.worker === total.worker &&
        s.rule === total.rule &&
        s.period === total.period &&
        (total.platform === undefined || s.platform === total.platform),
    );
    if (group.length === 0) return `totals: ${key} expected ${total.contribution}, the ledger has no entries`;
    const currencies = new Set(group.map((s) => s.currency));
    const minor = group.reduce((sum, s) => sum + s.minor, 0);
    if (currencies.size !== 1 || formatMinor(minor, group[0]!.currency) !== total.contribution)
      return `totals: ${key} expected ${total.contribution}, got ${show(group)}`;
    for (const s of group) covered.add(s);
  }
  const extra = sums
    .filter((s) => !covered.has(s))
    .sort((a, b) =>
      totalKey(a.worker, a.rule, a.period, a.platform).localeCompare(
        totalKey(b.worker, b.rule, b.period, b.platform),
      ),
    )[0];
  return extra
    ? `totals: the ledger has ${show([extra])} for ${totalKey(extra.worker, extra.rule, extra.period, extra.platform)}, not listed in expect.totals`
    : undefined;
}

/** The handed cases date events up to years ahead (a 2026/27 tax year): their instances accept occurred_at up to 10 years past the clock. */
export const CASES_MAX_FUTURE_S = 10 * 365 * 86_400;

/**
 * Runs one case end to end on a fresh local instance and returns {name, ok, deliveries, firstDifference?}.
 * `caseJson` is the case file's text or its parsed JSON value. Stops at the first difference.
 */
export async function runCase(caseJson: unknown, options: RunCaseOptions = {}): Promise<CaseResult> {
  const parsed = parseCase(caseJson, options.today ?? new Date().toISOString().slice(0, 10));
  if (!parsed.ok) return { name: parsed.name, ok: false, deliveries: 0, firstDifference: parsed.error };
  const kase = parsed.value;
  const failed = (deliveries: number, firstDifference: string): CaseResult => ({
    name: kase.name,
    ok: false,
    deliveries,
    firstDifference,
  });

  let instance: CaseInstance | undefined;
  let sent = 0;
  let recorded = 0;
  try {
    instance = await (
      options.start ??
      (() =>
        startLocalInstance({
          seedRules: false,
          occurredAtMaxFutureS: CASES_MAX_FUTURE_S,
          ...(options.sharded ? { shards: kase.jurisdictions.map((j) => j.code) } : {}),
        }))
    )();
    const setupFailure = await publish(instance, kase);
    if (setupFailure) return failed(0, setupFailure);
    const senders = new Map<string, Awaited<ReturnType<CaseInstance["createPlatform"]>>["sender"]>();
    for (const slug of new Set(kase.events.map(platformOf)))
      senders.set(slug, (await instance.createPlatform(slug)).sender);

    const expectations = new Map(kase.deliveries.map((d) => [`${d.id}#${d.delivery}`, d]));
    const deliveriesOf = new Map<string, number>();
    for (const event of kase.events) {
      const id = String(event.id);
      const n = (deliveriesOf.get(id) ?? 0) + 1;
      deliveriesOf.set(id, n);
      const key = `${id}#${n}`;
      const expected = expectations.get(key) ?? { status: "recorded" as const };
      expectations.delete(key);
      const { platform: _platform, ...body } = event;
      const res = await senders.get(platformOf(event))!.send(body);
      sent += 1;
      const difference = await answerDifference(res, expected);
      if (difference) return failed(sent, `delivery ${sent} (id "${id}", delivery ${n}): ${difference}`);
      if (expected.status === "recorded") recorded += 1;
    }
    const [unsent] = expectations.values();
    if (unsent)
      return failed(
        sent,
        `expect.deliveries lists delivery ${unsent.delivery} of "${unsent.id}", which the events never make`,
      );
    const counts = await Promise.all(
      ledgerDbs(instance).map(
        async (db) => (await db.select({ count: count() }).from(ledgerEvents))[0]?.count ?? 0,
      ),
    );
    const stored = counts.reduce((a, b) => a + b, 0);
    if (stored !== recorded)
      return failed(
        sent,
        `ledger_events holds ${stored} events, but ${recorded} deliveries were recorded (duplicates, conflicts and rejections must add none)`,
      );

    const totals = await totalsDifference(instance, kase.totals);
    return totals ? failed(sent, totals) : { name: kase.name, ok: true, deliveries: sent };
  } catch (error) {
    return failed(sent, `runner error: ${(error as Error).message ?? String(error)}`.replace(/\s+/g, " "));
  } finally {
    await instance?.close();
  }
}
