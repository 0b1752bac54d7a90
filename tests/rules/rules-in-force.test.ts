/**
 * `GET /v1/rules?on=` and the ledger agree (issue 12): for every seeded jurisdiction and the first day of
 * every month of 2025–2027, the enacted versions the API lists as in force are the ones the ledger
 * charges. One payout per (jurisdiction, day) goes through the ledger's own write path (recordPayouts,
 * with a clock after 2027 so that future-dated payouts are accepted), carrying every fact a seeded
 * condition reads; each charged entry must name a listed version, and every listed version without a
 * condition must be charged. The API lists at most one enacted version per code.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../../scripts/lib/local-instance.js";
import { contributionRules, jurisdictions, platforms } from "../../src/db/schema.js";
import { recordPayouts } from "../../src/ledger/record-payouts.js";
import { payoutCommandSchema } from "../../src/schemas/payout-event.js";
import type { PublishedRule } from "../../src/schemas/rule.js";

let inst: LocalInstance;
let platformId: number;

const DAYS = [2025, 2026, 2027].flatMap((y) =>
  Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, "0")}-01`),
);

beforeAll(async () => {
  inst = await startLocalInstance();
  await inst.createPlatform("agreement");
  const [row] = await inst.database.db
    .select({ id: platforms.id })
    .from(platforms)
    .where(eq(platforms.slug, "agreement"));
  platformId = row!.id;
});

afterAll(async () => {
  await inst?.close();
});

describe("GET /v1/rules?on= and the ledger", () => {
  it("agree for every seeded jurisdiction on every first day of a month in 2025–2027", {
    timeout: 120_000,
  }, async () => {
    const { db } = inst.database;
    const seeded = await db.select().from(jurisdictions);
    const versions = new Map(
      (
        await db
          .select({ id: contributionRules.id, from: contributionRules.effectiveFrom })
          .from(contributionRules)
      ).map((r) => [r.id, r.from]),
    );
    const deps = {
      ...inst.database,
      fx: inst.deps.fx,
      ruleBook: inst.deps.ruleBook,
      nationalIdKey: inst.deps.nationalIdKey,
      now: () => new Date("2028-06-01T00:00:00Z"),
    };
    let checked = 0;
    for (const j of seeded) {
      for (const day of DAYS) {
        const res = await fetch(`${inst.baseUrl}/v1/rules?jurisdiction=${j.code}&on=${day}`);
        expect(res.status).toBe(200);
        const listed = ((await res.json()) as { rules: PublishedRule[] }).rules.filter(
          (r) => r.status === "enacted",
        );
        expect(
          new Set(listed.map((r) => r.code)).size,
          `${j.code} ${day}: one enacted version per code`,
        ).toBe(listed.length);
        const id = `${j.code}-${day}`;
        const [outcome] = await recordPayouts(deps, platformId, [
          payoutCommandSchema.parse({
            id,
            type: "payout",
            occurred_at: `${day}T12:00:00Z`,
            worker: { id: `w-${id}`, country: j.code, birth_date: "1998-06-10" },
            amount: "100.00",
            currency: j.currency ?? "EUR",
            task: {
              type: "gig",
              attributes: { vehicle: "motorcycle", service: "food-delivery", activity: "bic-services" },
            },
          }),
        ]);
        expect(outcome?.status, `${id}: ${JSON.stringify(outcome)}`).toBe("recorded");
        const charged = await db.all<{ rule_code: string; rule_id: number }>(
          sql`SELECT rule_code, rule_id FROM ledger_entries WHERE platform_id = ${platformId} AND event_id = ${id}`,
        );
        const listedKeys = new Set(listed.map((r) => `${r.code}@${r.effective_from}`));
        for (const c of charged)
          expect(listedKeys, `${id}: charged ${c.rule_code}`).toContain(
            `${c.rule_code}@${versions.get(c.rule_id)}`,
          );
        const chargedCodes = new Set(charged.map((c) => c.rule_code));
        for (const r of listed.filter((r) => r.applies_when === undefined))
          expect(chargedCodes, `${id}: listed ${r.code}`).toContain(r.code);
        checked += 1;
      }
    }
    expect(checked).toBe(seeded.length * DAYS.length);
  });
});
