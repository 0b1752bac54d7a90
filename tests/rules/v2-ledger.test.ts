/**
 * Rules v2 through the real HTTP app on a temporary libSQL file (issue 12): the Singapore CPF rules of
 * handed case 10 and a per-transaction cap in the shape of case 11, published through the admin API.
 * Covers what the handed cases do not: the missing fact named in the 422, the birth date kept nowhere,
 * the explanations on the answer, record.json, the agency report and the page, and reversals of
 * components (named, pro rata, beyond what remains).
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../../scripts/lib/local-instance.js";
import { ledgerCounts } from "../support/ledger-test-kit.js";
import type { EventResult } from "../../src/schemas/payout-result.js";

const CASE_10 = JSON.parse(
  readFileSync(new URL("../cases/v2/10-sg-cpf-platform-worker.json", import.meta.url), "utf8"),
) as { rules: object[] };
const SOURCE = {
  title: "CPF contributions for platform workers",
  url: "https://www.cpf.gov.sg/",
  retrieved: "2026-12-01",
};
const BIRTH_DATE = "1998-06-10";

/** A 1% fee capped at 0.50 per payout on earnings only (case 11's food-delivery rule). */
const SG_FEE = {
  code: "sg-test-fee",
  jurisdiction: "SG",
  scheme: "welfare",
  payer: "platform",
  period: "transaction",
  currency: "SGD",
  base_components: ["earnings"],
  applies_when: 'task.attributes.service == "food-delivery"',
  brackets: [
    { threshold: "0", rate: "0.01" },
    { threshold: "50", rate: "0" },
  ],
  effective_from: "2026-01-01",
  source: SOURCE,
};

let inst: LocalInstance;
let ride: PlatformAccount;

const rider = (extra: object = {}) => ({
  id: "w-sg-1",
  country: "SG",
  birth_date: BIRTH_DATE,
  national_id: "S9812345A",
  ...extra,
});
const event = (id: string, body: object) => ({
  id,
  type: "payout",
  occurred_at: "2026-05-10T02:00:00Z",
  worker: rider(),
  amount: "500.00",
  currency: "SGD",
  ...body,
});

async function send(body: object): Promise<Response> {
  return ride.sender.send(body);
}

async function recorded(body: object): Promise<EventResult> {
  const res = await send(body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as EventResult;
}

const byRule = (a: EventResult, rule: string) => a.contributions.find((c) => c.rule === rule)!;

beforeAll(async () => {
  inst = await startLocalInstance({ seedRules: false });
  expect(
    (
      await inst.admin("POST", "/v1/admin/jurisdictions", {
        code: "SG",
        timezone: "Asia/Singapore",
        currency: "SGD",
      })
    ).status,
  ).toBe(201);
  const rules = [...CASE_10.rules.map((r) => ({ ...r, source: SOURCE })), SG_FEE];
  const published = await inst.admin("POST", "/v1/admin/rules", rules);
  expect(published.status, await published.clone().text()).toBe(201);
  ride = await inst.createPlatform("ride-a");
});

afterAll(async () => {
  await inst?.close();
});

describe("facts a rule needs", () => {
  it("refuses a payout without the birth date an age band needs, naming the field, and records nothing", async () => {
    const before = await ledgerCounts(inst);
    const res = await send(event("no-birth", { worker: { id: "w-sg-9", country: "SG" } }));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { type: string; errors: { path: string }[]; detail: string };
    expect(problem.type).toMatch(/missing-fact$/);
    expect(problem.errors.map((e) => e.path)).toEqual(["worker.birth_date"]);
    expect(problem.detail).toContain("sg-cpf-worker-35-below");
    expect(await ledgerCounts(inst)).toEqual(before);
  });

  it("refuses a payout that lacks the task attribute a rule's condition reads", async () => {
    const res = await send(
      event("no-service", {
        worker: rider(),
        task: { type: "delivery", attributes: { vehicle: "bicycle" } },
      }),
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      "task.attributes.service",
    ]);
  });

  it("refuses a birth date after the payout's month", async () => {
    const res = await send(
      event("unborn", {
        worker: rider({ birth_date: "2026-05-02" }),
        task: { attributes: { service: "ride" } },
      }),
    );
    expect(res.status).toBe(422);
  });
});

describe("a Singapore rider's payout", () => {
  let answer: EventResult;
  beforeAll(async () => {
    answer = await recorded(
      event("sg-1", {
        task: { type: "delivery", attributes: { vehicle: "motorcycle", service: "food-delivery" } },
        components: [
          { type: "earnings", amount: "460.00" },
          { type: "tip", amount: "25.00" },
          { type: "reimbursement", amount: "15.00" },
        ],
      }),
    );
  });

  it("charges the operator share on 65% of earnings and tips (motorcycle), tiers and cliff included", () => {
    // Net earnings (460 + 25) × 0.65 = 315.25 > 50: 3.50 + 7% × 265.25 = 22.0675 -> 22.07; worker share 0 below 500.
    expect(byRule(answer, "sg-cpf-operator-35-below")).toMatchObject({ base: "315.25", amount: "22.07" });
    expect(byRule(answer, "sg-cpf-worker-35-below")).toMatchObject({ amount: "0.00" });
    // The fee counts earnings only: 1% of 460 = 4.60, capped at 0.50.
    expect(byRule(answer, "sg-test-fee")).toMatchObject({ base: "460.00", amount: "0.50" });
  });

  it("says why each rule applied, in words", () => {
    expect(byRule(answer, "sg-cpf-operator-35-below").why).toEqual([
      "age 27",
      "vehicle motorcycle: 65% of the pay counts",
      "reimbursements not counted",
    ]);
    expect(byRule(answer, "sg-test-fee").why).toEqual([
      "service food-delivery",
      "tips not counted",
      "reimbursements not counted",
    ]);
  });

  it("keeps the birth date nowhere in the database", async () => {
    await inst.deps.sealer.flush();
    await inst.database.db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
    const bytes = readFileSync(inst.dbPath);
    expect(bytes.includes(Buffer.from(BIRTH_DATE))).toBe(false);
    expect(bytes.includes(Buffer.from("19980610"))).toBe(false);
  });

  it("shows the explanation in record.json, on the page (in the reader's language) and in the agency report", async () => {
    const link = await fetch(`${inst.baseUrl}/v1/workers/w-sg-1/access-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${ride.apiKey}` },
    });
    expect(link.status).toBe(201);
    const { url } = (await link.json()) as { url: string };
    const token = url.slice(url.lastIndexOf("/") + 1);
    const record = (await (await fetch(`${inst.baseUrl}/w/${token}/record.json`)).json()) as {
      months: { platforms: { contributions: { rule: string; why: string[] }[] }[] }[];
    };
    const rows = record.months.flatMap((m) => m.platforms.flatMap((p) => p.contributions));
    expect(rows.find((r) => r.rule === "sg-cpf-operator-35-below")?.why).toContain(
      "vehicle motorcycle: 65% of the pay counts",
    );
    const page = await (await fetch(`${inst.baseUrl}/w/${token}?lang=fr`)).text();
    expect(page).toContain("vehicle motorcycle : 65 % du paiement comptent");
    const agency = await inst.createAgency(["SG"]);
    const report = (await (
      await fetch(`${inst.baseUrl}/v1/reports/monthly?jurisdiction=SG&period=2026-05`, {
        headers: { authorization: `Bearer ${agency}` },
      })
    ).json()) as { rows: { rule: string; why?: string[] }[] };
    expect(report.rows.find((r) => r.rule === "sg-test-fee")?.why).toEqual([
      "service food-delivery",
      "tips not counted",
      "reimbursements not counted",
    ]);
  });
});

describe("reversals of components", () => {
  const fee = (id: string, components?: object[], amount = "80.00") =>
    event(id, {
      worker: rider({ id: "w-sg-fee" }),
      amount,
      task: { attributes: { service: "food-delivery", vehicle: "bicycle" } },
      ...(components ? { components } : {}),
    });

  it("reverses pro rata when no components are named, lowering the per-transaction base", async () => {
    // 60 earnings + 20 tip; fee 1% of 60 = 0.60 capped at 0.50. Reversing 40 of 80 takes 30 earnings and 10 tip.
    await recorded(
      fee("r-1", [
        { type: "earnings", amount: "60.00" },
        { type: "tip", amount: "20.00" },
      ]),
    );
    const reversal = await recorded({
      ...fee("r-1-rev", undefined, "40.00"),
      type: "reversal",
      reverses: "r-1",
    });
    // Remaining earnings 30: 1% = 0.30, so 0.20 of the 0.50 comes back.
    expect(byRule(reversal, "sg-test-fee")).toMatchObject({ base: "-30.00", amount: "-0.20" });
  });

  it("refuses a named component beyond what remains of it, and records nothing", async () => {
    const before = await ledgerCounts(inst);
    const res = await send({
      ...fee("r-1-rev2", [{ type: "tip", amount: "10.01" }], "10.01"),
      type: "reversal",
      reverses: "r-1",
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { type: string }).type).toMatch(/reversal-exceeds-remaining$/);
    expect(await ledgerCounts(inst)).toEqual(before);
  });

  it("nets every rule to zero once the rest is reversed, with named components", async () => {
    const rest = await recorded({
      ...fee(
        "r-1-rev3",
        [
          { type: "earnings", amount: "30.00" },
          { type: "tip", amount: "10.00" },
        ],
        "40.00",
      ),
      type: "reversal",
      reverses: "r-1",
    });
    expect(byRule(rest, "sg-test-fee")).toMatchObject({ amount: "-0.30" });
    const [row] = await inst.database.db.all<{ total: number }>(
      sql`SELECT sum(amount_minor) AS total FROM ledger_entries WHERE event_id LIKE 'r-1%' AND rule_code = 'sg-test-fee'`,
    );
    expect(Number(row!.total)).toBe(0);
  });

  it("treats the same components in another order as the same content (duplicate, not conflict)", async () => {
    const components = [
      { type: "earnings", amount: "50.00" },
      { type: "incentive", amount: "30.00" },
    ];
    await recorded(fee("r-2", components));
    const again = await send(fee("r-2", [...components].reverse()));
    expect(again.status).toBe(200);
    expect(((await again.json()) as EventResult).status).toBe("duplicate");
  });
});
