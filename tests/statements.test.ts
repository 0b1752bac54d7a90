/**
 * GET /v1/platforms/me/statements and POST /v1/platforms/me/statements/reconcile over HTTP against a real
 * instance (seeded DE rules). Expected figures by hand: DE 2026 pension 9.3 % and health 8.75 %, worker
 * and platform alike, half-up to cents on the month-to-date base (docs/design.md §4.1), computed with Dec in
 * `share`. The ledger-side sum for the withheld + owed property is read straight from ledger_entries.
 */
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { Dec } from "../src/domain/money.js";
import { payoutEvent } from "./support/ledger-test-kit.js";
import type { RemittanceStatement } from "../src/schemas/statement.js";

/** round_half_up(rate × base) to cents. */
const share = (rate: string, base: string) => new Dec(base).times(rate).toDecimalPlaces(2, Dec.ROUND_HALF_UP);

describe("platform remittance statement and reconciliation", () => {
  let inst: LocalInstance;
  let a: PlatformAccount;
  let b: PlatformAccount;
  const get = (path: string, key = a.apiKey) =>
    fetch(inst.baseUrl + path, { headers: { authorization: `Bearer ${key}` } });
  const reconcile = (body: unknown) =>
    fetch(`${inst.baseUrl}/v1/platforms/me/statements/reconcile?period=2026-03`, {
      method: "POST",
      headers: { authorization: `Bearer ${a.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    inst = await startLocalInstance();
    a = await inst.createPlatform("stmt-a");
    b = await inst.createPlatform("stmt-b");
    for (const e of [
      payoutEvent({ id: "s1", worker: "x", amount: "100.00" }),
      payoutEvent({ id: "s2", worker: "y", amount: "50.00" }),
      payoutEvent({
        id: "s3",
        worker: "x",
        amount: "20.00",
        reverses: "s1",
        occurredAt: "2026-04-02T10:00:00Z",
      }),
      payoutEvent({ id: "s4", worker: "y", amount: "70.00", occurredAt: "2026-04-10T10:00:00Z" }),
    ])
      expect((await a.sender.send(e)).status).toBe(201);
    expect((await b.sender.send(payoutEvent({ id: "s1", worker: "z", amount: "999.00" }))).status).toBe(201);
  });
  afterAll(async () => {
    await inst?.close();
  });

  it("shows per jurisdiction and scheme what was withheld and what is owed, with the events behind each line", async () => {
    const res = await get("/v1/platforms/me/statements?period=2026-03");
    expect(res.status).toBe(200);
    const st = (await res.json()) as RemittanceStatement;
    expect(st).toMatchObject({
      platform: "stmt-a",
      period: "2026-03",
      due_date_basis: "ledger_period_close",
    });
    // x: base 100 then 80 after the reversal; y: base 50. Platform B's payout is not in A's statement.
    const pension = share("0.093", "80").plus(share("0.093", "50"));
    const health = share("0.0875", "80").plus(share("0.0875", "50"));
    expect(st.lines).toEqual([
      {
        jurisdiction: "DE",
        scheme: "health",
        currency: "EUR",
        withheld: health.toFixed(2),
        owed: health.toFixed(2),
        total: health.times(2).toFixed(2),
        due_date: "2026-04-05",
        events: 3,
        event_ids: ["s1", "s2", "s3"],
      },
      {
        jurisdiction: "DE",
        scheme: "pension",
        currency: "EUR",
        withheld: pension.toFixed(2),
        owed: pension.toFixed(2),
        total: pension.times(2).toFixed(2),
        due_date: "2026-04-05",
        events: 3,
        event_ids: ["s1", "s2", "s3"],
      },
    ]);
    expect(st.totals).toEqual([
      {
        currency: "EUR",
        withheld: pension.plus(health).toFixed(2),
        owed: pension.plus(health).toFixed(2),
        total: pension.plus(health).times(2).toFixed(2),
      },
    ]);
  });

  it("per platform, withheld + owed equals the sum of its ledger entries for the month (both months)", async () => {
    for (const period of ["2026-03", "2026-04"]) {
      const st = (await (
        await get(`/v1/platforms/me/statements?period=${period}`)
      ).json()) as RemittanceStatement;
      const [row] = await inst.database.db.all<{ minor: string }>(
        sql`SELECT CAST(sum(amount_minor) AS TEXT) AS minor FROM ledger_entries WHERE platform_id = (SELECT id FROM platforms WHERE slug = 'stmt-a') AND month = ${period}`,
      );
      expect(new Dec(st.totals[0]!.total).times(100).toFixed(0)).toBe(row!.minor);
      const linesSum = st.lines.reduce((s, l) => s.plus(l.withheld).plus(l.owed), new Dec(0));
      expect(linesSum.toFixed(2)).toBe(st.totals[0]!.total);
    }
  });

  it("serves the same lines as CSV", async () => {
    const json = (await (
      await get("/v1/platforms/me/statements?period=2026-03")
    ).json()) as RemittanceStatement;
    const res = await get("/v1/platforms/me/statements?period=2026-03&format=csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual(
      json.lines.map((l) => ({ ...l, events: String(l.events), event_ids: l.event_ids.join(" ") })),
    );
  });

  it("reconciles the platform's per-event totals: matches, mismatches, events missing on either side", async () => {
    const x1 = share("0.093", "100").plus(share("0.0875", "100")); // s1: first payout of x
    const y1 = share("0.093", "50").plus(share("0.0875", "50")); // s2
    const res = await reconcile({
      events: [
        { event_id: "s1", currency: "EUR", withheld: x1.toFixed(2), owed: x1.toFixed(2) },
        { event_id: "s2", currency: "EUR", withheld: y1.toFixed(2), owed: y1.plus("0.01").toFixed(2) },
        { event_id: "ghost", currency: "EUR", withheld: "1.00", owed: "1.00" },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      matched: number;
      differences: { event_id: string; kind: string; difference: { withheld: string; owed: string } }[];
    };
    expect(body.matched).toBe(1);
    const s3 = share("0.093", "80")
      .minus(share("0.093", "100"))
      .plus(share("0.0875", "80").minus(share("0.0875", "100"))); // the reversal
    expect(body.differences).toEqual([
      expect.objectContaining({
        event_id: "ghost",
        kind: "missing_in_ledger",
        difference: { withheld: "1.00", owed: "1.00" },
      }),
      expect.objectContaining({
        event_id: "s2",
        kind: "amount_mismatch",
        difference: { withheld: "0.00", owed: "0.01" },
      }),
      expect.objectContaining({
        event_id: "s3",
        kind: "missing_in_platform",
        difference: { withheld: s3.neg().toFixed(2), owed: s3.neg().toFixed(2) },
      }),
    ]);
  });

  it("refuses bad input with problem+json 422", async () => {
    for (const body of [
      { events: [] },
      { events: [{ event_id: "s1", currency: "EUR", withheld: "1.001", owed: "0" }] },
      { events: [{ event_id: "s1", currency: "XXX1", withheld: "1", owed: "0" }] },
    ]) {
      const res = await reconcile(body);
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await get("/v1/platforms/me/statements?period=2026-3")).status).toBe(422);
  });
});
