/**
 * Migration 0007 (drizzle/0007_retire_superseded_seed_rule.sql): on a database seeded before rules v2,
 * the old single Karnataka fee is removed where no entry used it, and kept where one did (rule versions
 * are immutable once used), so a fresh start no longer charges it beside the per-service rules.
 */
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../../scripts/lib/local-instance.js";
import { contributionRules } from "../../src/db/schema.js";

const MIGRATION = readFileSync(
  new URL("../../drizzle/0007_retire_superseded_seed_rule.sql", import.meta.url),
  "utf8",
);
const OLD = {
  code: "in-ka-welfare-fee-platform",
  jurisdiction: "IN",
  scheme: "welfare",
  payer: "platform",
  brackets: [{ threshold: "0", rate: "0.01" }],
  period: "transaction",
  currency: "INR",
  effective_from: "2026-02-13",
  source: {
    title: "Karnataka welfare fee (seeded before rules v2)",
    url: "https://example.invalid/ka",
    retrieved: "2026-11-30",
  },
};

let inst: LocalInstance | undefined;
afterEach(async () => {
  await inst?.close();
  inst = undefined;
});

async function withOldRule(): Promise<LocalInstance> {
  const started = await startLocalInstance();
  expect((await started.admin("POST", "/v1/admin/rules", OLD)).status).toBe(201);
  return started;
}

const oldRows = (i: LocalInstance) =>
  i.database.db
    .select({ id: contributionRules.id })
    .from(contributionRules)
    .where(eq(contributionRules.code, OLD.code));

describe("migration 0007", () => {
  it("removes the old fee where no entry used it", async () => {
    inst = await withOldRule();
    await inst.database.db.run(sql.raw(MIGRATION));
    expect(await oldRows(inst)).toEqual([]);
  });

  it("keeps it where an entry used it", async () => {
    inst = await withOldRule();
    const { sender } = await inst.createPlatform("food");
    const res = await sender.send({
      id: "k-1",
      type: "payout",
      occurred_at: "2026-03-01T06:00:00Z",
      worker: { id: "w", country: "IN" },
      amount: "49.00",
      currency: "INR",
      task: { attributes: { service: "food-delivery" } },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    await inst.database.db.run(sql.raw(MIGRATION));
    expect(await oldRows(inst)).toHaveLength(1);
  });
});
