/**
 * Properties of rules v2 through the real ledger path (HTTP, temporary libSQL file), fast-check:
 * - the order of arrival never changes a period total under bracket amounts (Singapore's operator cliff)
 *   and base-fraction tables (its expense deduction by vehicle), per platform (assessment "platform");
 * - a payout and its full reversal net to zero for every rule, components included, whether the reversal
 *   names its components or takes them pro rata.
 * Each run uses workers of its own, so one instance serves every run.
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../../scripts/lib/local-instance.js";

const CASE_10 = JSON.parse(
  readFileSync(new URL("../cases/v2/10-sg-cpf-platform-worker.json", import.meta.url), "utf8"),
) as { rules: object[] };
const SOURCE = {
  title: "CPF contributions for platform workers",
  url: "https://www.cpf.gov.sg/",
  retrieved: "2026-12-01",
};

let inst: LocalInstance;
let ride: PlatformAccount;
let run = 0;

interface Spec {
  amountMinor: number;
  tipMinor: number;
  reimbursementMinor: number;
  vehicle: string | undefined;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  amountMinor: fc.integer({ min: 1, max: 60_000 }),
  tipMinor: fc.integer({ min: 0, max: 3_000 }),
  reimbursementMinor: fc.integer({ min: 0, max: 2_000 }),
  vehicle: fc.constantFrom("car", "motorcycle", "bicycle", "walking", undefined),
});

const cents = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;

function payout(id: string, worker: string, s: Spec, day: number) {
  const earnings = s.amountMinor;
  return {
    id,
    type: "payout",
    occurred_at: `2026-05-${String(day).padStart(2, "0")}T02:00:00Z`,
    worker: { id: worker, country: "SG", birth_date: "1998-06-10" },
    amount: cents(earnings + s.tipMinor + s.reimbursementMinor),
    currency: "SGD",
    task: { type: "ride", ...(s.vehicle ? { attributes: { vehicle: s.vehicle } } : {}) },
    components: [
      { type: "earnings", amount: cents(earnings) },
      ...(s.tipMinor > 0 ? [{ type: "tip", amount: cents(s.tipMinor) }] : []),
      ...(s.reimbursementMinor > 0 ? [{ type: "reimbursement", amount: cents(s.reimbursementMinor) }] : []),
    ],
  };
}

async function deliver(body: object): Promise<void> {
  const res = await ride.sender.send(body);
  expect(res.status, await res.clone().text()).toBe(201);
}

async function totals(worker: string): Promise<Record<string, number>> {
  const rows = await inst.database.db.all<{ rule: string; total: number }>(
    sql`SELECT e.rule_code AS rule, sum(e.amount_minor) AS total FROM ledger_entries e JOIN ledger_events v ON v.platform_id = e.platform_id AND v.event_id = e.event_id WHERE v.worker_ref = ${worker} GROUP BY e.rule_code ORDER BY e.rule_code`,
  );
  return Object.fromEntries(rows.map((r) => [r.rule, Number(r.total)]));
}

beforeAll(async () => {
  inst = await startLocalInstance({ seedRules: false });
  expect(
    (await inst.admin("POST", "/v1/admin/jurisdictions", { code: "SG", timezone: "Asia/Singapore" })).status,
  ).toBe(201);
  expect(
    (
      await inst.admin(
        "POST",
        "/v1/admin/rules",
        CASE_10.rules.map((r) => ({ ...r, source: SOURCE })),
      )
    ).status,
  ).toBe(201);
  ride = await inst.createPlatform("ride-a");
});

afterAll(async () => {
  await inst?.close();
});

describe("rules v2 properties through the ledger (fast-check)", () => {
  it("the order of arrival never changes a month's totals under bracket amounts and fraction tables", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(spec, { minLength: 1, maxLength: 6 })
          .chain((xs) =>
            fc.tuple(
              fc.constant(xs),
              fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }),
            ),
          ),
        async ([inOrder, shuffled]) => {
          run += 1;
          const [a, b] = [`order-a-${run}`, `order-b-${run}`];
          for (const [i, s] of inOrder.entries()) await deliver(payout(`${a}-${i}`, a, s, 1 + i));
          for (const [i, s] of shuffled.entries()) await deliver(payout(`${b}-${i}`, b, s, 1 + i));
          expect(await totals(b)).toEqual(await totals(a));
        },
      ),
      { numRuns: 12 },
    );
  });

  it("a payout and its full reversal net to zero for every rule, components included", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(spec, { minLength: 1, maxLength: 4 }),
        spec,
        fc.boolean(),
        fc.integer({ min: 1, max: 99 }),
        async (before, s, named, percent) => {
          run += 1;
          const w = `net-${run}`;
          for (const [i, p] of before.entries()) await deliver(payout(`${w}-${i}`, w, p, 1 + i));
          const prior = await totals(w);
          const target = payout(`${w}-x`, w, s, 20);
          await deliver(target);
          const total = s.amountMinor + s.tipMinor + s.reimbursementMinor;
          const reversal = (id: string, amountMinor: number, components?: object[]) => ({
            ...target,
            id,
            type: "reversal",
            reverses: target.id,
            amount: cents(amountMinor),
            components,
          });
          if (named) {
            // One reversal of everything, naming each component.
            await deliver(reversal(`${w}-r`, total, target.components));
          } else {
            // Two reversals without components: a share pro rata, then what remains pro rata.
            const first = Math.floor((total * percent) / 100);
            if (first > 0) await deliver(reversal(`${w}-r1`, first));
            await deliver(reversal(`${w}-r2`, total - first));
          }
          const after = await totals(w);
          for (const rule of Object.keys(after)) expect(after[rule], rule).toBe(prior[rule] ?? 0);
        },
      ),
      { numRuns: 12 },
    );
  });
});
