/**
 * GET /v1/reports/monthly over HTTP against a real instance (startLocalInstance: temp libSQL file, seeded
 * DE/FR rules). Two platforms deliver signed EUR payouts for German workers around March 2026 (one worker
 * shares a national id across both platforms), one reversal, one FR worker and one payout that falls in
 * April in Berlin; the report for DE 2026-03 is then checked against figures computed here by hand.
 *
 * Expected figures: DE 2026 rule versions in rules/de.json — pension 9.3 % worker and 9.3 %
 * platform (ceiling 8,450 EUR/month), health 8.75 % worker and 8.75 % platform (ceiling 5,812.50 EUR/month),
 * monthly periods, base fraction 1, half-up to cents. The bases here stay far below the ceilings, so for a
 * worker and rule the contribution to date is round_half_up(rate × month-to-date base) and each event adds
 * the increase of that rounded total (docs/design.md §4.1); `handExpected` replays the deliveries in order with
 * Dec to get each row's base and contribution without using the code under test.
 *
 * Also over HTTP: `national_id_hash` and `rates` per row (the DE 2026 rates above, as written in the rule
 * data; a second instance publishes a mid-March version of de-health-worker at 9 % so a row spans two
 * versions), JSON cursor pages whose rows concatenate to the unpaginated rows, and the streamed CSV, whose
 * bytes equal csv-stringify's CSV of the JSON rows (built here) and the checksum.
 */
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { seedRules } from "../src/db/seed/rule-files.js";
import { Dec } from "../src/domain/money.js";
import { payoutEvent } from "./support/ledger-test-kit.js";
import type { MonthlyReport } from "../src/agency-reports/monthly-report.js";
import type { ReportPage } from "../src/agency-reports/report-pages.js";

const RATES: Record<string, string> = {
  "de-pension-worker": "0.093",
  "de-pension-platform": "0.093",
  "de-health-worker": "0.0875",
  "de-health-platform": "0.0875",
};
const NATIONAL_ID_A = "12 345678 A 901";

interface Delivery {
  platform: "rideco" | "foodco";
  /** Worker identity across platforms as the ledger should see it (same national id = same worker). */
  identity: string;
  /** Local month in Europe/Berlin of the payout (of the reversed payout for a reversal), worked out by hand. */
  month: string;
  event: Record<string, unknown>;
}

const worker = (id: string, country = "DE", nationalId?: string) => ({
  id,
  country,
  ...(nationalId ? { national_id: nationalId } : {}),
});

/** In delivery order. */
const DELIVERIES: Delivery[] = [
  {
    platform: "rideco",
    identity: "A",
    month: "2026-03",
    event: {
      id: "p1",
      type: "payout",
      occurred_at: "2026-03-02T09:00:00Z",
      worker: worker("rider-a", "DE", NATIONAL_ID_A),
      amount: "120.55",
      currency: "EUR",
    },
  },
  // 23:30 UTC on 28 Feb is 00:30 CET on 1 March in Berlin: March.
  {
    platform: "rideco",
    identity: "B",
    month: "2026-03",
    event: {
      id: "p3",
      type: "payout",
      occurred_at: "2026-02-28T23:30:00Z",
      worker: worker("drv-b"),
      amount: "300.00",
      currency: "EUR",
    },
  },
  {
    platform: "rideco",
    identity: "A",
    month: "2026-03",
    event: {
      id: "p2",
      type: "payout",
      occurred_at: "2026-03-15T18:20:00+01:00",
      worker: worker("rider-a", "DE", NATIONAL_ID_A),
      amount: "0.07",
      currency: "EUR",
    },
  },
  {
    platform: "foodco",
    identity: "A",
    month: "2026-03",
    event: {
      id: "f1",
      type: "payout",
      occurred_at: "2026-03-20T12:00:00Z",
      worker: worker("courier-a", "DE", NATIONAL_ID_A),
      amount: "45.99",
      currency: "EUR",
    },
  },
  // 22:30 UTC on 31 March is 00:30 CEST on 1 April (summer time from 29 March): April, not in the report.
  {
    platform: "rideco",
    identity: "B",
    month: "2026-04",
    event: {
      id: "p4",
      type: "payout",
      occurred_at: "2026-03-31T22:30:00Z",
      worker: worker("drv-b"),
      amount: "50.00",
      currency: "EUR",
    },
  },
  {
    platform: "rideco",
    identity: "B",
    month: "2026-03",
    event: {
      id: "p5",
      type: "payout",
      occurred_at: "2026-03-10T08:00:00Z",
      worker: worker("drv-b"),
      amount: "0.01",
      currency: "EUR",
    },
  },
  // A French worker: jurisdiction FR, not in the DE report.
  {
    platform: "rideco",
    identity: "C",
    month: "2026-03",
    event: {
      id: "p6",
      type: "payout",
      occurred_at: "2026-03-12T10:00:00Z",
      worker: worker("fr-c", "FR"),
      amount: "80.00",
      currency: "EUR",
      task: { type: "delivery", attributes: { activity: "bic-services" } },
    },
  },
  // Reversal in April of a March payout: its entries belong to March (docs/design.md §4.3).
  {
    platform: "rideco",
    identity: "A",
    month: "2026-03",
    event: {
      id: "r1",
      type: "reversal",
      reverses: "p1",
      occurred_at: "2026-04-02T10:00:00Z",
      worker: worker("rider-a", "DE", NATIONAL_ID_A),
      amount: "20.05",
      currency: "EUR",
    },
  },
];

interface ExpectedRow {
  identity: string;
  worker_ref: string;
  platform: string;
  rule: string;
  base: Dec;
  contribution: Dec;
  payouts: number;
  reversals: number;
}

/** Replays the DE March deliveries in order: running base and rounded-to-date total per (identity, rule). */
function handExpected(): ExpectedRow[] {
  const rows = new Map<string, ExpectedRow>();
  const running = new Map<string, { base: Dec; rounded: Dec }>();
  for (const d of DELIVERIES) {
    const e = d.event as { type: string; amount: string; worker: { id: string; country: string } };
    if (e.worker.country !== "DE" || d.month !== "2026-03") continue;
    const signed = e.type === "reversal" ? new Dec(e.amount).neg() : new Dec(e.amount);
    for (const [rule, rate] of Object.entries(RATES)) {
      const state = running.get(`${d.identity}|${rule}`) ?? { base: new Dec(0), rounded: new Dec(0) };
      const base = state.base.plus(signed);
      const rounded = base.times(rate).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
      running.set(`${d.identity}|${rule}`, { base, rounded });
      const key = `${d.identity}|${d.platform}|${rule}`;
      const row = rows.get(key) ?? {
        identity: d.identity,
        worker_ref: e.worker.id,
        platform: d.platform,
        rule,
        base: new Dec(0),
        contribution: new Dec(0),
        payouts: 0,
        reversals: 0,
      };
      row.base = row.base.plus(signed);
      row.contribution = row.contribution.plus(rounded.minus(state.rounded));
      if (e.type === "payout") row.payouts++;
      else row.reversals++;
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}

const HEADER = [
  "worker",
  "national_id_hash",
  "worker_ref",
  "platform",
  "rule",
  "scheme",
  "payer",
  "period",
  "contribution_base",
  "rates",
  "contribution",
  "currency",
  "payouts",
  "reversals",
];

describe("GET /v1/reports/monthly", () => {
  let instance: LocalInstance;
  let platforms: Record<"rideco" | "foodco", PlatformAccount>;
  let agencyDe: string;
  let agencyFr: string;

  const get = (path: string, key?: string) =>
    fetch(instance.baseUrl + path, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  const getJson = async (path: string, key: string) => {
    const res = await get(path, key);
    expect(res.status).toBe(200);
    return (await res.json()) as MonthlyReport;
  };
  const DE_MARCH = "/v1/reports/monthly?jurisdiction=DE&period=2026-03";

  beforeAll(async () => {
    instance = await startLocalInstance();
    platforms = {
      rideco: await instance.createPlatform("rideco"),
      foodco: await instance.createPlatform("foodco"),
    };
    agencyDe = await instance.createAgency(["DE"]);
    agencyFr = await instance.createAgency(["FR"]);
    for (const d of DELIVERIES) {
      const res = await platforms[d.platform].sender.send(d.event);
      expect(res.status, `${String(d.event.id)}: ${await res.clone().text()}`).toBe(201);
    }
  });

  afterAll(async () => {
    await instance?.close();
  });

  it("has one row per worker, platform, rule and period with hand-computed bases and contributions", async () => {
    const report = await getJson(DE_MARCH, agencyDe);
    const expected = handExpected();
    expect(expected).toHaveLength(12); // A on rideco, A on foodco, B on rideco; four DE rules each
    expect(report.row_count).toBe(12);
    expect(report.rows).toHaveLength(12);
    expect(report).toMatchObject({
      jurisdiction: "DE",
      period: "2026-03",
      checksum: { algorithm: "SHA-256" },
    });

    // Worker A is one pseudonymous subject on both platforms (same national id), never the id itself.
    const subjectOf = (ref: string) =>
      new Set(report.rows.filter((r) => r.worker_ref === ref).map((r) => r.worker));
    const [subjectA] = [...subjectOf("rider-a")];
    expect(subjectOf("rider-a").size).toBe(1);
    expect([...subjectOf("courier-a")]).toEqual([subjectA]);
    expect(subjectA).toMatch(/^nid:/);
    expect([...subjectOf("drv-b")][0]).not.toBe(subjectA);
    expect(JSON.stringify(report)).not.toContain(NATIONAL_ID_A);
    expect(report.rows.some((r) => r.worker_ref === "fr-c")).toBe(false);

    for (const e of expected) {
      const row = report.rows.find(
        (r) => r.worker_ref === e.worker_ref && r.platform === e.platform && r.rule === e.rule,
      );
      expect(row, `${e.worker_ref} ${e.platform} ${e.rule}`).toMatchObject({
        period: "2026-03",
        currency: "EUR",
        payer: e.rule.endsWith("-worker") ? "worker" : "platform",
        scheme: e.rule.split("-")[1],
        contribution_base: e.base.toFixed(2),
        rates: RATES[e.rule],
        contribution: e.contribution.toFixed(2),
        payouts: e.payouts,
        reversals: e.reversals,
      });
    }
    // Spot values from the hand replay: A on rideco has base 120.55 + 0.07 − 20.05 = 100.57 and pension
    // 11.21 (p1) + 0.01 (p2) − 1.86 (r1, after f1 on foodco took the total to 15.49) = 9.36.
    expect(
      report.rows.find((r) => r.worker_ref === "rider-a" && r.rule === "de-pension-worker"),
    ).toMatchObject({ contribution_base: "100.57", contribution: "9.36", payouts: 2, reversals: 1 });
    // The national id hash is the hex HMAC inside A's "nid:" key; B has no national id.
    for (const r of report.rows)
      expect(r.national_id_hash).toBe(r.worker === subjectA ? subjectA.slice("nid:".length) : "");
    expect(subjectA!.slice("nid:".length)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("pages JSON with limit and cursor: every page has the whole report's metadata, the rows concatenate to the unpaginated rows", async () => {
    const whole = await getJson(DE_MARCH, agencyDe);
    for (const limit of [1, 5, 12, 10_000]) {
      const rows: MonthlyReport["rows"] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = (await getJson(
          `${DE_MARCH}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
          agencyDe,
        )) as ReportPage;
        expect(page.rows.length).toBeLessThanOrEqual(limit);
        expect(page).toMatchObject({
          status: whole.status,
          chain_head: whole.chain_head,
          row_count: 12,
          checksum: whole.checksum,
          totals: whole.totals,
        });
        rows.push(...page.rows);
        cursor = page.next_cursor;
        pages++;
      } while (cursor !== null);
      expect(rows).toEqual(whole.rows);
      expect(pages).toBe(Math.ceil(12 / limit));
    }
    // Without limit and cursor: the report as before, no next_cursor.
    expect(whole).not.toHaveProperty("next_cursor");
  });

  it.each([
    "limit=0",
    "limit=10001",
    "limit=abc",
    "cursor=not%20base64",
    "cursor=bm90LWpzb24",
    "cursor=WzEsMl0",
  ])("rejects %s with 422 problem+json", async (q) => {
    // bm90LWpzb24 is base64url of "not-json"; WzEsMl0 of "[1,2]" (valid JSON, not a sort key).
    const res = await get(`${DE_MARCH}&${q}`, agencyDe);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain(q.split("=")[0]);
  });

  it("sorts rows by worker, platform, rule, period", async () => {
    const { rows } = await getJson(DE_MARCH, agencyDe);
    const keys = rows.map((r) => [r.worker, r.platform, r.rule, r.period].join("\u0000"));
    expect(keys).toEqual([...keys].sort());
  });

  it("has totals that equal the sum of the rows and the hand figures", async () => {
    const { rows, totals } = await getJson(DE_MARCH, agencyDe);
    const sum = (
      filter: (r: MonthlyReport["rows"][number]) => boolean,
      field: "contribution" | "contribution_base",
    ) =>
      rows
        .filter(filter)
        .reduce((s, r) => s.plus(r[field]), new Dec(0))
        .toFixed(2);

    expect(totals.by_platform_scheme).toHaveLength(2 * 2 * 2); // 2 platforms × 2 schemes × 2 payers, EUR only
    for (const t of totals.by_platform_scheme) {
      const match = (r: MonthlyReport["rows"][number]) =>
        r.platform === t.platform &&
        r.scheme === t.scheme &&
        r.payer === t.payer &&
        r.currency === t.currency;
      expect(t.contribution).toBe(sum(match, "contribution"));
      expect(t.contribution_base).toBe(sum(match, "contribution_base"));
    }
    expect(totals.by_scheme).toHaveLength(4);
    for (const t of totals.by_scheme) {
      const match = (r: MonthlyReport["rows"][number]) =>
        r.scheme === t.scheme && r.payer === t.payer && r.currency === t.currency;
      expect(t.contribution).toBe(sum(match, "contribution"));
      expect(t.contribution_base).toBe(sum(match, "contribution_base"));
    }
    expect(totals.by_payer.map((t) => t.payer)).toEqual(["platform", "worker"]);
    for (const t of totals.by_payer)
      expect(t.contribution).toBe(
        sum((r) => r.payer === t.payer && r.currency === t.currency, "contribution"),
      );

    // Independently: the workers' pension total from the hand replay.
    const handPensionWorker = handExpected()
      .filter((e) => e.rule === "de-pension-worker")
      .reduce((s, e) => s.plus(e.contribution), new Dec(0));
    expect(totals.by_scheme.find((t) => t.scheme === "pension" && t.payer === "worker")?.contribution).toBe(
      handPensionWorker.toFixed(2),
    );
  });

  it("serves RFC 4180 CSV whose SHA-256 is the checksum in the header and the JSON", async () => {
    const res = await get(`${DE_MARCH}&format=csv`, agencyDe);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe("attachment; filename=report-DE-2026-03.csv");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("report-status")).toBe("provisional");
    const body = await res.text();
    const digest = createHash("sha256").update(body, "utf8").digest("hex");
    expect(res.headers.get("report-checksum")).toBe(`sha-256=${digest}`);

    const json = await getJson(DE_MARCH, agencyDe);
    expect(json.checksum.value).toBe(digest);
    expect(res.headers.get("report-chain-head")).toBe(`${json.chain_head.event_seq}:${json.chain_head.hash}`);

    expect(body.split("\r\n")[0]).toBe(HEADER.join(","));
    expect(body.endsWith("\r\n")).toBe(true);
    const records = parse(body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(HEADER);
    expect(records).toEqual(
      json.rows.map((r) => Object.fromEntries(HEADER.map((h) => [h, String(r[h as keyof typeof r])]))),
    );
    // The streamed body is byte for byte the one-string CSV of the rows (csv-stringify here, in one call).
    expect(body).toBe(stringify(json.rows, { header: true, columns: HEADER, record_delimiter: "windows" }));
  });

  it("covers the sealed chain head and gives identical rows and checksum on a second pull", async () => {
    const first = await getJson(DE_MARCH, agencyDe);
    const second = await getJson(DE_MARCH, agencyDe);
    expect(second.rows).toEqual(first.rows);
    expect(second.checksum).toEqual(first.checksum);
    expect(second.totals).toEqual(first.totals);
    // Every delivered event (8, ids 1..8 in a fresh ledger) is sealed, and the head is the verified one.
    expect(first.chain_head.event_seq).toBe(DELIVERIES.length);
    const verify = (await (await instance.admin("GET", "/v1/ledger/verify")).json()) as {
      ok: boolean;
      head: { event_seq: number; hash: string };
    };
    expect(verify.ok).toBe(true);
    expect(first.chain_head).toEqual(verify.head);
  });

  it("lets the admin read any jurisdiction and an agency only its own", async () => {
    const asAdmin = await get(DE_MARCH, instance.adminKey);
    expect(asAdmin.status).toBe(200);
    const fr = await getJson("/v1/reports/monthly?jurisdiction=FR&period=2026-03", agencyFr);
    expect(fr.rows.length).toBeGreaterThan(0);
    expect(fr.rows.every((r) => r.worker_ref === "fr-c")).toBe(true);

    const denied = await get(DE_MARCH, agencyFr);
    expect(denied.status).toBe(403);
    expect(denied.headers.get("content-type")).toBe("application/problem+json");
    expect(((await denied.json()) as { type: string }).type).toMatch(/\/forbidden$/);
  });

  it("answers 401 without a key and 403 for a platform key", async () => {
    const anonymous = await get(DE_MARCH);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toBe("application/problem+json");
    const platform = await get(DE_MARCH, platforms.rideco.apiKey);
    expect(platform.status).toBe(403);
    expect(platform.headers.get("content-type")).toBe("application/problem+json");
  });

  it.each([
    ["period=2026-13", "period"],
    ["period=2026-3", "period"],
    ["period=2026-03-01", "period"],
    ["jurisdiction=XX", "jurisdiction"],
    ["format=xml", "format"],
  ])("rejects %s with 422 problem+json naming the field", async (override, field) => {
    const params = new URLSearchParams({ jurisdiction: "DE", period: "2026-03" });
    const [name, value] = override.split("=") as [string, string];
    params.set(name, value);
    const res = await get(`/v1/reports/monthly?${params}`, agencyDe);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain(field);
  });

  it("returns an empty report with only the header row for a month without payouts", async () => {
    const res = await get("/v1/reports/monthly?jurisdiction=DE&period=2025-07&format=csv", agencyDe);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toBe(`${HEADER.join(",")}\r\n`);
    expect(res.headers.get("report-checksum")).toBe(
      `sha-256=${createHash("sha256").update(body, "utf8").digest("hex")}`,
    );
  });
});

describe("rates when two versions of a rule apply within the month", () => {
  let instance: LocalInstance;
  afterAll(async () => {
    await instance?.close();
  });

  it("lists both versions' marginal rates, oldest first, and only the one in force otherwise", async () => {
    instance = await startLocalInstance();
    // A mid-March version of de-health-worker at 9 % (test data, not law): payouts before 16 March use
    // 0.0875 (seed), after it 0.09.
    const health2026 = seedRules.find(
      (r) => r.code === "de-health-worker" && r.effective_from === "2026-01-01",
    )!;
    const published = await instance.admin("POST", "/v1/admin/rules", {
      ...health2026,
      effective_from: "2026-03-16",
      brackets: [
        { threshold: "0", rate: "0.09" },
        { threshold: "5812.50", rate: "0" },
      ],
    });
    expect(published.status, await published.clone().text()).toBe(201);
    const platform = await instance.createPlatform("splitco");
    const agency = await instance.createAgency(["DE"]);
    for (const e of [
      payoutEvent({ id: "s1", worker: "w-split", amount: "100.00", occurredAt: "2026-03-10T10:00:00Z" }),
      payoutEvent({ id: "s2", worker: "w-split", amount: "100.00", occurredAt: "2026-03-20T10:00:00Z" }),
    ]) {
      expect((await platform.sender.send(e)).status).toBe(201);
    }
    const res = await fetch(`${instance.baseUrl}/v1/reports/monthly?jurisdiction=DE&period=2026-03`, {
      headers: { authorization: `Bearer ${agency}` },
    });
    expect(res.status).toBe(200);
    const { rows } = (await res.json()) as MonthlyReport;
    expect(Object.fromEntries(rows.map((r) => [r.rule, r.rates]))).toEqual({
      ...RATES,
      "de-health-worker": "0.0875|0.09",
    });
    // By hand (docs/design.md §4.1, exact total to date): 8.75 % of 100.00 = 8.75, then the 9 % version adds
    // 0.09 × 200 − 0.09 × 100 = 9.00 on the month-to-date base, so 17.75.
    expect(rows.find((r) => r.rule === "de-health-worker")?.contribution).toBe(
      new Dec("8.75").plus(new Dec("0.09").times(100)).toFixed(2),
    );
  });
});
