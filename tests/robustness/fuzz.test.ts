/**
 * Fuzzing POST /v1/payouts with fast-check (issue "Proven robustness"): 1,150 generated malformed or
 * hostile requests (ten times as many under npm run soak, SOAK=1), in seven families, against a real instance (scripts/lib/local-instance.ts) whose ledger
 * holds a few payouts first. Every request is one the service must refuse:
 *
 * - signatures: another platform's or a random secret, stale or future timestamps (beyond the 5 minutes of
 *   tolerance), a signature over another body or another webhook-id, missing headers, malformed signature
 *   and timestamp headers, unknown or malformed platform slugs;
 * - content types other than application/json (415);
 * - bodies: not JSON, JSON that is not an event or an envelope, empty or oversized event lists, deeply
 *   nested JSON, bodies over 1 MiB (413);
 * - events with one defect each: a missing field, a wrong type, a long string, non-ASCII text, an invalid
 *   value (zero, negative or badly written amounts, unknown codes, impossible dates, too many decimals...);
 * - events that pass validation but not the ledger: reversals of unknown payouts, beyond what remains or
 *   for another worker, an event id reused with other content (409), a currency without an ECB rate;
 * - huge numbers that the wire format accepts (up to 15 integer digits) but whose minor units exceed
 *   the safe integer range (amounts of 90,071,992,547,410 USD and more, 2^53 cents);
 * - batches of such events (200 with one problem per event).
 *
 * For each: never a 5xx; a 4xx with an RFC 9457 application/problem+json body (type under PROBLEM_BASE,
 * title, detail, status equal to the HTTP status), or for a batch a 200 whose every result is such a
 * problem. At the end the ledger is unchanged (same rows, same totals, same chain) and its invariants hold,
 * and the worker page, both exports (JSON, CSV) and the agency report (JSON, CSV) of the seeded workers
 * still answer without a 5xx, also once rows with out-of-range dates (as stored before `occurred_at` was
 * bounded) are put straight into the database.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../../scripts/lib/local-instance.js";
import { checkLedger, formatLedgerCheck } from "../../scripts/lib/invariants.js";
import { formatMinor } from "../../src/domain/money.js";
import { PROBLEM_BASE } from "../../src/http/problem.js";
import { signWebhook } from "../../src/http/webhook-signature.js";
import { webhookKey } from "../../src/security/webhook-secrets.js";
import { MAX_DELIVERY_BYTES } from "../../src/routes/payouts.js";

let instance: LocalInstance;
let platform: PlatformAccount;
let other: PlatformAccount;
let before: string;
let requests = 0;

const SEEDED = Array.from({ length: 5 }, (_, k) => ({
  id: `seed-${k}`,
  type: "payout",
  occurred_at: "2026-03-10T10:00:00Z",
  worker: { id: `seed-w${k}`, country: "US" },
  amount: "10.00",
  currency: "USD",
}));

/** A valid US payout with a fresh id: every family below spoils it in one way. */
const validEvent = () => ({
  id: `fz-${requests}-${Math.random().toString(36).slice(2)}`,
  type: "payout",
  occurred_at: "2026-03-10T10:00:00Z",
  worker: { id: "fuzz-worker", country: "US" },
  amount: "1.00",
  currency: "USD",
  task: { id: "t-1", type: "label", duration_s: 30 },
});

/** The ledger's content in a few numbers (rows, ids, amounts, seals); equal before and after means unchanged. */
async function snapshot(): Promise<string> {
  await instance.deps.sealer.flush();
  const [row] = await instance.database.db.all<Record<string, number>>(sql`SELECT
    (SELECT count(*) FROM ledger_events) AS events, (SELECT coalesce(max(id), 0) FROM ledger_events) AS last_event,
    (SELECT coalesce(sum(amount_minor), 0) FROM ledger_events) AS paid,
    (SELECT count(*) FROM ledger_entries) AS entries, (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries) AS contributions,
    (SELECT count(*) FROM ledger_seals) AS seals, (SELECT coalesce(max(hash), '') FROM ledger_seals) AS top_hash`);
  return JSON.stringify(row);
}

/** How a request is signed: with a secret (own, another platform's, random), or with headers given as is. */
type Signing =
  | { secret: "own" | "other" | "random"; timestampOffsetS?: number; signedBody?: string; signedId?: string }
  | { headers: Record<string, string> };

interface Hostile {
  family: string;
  body: string;
  /** ?platform= value; undefined = the own platform's slug, "" = no query parameter. */
  slug?: string;
  /** undefined = application/json, null = no content-type header. */
  contentType?: string | null;
  signing?: Signing;
  /** A batch of events each of which must be refused (200 with a problem per result). */
  batchOf?: number;
}

async function send(h: Hostile): Promise<Response> {
  requests++;
  const slug = h.slug ?? platform.slug;
  const signing: Signing = h.signing ?? { secret: "own" };
  const headers: Record<string, string> = {};
  if ("headers" in signing) Object.assign(headers, signing.headers);
  else {
    const secret =
      signing.secret === "own"
        ? platform.webhookSecret
        : signing.secret === "other"
          ? other.webhookSecret
          : `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64")}`;
    const id = `msg_fuzz_${requests}`;
    const timestamp = Math.floor(Date.now() / 1000) + (signing.timestampOffsetS ?? 0);
    Object.assign(headers, {
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": await signWebhook(
        await webhookKey(secret),
        signing.signedId ?? id,
        timestamp,
        signing.signedBody ?? h.body,
      ),
    });
  }
  if (h.contentType !== null) headers["content-type"] = h.contentType ?? "application/json";
  if (h.body.length > MAX_DELIVERY_BYTES) headers.connection = "close";
  return fetch(
    `${instance.baseUrl}/v1/payouts${slug === "" ? "" : `?platform=${encodeURIComponent(slug)}`}`,
    { method: "POST", headers, body: h.body },
  );
}

/** A problem+json body: type under PROBLEM_BASE, title, detail, and `status` equal to `httpStatus`. */
function expectProblem(problem: unknown, httpStatus: number, context: string) {
  expect(problem, context).toMatchObject({
    type: expect.stringMatching(new RegExp(`^${PROBLEM_BASE}[a-z-]+$`)),
    title: expect.any(String),
    detail: expect.any(String),
    status: httpStatus,
  });
}

/** Sends `h` and checks the answer as the module docstring says. */
async function refused(h: Hostile): Promise<void> {
  const res = await send(h);
  const text = await res.text();
  const context = `${h.family}: HTTP ${res.status} ${text.slice(0, 300)} for body ${h.body.slice(0, 200)}`;
  if (h.batchOf !== undefined) {
    expect(res.status, context).toBe(200);
    const { results } = JSON.parse(text) as { results: { problem?: { status: number } }[] };
    expect(results, context).toHaveLength(h.batchOf);
    for (const r of results) {
      expect(r.problem?.status, context).toBeGreaterThanOrEqual(400);
      expect(r.problem!.status, context).toBeLessThan(500);
      expectProblem(r.problem, r.problem!.status, context);
    }
    return;
  }
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  expect(res.headers.get("content-type"), context).toMatch(/^application\/problem\+json/);
  expectProblem(JSON.parse(text), res.status, context);
}

/* ------------------------------------------------------------------ arbitraries */

const DELETE = Symbol("delete");

/** A copy of `event` with the value at a dotted path replaced (or deleted). */
function withField(event: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(event);
  const keys = path.split(".");
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  if (value === DELETE) delete target[keys.at(-1)!];
  else target[keys.at(-1)!] = value;
  return copy;
}

const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);
const notObject = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const nonAscii = fc
  .string({ unit: "binary", minLength: 1, maxLength: 20 })
  .filter((s) => /[^\x21-\x7e]/.test(s) && !/\p{Cs}/u.test(s));
/** Text a fetch header may carry as is (printable ASCII without surrounding spaces, which fetch would trim). */
const headerText = (maxLength = 60) =>
  fc.string({ maxLength }).filter((s) => /^([\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?)?$/.test(s));
const longString = (min: number) => fc.string({ minLength: min, maxLength: min + 5_000 });
const deepJson = fc
  .integer({ min: 1_000, max: 200_000 })
  .map((depth) => "[".repeat(depth) + "]".repeat(depth));

type Labelled = [family: string, event: Record<string, unknown>];
const labelled = (family: string, event: Record<string, unknown>): Labelled => [family, event];

/** One defect in an otherwise valid event. */
const defectiveEvent: fc.Arbitrary<Labelled> = fc.oneof(
  fc
    .constantFrom("id", "type", "occurred_at", "worker", "amount", "currency", "worker.id", "worker.country")
    .map((p) => labelled(`missing ${p}`, withField(validEvent(), p, DELETE))),
  fc
    .tuple(
      fc.constantFrom(
        "id",
        "type",
        "occurred_at",
        "amount",
        "currency",
        "worker.id",
        "worker.country",
        "worker.national_id",
        "reverses",
        "fx_rate",
        "task.id",
        "task.type",
      ),
      notString,
    )
    .map(([p, v]) => labelled(`${p} not a string`, withField(validEvent(), p, v))),
  fc
    .tuple(fc.constantFrom("worker", "task"), notObject)
    .map(([p, v]) => labelled(`${p} not an object`, withField(validEvent(), p, v))),
  fc
    .oneof(
      fc.double({ min: 0.001, max: 1e6, noInteger: true }),
      fc.integer({ max: -1 }),
      fc.integer({ min: 31 * 86_400 + 1 }),
      fc.constant(1e308),
      fc.string(),
    )
    .map((v) => labelled("task.duration_s out of range", withField(validEvent(), "task.duration_s", v))),
  fc
    .tuple(
      fc.constantFrom<[string, number]>(
        ["id", 129],
        ["worker.id", 129],
        ["worker.national_id", 65],
        ["task.id", 129],
        ["task.type", 65],
      ),
      fc.nat(),
    )
    .chain(([[p, min]]) =>
      longString(min).map((v) => labelled(`${p} too long`, withField(validEvent(), p, v))),
    ),
  fc
    .integer({ min: 16, max: 400 })
    .map((digits) =>
      labelled("amount with too many digits", withField(validEvent(), "amount", "9".repeat(digits))),
    ),
  fc
    .tuple(fc.constantFrom("id", "worker.id", "worker.country", "currency", "amount", "type"), nonAscii)
    .map(([p, v]) => labelled(`${p} non-ASCII`, withField(validEvent(), p, v))),
  fc
    .constantFrom(
      "0",
      "0.00",
      "-1.00",
      "+1.00",
      "1e3",
      "1,000.00",
      " 1.00",
      "1.001",
      "NaN",
      "Infinity",
      "0x10",
      ".5",
      "5.",
      "１.００",
      "",
    )
    .map((v) => labelled(`amount ${JSON.stringify(v)}`, withField(validEvent(), "amount", v))),
  fc
    .constantFrom("usd", "ZZZ", "EURO", "", "US")
    .map((v) => labelled(`currency ${v}`, withField(validEvent(), "currency", v))),
  fc
    .constantFrom("us", "USA", "ZZ", "", "U1")
    .map((v) => labelled(`country ${v}`, withField(validEvent(), "worker.country", v))),
  fc
    .constantFrom(
      "2026-03-10T10:00:00",
      "2026-02-30T10:00:00Z",
      "2026-13-01T00:00:00Z",
      "yesterday",
      "",
      "1773136800",
    )
    .map((v) => labelled(`occurred_at ${v}`, withField(validEvent(), "occurred_at", v))),
  // Valid RFC 3339 instants outside the accepted range (2000-01-01 to a day past the server clock).
  fc
    .constantFrom(
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "1999-12-31T23:59:59Z",
      "2000-01-01T00:30:00+01:00",
      "2100-01-01T00:00:00Z",
    )
    .map((v) => labelled(`occurred_at out of range ${v}`, withField(validEvent(), "occurred_at", v))),
  fc
    .constantFrom("refund", "PAYOUT", "")
    .map((v) => labelled(`type ${v}`, withField(validEvent(), "type", v))),
  fc.constant(labelled("reversal without reverses", withField(validEvent(), "type", "reversal"))),
  fc.constant(labelled("payout with reverses", withField(validEvent(), "reverses", "seed-0"))),
  fc.constant(
    labelled("JPY with decimals", withField(withField(validEvent(), "currency", "JPY"), "amount", "150.5")),
  ),
  fc
    .constantFrom("0", "-1", "1e2", "abc")
    .map((v) => labelled(`fx_rate ${v}`, withField(validEvent(), "fx_rate", v))),
);

/** Valid by the schema, refused by the ledger (422, or 409 for a reused id). */
const ledgerRefusal: fc.Arbitrary<Labelled> = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((s) => /^[\x21-\x7e]+$/.test(s) && !s.startsWith("seed-"))
    .map((target) =>
      labelled("reversal of an unknown payout", {
        ...withField(validEvent(), "type", "reversal"),
        reverses: target,
      }),
    ),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1_001, max: 10_000_000 })).map(([k, cents]) =>
    labelled("reversal beyond the payout", {
      ...validEvent(),
      type: "reversal",
      reverses: `seed-${k}`,
      worker: { id: `seed-w${k}`, country: "US" },
      amount: formatMinor(cents, "USD"),
    }),
  ),
  fc.integer({ min: 0, max: 4 }).map((k) =>
    labelled("reversal for another worker", {
      ...validEvent(),
      type: "reversal",
      reverses: `seed-${k}`,
      amount: "1.00",
    }),
  ),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 999 })).map(([k, cents]) =>
    labelled("event id reused with other content", {
      ...SEEDED[k]!,
      amount: `10.${String(cents % 100).padStart(2, "0")}`,
      worker: { id: `other-${cents}`, country: "US" },
    }),
  ),
  fc.constant(labelled("currency without an ECB rate", withField(validEvent(), "currency", "KES"))),
);

/** Amounts the wire format accepts (≤ 15 integer digits) whose minor units exceed 2^53 (9,007,199,254,740,992). */
const hugeAmount = fc
  .tuple(
    fc.bigInt({ min: 90_071_992_547_410n, max: 999_999_999_999_999n }),
    fc.integer({ min: 0, max: 99 }),
    fc.constantFrom("USD", "EUR", "GBP"),
  )
  .map(([units, cents, currency]) =>
    labelled(`amount ${units}.${String(cents).padStart(2, "0")} ${currency}`, {
      ...validEvent(),
      amount: `${units}.${String(cents).padStart(2, "0")}`,
      currency,
    }),
  );

/* ------------------------------------------------------------------ properties */

const RUNS_FACTOR = process.env.SOAK === "1" ? 10 : 1;
const asyncRun = (runs: number, arbitrary: fc.Arbitrary<Hostile>) =>
  fc.assert(fc.asyncProperty(arbitrary, refused), { numRuns: runs * RUNS_FACTOR });

beforeAll(async () => {
  instance = await startLocalInstance();
  platform = await instance.createPlatform("fuzz");
  other = await instance.createPlatform("fuzz-other");
  const seeded = await platform.sender.send({ events: SEEDED });
  expect(seeded.status).toBe(200);
  before = await snapshot();
});

afterAll(async () => {
  await instance.close();
});

describe("hostile requests to POST /v1/payouts: never a 5xx, always problem+json", () => {
  it("refuses bad signatures, timestamps, webhook ids and platforms (200 runs)", async () => {
    const body = () => JSON.stringify(validEvent());
    await asyncRun(
      200,
      fc.oneof(
        fc
          .constantFrom<"other" | "random">("other", "random")
          .map((secret): Hostile => ({ family: `secret ${secret}`, body: body(), signing: { secret } })),
        fc
          .oneof(fc.integer({ min: 301, max: 1_000_000_000 }), fc.integer({ min: -1_000_000_000, max: -301 }))
          .map(
            (offset): Hostile => ({
              family: `timestamp ${offset} s off`,
              body: body(),
              signing: { secret: "own", timestampOffsetS: offset },
            }),
          ),
        fc.string({ minLength: 1, maxLength: 50 }).map((extra): Hostile => {
          const signed = body();
          return {
            family: "signature over another body",
            body:
              signed.replace('"1.00"', `"1.0${extra.length % 10}"`) + (extra.length % 10 === 0 ? " " : ""),
            signing: { secret: "own", signedBody: signed },
          };
        }),
        fc.constant<Hostile>({
          family: "signature over another webhook-id",
          body: body(),
          signing: { secret: "own", signedId: "msg_other" },
        }),
        fc
          .subarray(["webhook-id", "webhook-timestamp", "webhook-signature"], { minLength: 1 })
          .map((missing): Hostile => {
            const headers = {
              "webhook-id": "msg_x",
              "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
              "webhook-signature": "v1,AAAA",
            };
            for (const m of missing) delete headers[m as keyof typeof headers];
            return { family: `missing ${missing.join(", ")}`, body: body(), signing: { headers } };
          }),
        fc
          .oneof(
            headerText(),
            fc.base64String().map((b) => `v1,${b}`),
            fc.base64String().map((b) => `v2,${b}`),
            fc.array(headerText(30), { maxLength: 20 }).map((parts) => parts.join(" ").trim()),
          )
          .map(
            (signature): Hostile => ({
              family: "malformed signature",
              body: body(),
              signing: {
                headers: {
                  "webhook-id": "msg_x",
                  "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
                  "webhook-signature": signature,
                },
              },
            }),
          ),
        headerText()
          .filter((t) => !/^[0-9]{1,12}$/.test(t))
          .map(
            (timestamp): Hostile => ({
              family: "malformed timestamp",
              body: body(),
              signing: {
                headers: {
                  "webhook-id": "msg_x",
                  "webhook-timestamp": timestamp,
                  "webhook-signature": "v1,AAAA",
                },
              },
            }),
          ),
        fc.oneof(fc.constant(""), fc.constant("no-such-platform"), nonAscii, longString(65)).map(
          (slug): Hostile => ({
            family: `platform ${JSON.stringify(slug.slice(0, 20))}`,
            body: body(),
            slug,
          }),
        ),
      ),
    );
  });

  it("refuses content types other than application/json (100 runs)", async () => {
    const types = fc.oneof(
      fc.constant(null),
      fc.constantFrom(
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
        "application/json-patch+json",
        "application/xml",
        "json",
      ),
      headerText(),
    );
    await asyncRun(
      100,
      types
        .filter((t) => t === null || !/^application\/json\s*(;|$)/i.test(t))
        .map(
          (contentType): Hostile => ({
            family: `content-type ${contentType}`,
            body: JSON.stringify(validEvent()),
            contentType,
          }),
        ),
    );
  });

  it("refuses bodies that are not an event or an envelope of 1 to 1,000 events (200 runs)", async () => {
    const notJson = fc.string().filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    });
    await asyncRun(
      200,
      fc.oneof(
        notJson.map((body): Hostile => ({ family: "not JSON", body })),
        fc.constant<Hostile>({ family: "truncated JSON", body: JSON.stringify(validEvent()).slice(0, -3) }),
        fc
          .oneof(
            fc.integer(),
            fc.string(),
            fc.constant(null),
            fc.boolean(),
            fc.array(fc.constant(validEvent()), { minLength: 1, maxLength: 3 }),
          )
          .map((value): Hostile => ({ family: "JSON that is not an object", body: JSON.stringify(value) })),
        fc
          .oneof(
            fc.constant([]),
            notString.filter((v) => !Array.isArray(v)),
          )
          .map(
            (events): Hostile => ({
              family: "events not a list of 1 to 1,000",
              body: JSON.stringify({ events }),
            }),
          ),
        fc.constant<Hostile>({
          family: "1,001 events",
          body: JSON.stringify({ events: Array.from({ length: 1_001 }, validEvent) }),
        }),
        deepJson.map((deep): Hostile => ({ family: "deep JSON body", body: deep })),
        deepJson.map(
          (deep): Hostile => ({
            family: "deep JSON as an event's task",
            body: JSON.stringify(withField(validEvent(), "task", "DEEP")).replace('"DEEP"', deep),
          }),
        ),
        fc.integer({ min: MAX_DELIVERY_BYTES + 1, max: MAX_DELIVERY_BYTES + 100_000 }).map(
          (size): Hostile => ({
            family: "body over 1 MiB",
            body: JSON.stringify({ ...validEvent(), pad: "x".repeat(size) }),
          }),
        ),
      ),
    );
  });

  it("refuses events with a missing field, a wrong type, a long string, non-ASCII text or an invalid value (400 runs)", async () => {
    await asyncRun(
      400,
      defectiveEvent.map(([family, event]): Hostile => ({ family, body: JSON.stringify(event) })),
    );
  });

  it("refuses events the ledger cannot record: unknown or exceeded reversals, reused ids, missing rates (100 runs)", async () => {
    await asyncRun(
      100,
      ledgerRefusal.map(([family, event]): Hostile => ({ family, body: JSON.stringify(event) })),
    );
  });

  it("refuses amounts whose minor units exceed the safe integer range with a 4xx, not a 500 (100 runs)", async () => {
    await asyncRun(
      100,
      hugeAmount.map(([family, event]): Hostile => ({ family, body: JSON.stringify(event) })),
    );
  });

  it("answers a batch of refused events with a problem for each (50 runs)", async () => {
    await asyncRun(
      50,
      fc.array(fc.oneof(defectiveEvent, ledgerRefusal), { minLength: 1, maxLength: 50 }).map(
        (events): Hostile => ({
          family: `batch of ${events.length}`,
          body: JSON.stringify({ events: events.map(([, e]) => e) }),
          batchOf: events.length,
        }),
      ),
    );
  });

  it("leaves the ledger as it was, with every invariant holding", async () => {
    expect(requests).toBeGreaterThanOrEqual(1_000);
    expect(await snapshot()).toBe(before);
    const check = await checkLedger(instance.database.db);
    expect(
      check.checks.filter((c) => c.violations > 0),
      formatLedgerCheck(check),
    ).toEqual([]);
    expect(check.events).toBe(SEEDED.length);
  });

  it("still renders the worker page, both exports and the agency report after the hostile events (never a 5xx)", async () => {
    await expectReadsAnswer();
  });

  it("renders them too when stored rows carry dates outside the range (written before the bound existed)", async () => {
    const { db } = instance.database;
    for (const [id, instant, day, month] of [
      ["bad-late", "+010000-01-01T00:00:00.000Z", "10000-01-01", "10000-0"],
      ["bad-early", "0001-01-01T00:00:00.000Z", "1-01-01", "1-01-01"],
    ] as const) {
      await db.run(sql`INSERT INTO ledger_events (platform_id, event_id, type, content_hash, occurred_at, local_date, jurisdiction, worker_ref, subject_key, national_id_hash, amount_minor, currency, received_at)
        SELECT platform_id, ${id}, type, content_hash, ${instant}, ${day}, jurisdiction, worker_ref, subject_key, national_id_hash, amount_minor, currency, received_at FROM ledger_events WHERE event_id = 'seed-0'`);
      await db.run(sql`INSERT INTO ledger_entries (platform_id, event_id, rule_id, rule_code, jurisdiction, scheme, payer, subject_key, period_key, month, accrual_key, seq, base_delta, base_to_date, exact_to_date, rounded_to_date_minor, amount_minor, currency, fx_rate, fx_source, base_fraction, basis)
        SELECT platform_id, ${id}, rule_id, rule_code, jurisdiction, scheme, payer, subject_key, ${month}, ${month}, ${`bad-${id}`}, 1, base_delta, base_to_date, exact_to_date, rounded_to_date_minor, amount_minor, currency, fx_rate, fx_source, base_fraction, basis FROM ledger_entries WHERE event_id = 'seed-0'`);
    }
    await expectReadsAnswer();
  });
});

/** GETs the page and exports of seed-w0 (a platform link and an agency link) and the US report of 2026-03; none may be a 5xx. */
async function expectReadsAnswer(): Promise<void> {
  const agency = await instance.createAgency(["US"]);
  const urls: string[] = [];
  for (const [key, query] of [
    [platform.apiKey, ""],
    [agency, `?platform=${platform.slug}`],
  ] as const) {
    const res = await fetch(`${instance.baseUrl}/v1/workers/seed-w0/access-links${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    urls.push(url, `${url}/record.json`, `${url}/record.csv`, `${url}?lang=fr`);
  }
  for (const url of urls) {
    const res = await fetch(url);
    expect(res.status, url).toBe(200);
    await res.arrayBuffer();
  }
  for (const format of ["json", "csv"]) {
    const res = await fetch(
      `${instance.baseUrl}/v1/reports/monthly?jurisdiction=US&period=2026-03&format=${format}`,
      { headers: { authorization: `Bearer ${agency}` } },
    );
    expect(res.status, format).toBe(200);
    await res.arrayBuffer();
  }
}
