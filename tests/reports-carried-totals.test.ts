/**
 * The agency report as served (src/agency-reports/: rows from carried totals, read in keyset pages,
 * streamed, summary kept per chain head) against the report as it was built before issue 13: every entry
 * summed in one grouped statement joined to its event (the oracle below, the former loader's SQL),
 * assembled in memory by `assembleReport` (src/agency-reports/monthly-report.ts, unchanged). Byte for byte: the
 * JSON body, the CSV bodies and their checksums, over a ledger that leaves the carried-totals fast path
 * (yearly US accruals with a reversal and a late payout interleaved across months, one national id
 * reported by two platforms, a late event after a close), plus the closed report before and after later
 * events, pinned cursors while payouts keep arriving, and the fair-pay count against the per-event count
 * (src/worker-record/effective-pay.ts `countWorkersUnderMinimum` over every event, as before).
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { loadRules, toRuleVersion } from "../src/db/rules-repo.js";
import { Dec } from "../src/domain/money.js";
import {
  countWorkersUnderMinimum,
  loadPayContext,
  type PayEvent,
} from "../src/worker-record/effective-pay.js";
import {
  assembleReport,
  ratesApplied,
  reportCsv,
  REPORT_COLUMNS,
  CORRECTION_COLUMNS,
  type MonthlyReport,
  type ReportGroup,
} from "../src/agency-reports/monthly-report.js";
import { payoutEvent } from "./support/ledger-test-kit.js";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const withTask = (event: object, durationS: number) => ({
  ...event,
  task: { id: "t", type: "delivery", duration_s: durationS },
});

describe("the streamed report from carried totals equals the summed report", () => {
  let inst: LocalInstance;
  let alpha: PlatformAccount;
  let beta: PlatformAccount;
  let agency: string;
  const get = (path: string) =>
    fetch(inst.baseUrl + path, { headers: { authorization: `Bearer ${agency}` } });
  const send = async (p: PlatformAccount, event: object) =>
    expect((await p.sender.send(event)).status).toBe(201);

  /** The former loader (every entry summed, joined to its event), grouped like the report's rows. */
  async function summedGroups(jurisdiction: string, where: ReturnType<typeof sql>): Promise<ReportGroup[]> {
    const versions = new Map(
      (await loadRules(inst.database.db, [jurisdiction])).map((r) => [r.id, toRuleVersion(r)]),
    );
    const rows = await inst.database.db.all<Record<string, string | number>>(sql`
      SELECT en.subject_key AS worker, ev.worker_ref AS workerRef, p.slug AS platform, en.rule_code AS rule, en.scheme, en.payer, en.period_key AS period, en.month, en.currency,
             group_concat(en.base_delta, ',') AS baseDeltas, CAST(sum(en.amount_minor) AS TEXT) AS contributionMinor,
             count(DISTINCT CASE WHEN ev.type = 'payout' THEN ev.id END) AS payouts, count(DISTINCT CASE WHEN ev.type = 'reversal' THEN ev.id END) AS reversals,
             group_concat(DISTINCT en.rule_id) AS ruleIds, json_group_array(DISTINCT en.basis) AS bases
      FROM ledger_entries en JOIN ledger_events ev ON ev.platform_id = en.platform_id AND ev.event_id = en.event_id JOIN platforms p ON p.id = en.platform_id
      WHERE en.jurisdiction = ${jurisdiction} AND ${where}
      GROUP BY en.subject_key, ev.worker_ref, p.slug, en.rule_code, en.scheme, en.payer, en.period_key, en.month, en.currency`);
    return rows.map((r) => ({
      worker: String(r.worker),
      workerRef: String(r.workerRef),
      platform: String(r.platform),
      rule: String(r.rule),
      scheme: String(r.scheme),
      payer: r.payer as "worker" | "platform",
      period: String(r.period),
      month: String(r.month),
      currency: String(r.currency),
      baseDeltas: String(r.baseDeltas).split(","),
      contributionMinor: new Dec(String(r.contributionMinor)),
      payouts: Number(r.payouts),
      reversals: Number(r.reversals),
      rates: ratesApplied(
        String(r.ruleIds)
          .split(",")
          .map((id) => versions.get(Number(id))!),
      ),
      bases: (JSON.parse(String(r.bases)) as (string | null)[]).filter((b): b is string => b !== null),
    }));
  }

  /** The report the former path built for the served report's basis (chain head, times, fair pay). */
  async function oracle(jurisdiction: string, period: string, served: MonthlyReport) {
    const head = served.chain_head.event_seq;
    const [previous] = await inst.database.db.all<{ head: number }>(
      sql`SELECT chain_head_seq AS head FROM period_closes WHERE jurisdiction = ${jurisdiction} AND period = strftime('%Y-%m', ${`${period}-01`}, '-1 month')`,
    );
    const closeHead = sql`(SELECT chain_head_seq FROM period_closes c WHERE c.jurisdiction = en.jurisdiction AND c.period = en.month)`;
    const groups = await summedGroups(jurisdiction, sql`en.month = ${period} AND ev.id <= ${head}`);
    const corrections = previous
      ? await summedGroups(
          jurisdiction,
          sql`en.month < ${period} AND ev.id > ${previous.head} AND ev.id <= ${head} AND ev.id > ${closeHead}`,
        )
      : [];
    const closedAt = served.closed_at ? new Date(served.closed_at) : null;
    return (
      await assembleReport(groups, corrections, {
        jurisdiction,
        period,
        chainHead: { eventSeq: head, hash: served.chain_head.hash },
        generatedAt: new Date(served.generated_at),
        closedAt,
        fairPay: served.fair_pay,
        csvFormat: 2,
      })
    ).report;
  }

  async function expectSameAsSummed(jurisdiction: string, period: string): Promise<MonthlyReport> {
    const base = `/v1/reports/monthly?jurisdiction=${jurisdiction}&period=${period}`;
    const res = await get(base);
    expect(res.status).toBe(200);
    const text = await res.text();
    const served = JSON.parse(text) as MonthlyReport;
    const expected = await oracle(jurisdiction, period, served);
    expect(text).toBe(JSON.stringify(expected));
    const csv = await (await get(`${base}&format=csv`)).text();
    expect(csv).toBe(reportCsv(expected.rows, REPORT_COLUMNS));
    expect(sha256(csv)).toBe(served.checksum.value);
    const corrections = await (await get(`${base}&format=csv&section=corrections`)).text();
    expect(corrections).toBe(reportCsv(expected.corrections.rows, CORRECTION_COLUMNS));
    expect(sha256(corrections)).toBe(served.corrections.checksum.value);
    return served;
  }

  let closedJanuary: { json: string; csv: string; corrections: string; checksum: string };

  beforeAll(async () => {
    inst = await startLocalInstance();
    alpha = await inst.createPlatform("alpha");
    beta = await inst.createPlatform("beta");
    agency = await inst.createAgency(["DE", "US"]);
    // US: yearly accruals ("2026"). January payouts, then February ones, then a reversal of a January
    // payout and a late January payout: January's rows are no longer one sequence range of their accrual.
    for (const [k, day] of ["05", "12", "19"].entries())
      await send(
        alpha,
        withTask(
          payoutEvent({
            id: `us-jan-${k}`,
            worker: "u1",
            country: "US",
            currency: "USD",
            amount: `${100 + k}.00`,
            occurredAt: `2026-01-${day}T12:00:00Z`,
          }),
          3_600,
        ),
      );
    await send(
      alpha,
      withTask(
        payoutEvent({
          id: "us-jan-u2",
          worker: "u2",
          country: "US",
          currency: "USD",
          amount: "5.00",
          occurredAt: "2026-01-07T12:00:00Z",
        }),
        7_200,
      ),
    );
    for (const [k, day] of ["02", "09"].entries())
      await send(
        alpha,
        withTask(
          payoutEvent({
            id: `us-feb-${k}`,
            worker: "u1",
            country: "US",
            currency: "USD",
            amount: `${50 + k}.25`,
            occurredAt: `2026-02-${day}T12:00:00Z`,
          }),
          1_800,
        ),
      );
    await send(
      alpha,
      payoutEvent({
        id: "us-rev-jan-1",
        worker: "u1",
        country: "US",
        currency: "USD",
        amount: "30.00",
        reverses: "us-jan-1",
        occurredAt: "2026-02-10T12:00:00Z",
      }),
    );
    await send(
      alpha,
      withTask(
        payoutEvent({
          id: "us-jan-late",
          worker: "u1",
          country: "US",
          currency: "USD",
          amount: "7.77",
          occurredAt: "2026-01-30T12:00:00Z",
        }),
        600,
      ),
    );
    // DE: one national id on two platforms (one accrual, two platforms' rows), a payout in USD converted.
    await send(
      alpha,
      withTask(
        payoutEvent({
          id: "de-a1",
          worker: "ra",
          amount: "80.00",
          nationalId: "DE-111",
          occurredAt: "2026-03-03T10:00:00Z",
        }),
        18_000,
      ),
    );
    await send(
      beta,
      withTask(
        payoutEvent({
          id: "de-b1",
          worker: "rb",
          amount: "40.00",
          nationalId: "DE-111",
          occurredAt: "2026-03-04T10:00:00Z",
        }),
        3_600,
      ),
    );
    await send(
      alpha,
      withTask(
        payoutEvent({
          id: "de-a2",
          worker: "ra",
          amount: "25.50",
          nationalId: "DE-111",
          occurredAt: "2026-03-05T10:00:00Z",
        }),
        3_600,
      ),
    );
    await send(
      beta,
      withTask(
        payoutEvent({
          id: "de-b2",
          worker: "rb",
          amount: "60.00",
          currency: "USD",
          nationalId: "DE-111",
          occurredAt: "2026-03-06T10:00:00Z",
        }),
        7_200,
      ),
    );
    await send(
      alpha,
      payoutEvent({
        id: "de-a1-rev",
        worker: "ra",
        amount: "10.00",
        reverses: "de-a1",
        nationalId: "DE-111",
        occurredAt: "2026-03-07T10:00:00Z",
      }),
    );
    await send(
      alpha,
      withTask(
        payoutEvent({ id: "de-c1", worker: "rc", amount: "12.00", occurredAt: "2026-03-08T10:00:00Z" }),
        3_600,
      ),
    );
  });
  afterAll(async () => {
    await inst?.close();
  });

  it("serves provisional reports byte-identical to the summed ones (JSON, CSV, checksums)", async () => {
    const january = await expectSameAsSummed("US", "2026-01");
    expect(january.rows.find((r) => r.worker_ref === "u1" && r.rule === "us-oasdi-se-worker")).toMatchObject({
      payouts: 4,
      reversals: 1,
    });
    await expectSameAsSummed("US", "2026-02");
    const march = await expectSameAsSummed("DE", "2026-03");
    expect(new Set(march.rows.map((r) => r.platform))).toEqual(new Set(["alpha", "beta"]));
  });

  it("keeps a closed report byte-identical after later events, and lists the late ones as corrections", async () => {
    const close = await inst.admin("POST", "/v1/admin/periods/close", {
      jurisdiction: "US",
      period: "2026-01",
    });
    expect(close.status).toBe(201);
    const recorded = ((await close.json()) as { checksum: { value: string } }).checksum.value;
    const pull = async () => ({
      json: await (await get("/v1/reports/monthly?jurisdiction=US&period=2026-01")).text(),
      csv: await (await get("/v1/reports/monthly?jurisdiction=US&period=2026-01&format=csv")).text(),
      corrections: await (
        await get("/v1/reports/monthly?jurisdiction=US&period=2026-01&format=csv&section=corrections")
      ).text(),
      checksum: recorded,
    });
    closedJanuary = await pull();
    expect(sha256(closedJanuary.csv)).toBe(recorded);
    await expectSameAsSummed("US", "2026-01");
    // After the close: a late January payout, a reversal of a January payout, more February payouts.
    await send(
      alpha,
      withTask(
        payoutEvent({
          id: "us-jan-after-close",
          worker: "u2",
          country: "US",
          currency: "USD",
          amount: "3.00",
          occurredAt: "2026-01-28T12:00:00Z",
        }),
        900,
      ),
    );
    await send(
      alpha,
      payoutEvent({
        id: "us-rev-jan-2",
        worker: "u1",
        country: "US",
        currency: "USD",
        amount: "5.00",
        reverses: "us-jan-2",
        occurredAt: "2026-02-20T12:00:00Z",
      }),
    );
    await send(
      alpha,
      withTask(
        payoutEvent({
          id: "us-feb-9",
          worker: "u3",
          country: "US",
          currency: "USD",
          amount: "9.00",
          occurredAt: "2026-02-21T12:00:00Z",
        }),
        900,
      ),
    );
    expect(await pull()).toEqual(closedJanuary);
    const february = await expectSameAsSummed("US", "2026-02");
    expect(february.corrections.rows.map((r) => r.original_period)).toContain("2026-01");
    expect(february.corrections.row_count).toBeGreaterThan(0);
  });

  it("pins a provisional report's chain head in its cursors: pages stay one report while payouts arrive", async () => {
    const first = (await (
      await get("/v1/reports/monthly?jurisdiction=DE&period=2026-03&limit=2")
    ).json()) as MonthlyReport & { next_cursor: string | null };
    const whole = await expectSameAsSummed("DE", "2026-03");
    expect(first.chain_head).toEqual(whole.chain_head);
    // A new DE worker arrives between pages: a row that would sort among the pages' rows.
    await send(
      alpha,
      payoutEvent({ id: "de-d1", worker: "aa-new", amount: "9.00", occurredAt: "2026-03-09T10:00:00Z" }),
    );
    const rows = [...first.rows];
    let cursor = first.next_cursor;
    while (cursor) {
      const page = (await (
        await get(`/v1/reports/monthly?jurisdiction=DE&period=2026-03&limit=2&cursor=${cursor}`)
      ).json()) as MonthlyReport & { next_cursor: string | null };
      expect({ ...page, rows: [], next_cursor: null }).toEqual({ ...first, rows: [], next_cursor: null });
      rows.push(...page.rows);
      cursor = page.next_cursor;
    }
    expect(rows).toEqual(whole.rows);
    // A fresh pull covers the new payout.
    const fresh = await expectSameAsSummed("DE", "2026-03");
    expect(fresh.chain_head.event_seq).toBeGreaterThan(whole.chain_head.event_seq);
    expect(fresh.row_count).toBe(whole.row_count + 4);
  });

  it("refuses a cursor pinned on a sequence that is not a sealed head (422)", async () => {
    const key = [
      "p1:x",
      "alpha",
      "de-pension-worker",
      "2026-03",
      "x",
      "EUR",
      999_999,
      "2026-03-01T00:00:00.000Z",
    ];
    const cursor = Buffer.from(JSON.stringify(key)).toString("base64url");
    const res = await get(`/v1/reports/monthly?jurisdiction=DE&period=2026-03&limit=2&cursor=${cursor}`);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("counts workers under the minimum wage as the per-event count does", async () => {
    for (const [jurisdiction, period] of [
      ["DE", "2026-03"],
      ["US", "2026-01"],
      ["US", "2026-02"],
    ] as const) {
      const served = JSON.parse(
        await (await get(`/v1/reports/monthly?jurisdiction=${jurisdiction}&period=${period}`)).text(),
      ) as MonthlyReport;
      const events = await inst.database.db.all<PayEvent & { subjectKey: string }>(sql`
        SELECT subject_key AS subjectKey, platform_id AS platformId, event_id AS eventId, type, reverses_event_id AS reversesEventId, local_date AS localDate, jurisdiction,
               amount_minor AS amountMinor, currency, task_duration_s AS taskDurationS
        FROM ledger_events WHERE jurisdiction = ${jurisdiction} AND id <= ${served.chain_head.event_seq}`);
      const bySubject = new Map<string, PayEvent[]>();
      for (const { subjectKey, ...event } of events)
        bySubject.set(subjectKey, [...(bySubject.get(subjectKey) ?? []), event]);
      const context = await loadPayContext(inst.database.db, inst.deps.fx, events);
      expect(served.fair_pay).toEqual(
        countWorkersUnderMinimum(bySubject.values(), context, jurisdiction, period),
      );
    }
  });
});
