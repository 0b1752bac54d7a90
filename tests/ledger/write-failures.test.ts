/**
 * The ledger's write path retries only a lost race (a unique violation on a race index) or a busy
 * database (src/ledger/record-payouts.ts `isRetryable`, src/db/driver-errors.ts). Any other constraint
 * failure is a bug: one attempt, thrown at once, a 500 problem over HTTP, nothing recorded. Provoked on
 * a real temporary libSQL file by triggers created in the test database: one that violates NOT NULL,
 * one that violates a FOREIGN KEY, on every insert into ledger_events.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../../scripts/lib/local-instance.js";
import { classifyDriverError } from "../../src/db/driver-errors.js";
import { isRetryable, recordPayouts } from "../../src/ledger/record-payouts.js";
import { payoutCommandSchema } from "../../src/schemas/payout-event.js";
import { ledgerCounts, payoutEvent } from "../support/ledger-test-kit.js";

const slug = (kind: string) => kind.toLowerCase().replace(" ", "-");

let instance: LocalInstance;
let platformId: number;
let send: (event: unknown, id: string) => Promise<Response>;

const TRIGGERS = {
  "NOT NULL": sql`CREATE TRIGGER break_events BEFORE INSERT ON ledger_events
    BEGIN INSERT INTO ledger_seals (event_seq, prev_hash, hash) VALUES (NULL, NULL, 'x'); END`,
  "FOREIGN KEY": sql`CREATE TRIGGER break_events BEFORE INSERT ON ledger_events
    BEGIN INSERT INTO dispute_answers (dispute_id, answered_at, explanation) VALUES (999999, 'now', 'x'); END`,
} as const;

beforeAll(async () => {
  instance = await startLocalInstance();
  const platform = await instance.createPlatform("write-failures");
  platformId = platform.id;
  send = (event, id) => platform.sender.send(event as never, id);
});
afterAll(async () => {
  await instance.close();
});

describe.each(Object.keys(TRIGGERS) as (keyof typeof TRIGGERS)[])(
  "a %s violation in the write path",
  (kind) => {
    beforeAll(async () => {
      await instance.database.db.run(sql`DROP TRIGGER IF EXISTS break_events`);
      await instance.database.db.run(TRIGGERS[kind]);
    });
    afterAll(async () => {
      await instance.database.db.run(sql`DROP TRIGGER IF EXISTS break_events`);
    });

    it("is tried once, is not retryable and records nothing", async () => {
      let attempts = 0;
      const deps = {
        db: instance.database.db,
        fx: instance.deps.fx,
        ruleBook: instance.deps.ruleBook,
        nationalIdKey: instance.deps.nationalIdKey,
        now: () => {
          attempts++;
          return new Date("2026-03-20T00:00:00Z");
        },
      };
      const event = payoutEvent({ id: `direct-${slug(kind)}`, worker: "w-direct", amount: "100.00" });
      const error = await recordPayouts(deps, platformId, [payoutCommandSchema.parse(event)]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(classifyDriverError(error)).toMatchObject({ kind: "constraint" });
      expect(isRetryable(error)).toBe(false);
      expect(attempts).toBe(1);
      expect(await ledgerCounts(instance)).toEqual({ events: 0, entries: 0 });
    });

    it("answers 500 internal-error over HTTP, not 503, and records nothing", async () => {
      const res = await send(
        payoutEvent({ id: `http-${slug(kind)}`, worker: "w-http", amount: "100.00" }),
        `msg_http_${slug(kind)}`,
      );
      expect(res.status).toBe(500);
      expect(res.headers.get("retry-after")).toBeNull();
      expect(((await res.json()) as { type: string }).type).toBe(
        "https://contribution-ledger.dev/problems/internal-error",
      );
      expect(await ledgerCounts(instance)).toEqual({ events: 0, entries: 0 });
    });
  },
);
