/**
 * The invariant checker (scripts/lib/invariants.ts) finds what it claims to find: on a real instance with
 * payouts (two US workers, two rules each) and a partial reversal, every check passes; then each kind of
 * damage, done directly in the database file, is named by the checks it breaks:
 * - an entry's amount raised by 1 cent: its step and its accrual's sum no longer match the running total,
 *   and the sealed chain no longer recomputes;
 * - a payout's event row deleted: its entries have no event (and the chain misses a sealed event);
 * - an accrual's entry copied as seq + 10 for a new event id: a gap in seq and an entry without event.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../../scripts/lib/local-instance.js";
import { checkLedger } from "../../scripts/lib/invariants.js";
import { payoutEvent } from "../support/ledger-test-kit.js";

let instance: LocalInstance;

/** Names of the checks that found violations. */
async function broken(): Promise<string[]> {
  const result = await checkLedger(instance.database.db);
  expect(result.ok).toBe(result.checks.every((c) => c.violations === 0));
  return result.checks.filter((c) => c.violations > 0).map((c) => c.name);
}

beforeAll(async () => {
  instance = await startLocalInstance();
  const platform = await instance.createPlatform("inv");
  const events = [
    ...Array.from({ length: 6 }, (_, k) =>
      payoutEvent({
        id: `inv-${k}`,
        worker: `w-${k % 2}`,
        amount: `${10 + k}.37`,
        currency: "USD",
        country: "US",
      }),
    ),
    payoutEvent({
      id: "inv-rev",
      worker: "w-0",
      amount: "5.00",
      currency: "USD",
      country: "US",
      reverses: "inv-0",
    }),
  ];
  const res = await platform.sender.send({ events });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await instance.close();
});

describe("ledger invariant checks", () => {
  it("pass on a ledger written by the service", async () => {
    const result = await checkLedger(instance.database.db);
    expect(result.checks.map((c) => [c.name, c.violations])).toEqual([
      ["accrual-seq", 0],
      ["accrual-steps", 0],
      ["accrual-totals", 0],
      ["entry-has-event", 0],
      ["event-counted-once", 0],
      ["payout-has-entries", 0],
      ["reversal-has-entries", 0],
      ["chain", 0],
    ]);
    expect([result.events, result.entries]).toEqual([7, 14]);
  });

  it("catch an entry amount changed in place", async () => {
    await instance.database.db.run(
      sql`UPDATE ledger_entries SET amount_minor = amount_minor + 1 WHERE event_id = 'inv-3' AND rule_code = 'us-medicare-se-worker'`,
    );
    expect(await broken()).toEqual(["accrual-steps", "accrual-totals", "chain"]);
    await instance.database.db.run(
      sql`UPDATE ledger_entries SET amount_minor = amount_minor - 1 WHERE event_id = 'inv-3' AND rule_code = 'us-medicare-se-worker'`,
    );
    expect(await broken()).toEqual([]);
  });

  it("catch entries whose event is gone", async () => {
    await instance.database.db.run(sql`DELETE FROM ledger_events WHERE event_id = 'inv-5'`);
    expect(await broken()).toEqual(["entry-has-event", "chain"]);
  });

  it("catch a gap in an accrual's sequence", async () => {
    await instance.database.db.run(sql`
      INSERT INTO ledger_entries (platform_id, event_id, rule_id, rule_code, jurisdiction, scheme, payer, subject_key, period_key, month, accrual_key, seq,
        base_delta, base_to_date, exact_to_date, rounded_to_date_minor, amount_minor, currency, fx_rate, fx_source)
      SELECT platform_id, 'inv-ghost', rule_id, rule_code, jurisdiction, scheme, payer, subject_key, period_key, month, accrual_key, seq + 10,
        '0', base_to_date, exact_to_date, rounded_to_date_minor, 0, currency, fx_rate, fx_source
      FROM ledger_entries WHERE event_id = 'inv-4' AND rule_code = 'us-oasdi-se-worker'`);
    expect(await broken()).toEqual(expect.arrayContaining(["accrual-seq", "entry-has-event"]));
  });
});
