/**
 * GET /v1/reports/coverage over HTTP against a real instance (seeded rules; coverage rules from
 * src/db/seed/coverage-rules.ts). Expected figures by hand:
 * - US: the OASDI base is 92.35 % of the payout (us-oasdi-se-worker); one credit per 1,890 USD of base in
 *   2026, at most 4. u1: 1,000 + 2,000 USD -> base 2,770.50 -> 1 credit; u2: 12,000 USD -> base 11,082.00
 *   -> 5.86 credits, capped at 4.
 * - DE: a month counts when a pension contribution was paid. d1 paid in January and March, not February;
 *   d2's only payout (February) was reversed in full, so no month counts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { Dec } from "../src/domain/money.js";
import type { CoverageAnswer } from "../src/schemas/coverage.js";
import { payoutEvent } from "./support/ledger-test-kit.js";

describe("GET /v1/reports/coverage", () => {
  let inst: LocalInstance;
  let p: PlatformAccount;
  let agencyUs: string;
  let agencyDe: string;
  const coverage = async (jurisdiction: string, key: string) => {
    const res = await fetch(
      `${inst.baseUrl}/v1/reports/coverage?jurisdiction=${jurisdiction}&period=2026-03`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(res.status).toBe(200);
    return (await res.json()) as CoverageAnswer;
  };

  beforeAll(async () => {
    inst = await startLocalInstance();
    p = await inst.createPlatform("covco");
    agencyUs = await inst.createAgency(["US"]);
    agencyDe = await inst.createAgency(["DE"]);
    for (const e of [
      payoutEvent({
        id: "u1-jan",
        worker: "u1",
        country: "US",
        currency: "USD",
        amount: "1000.00",
        occurredAt: "2026-01-15T17:00:00Z",
      }),
      payoutEvent({
        id: "u1-mar",
        worker: "u1",
        country: "US",
        currency: "USD",
        amount: "2000.00",
        occurredAt: "2026-03-15T17:00:00Z",
      }),
      payoutEvent({
        id: "u2-mar",
        worker: "u2",
        country: "US",
        currency: "USD",
        amount: "12000.00",
        occurredAt: "2026-03-16T17:00:00Z",
      }),
      payoutEvent({ id: "d1-jan", worker: "d1", amount: "80.00", occurredAt: "2026-01-10T10:00:00Z" }),
      payoutEvent({ id: "d1-mar", worker: "d1", amount: "20.00", occurredAt: "2026-03-10T10:00:00Z" }),
      payoutEvent({ id: "d2-feb", worker: "d2", amount: "50.00", occurredAt: "2026-02-10T10:00:00Z" }),
      payoutEvent({
        id: "d2-rev",
        worker: "d2",
        amount: "50.00",
        reverses: "d2-feb",
        occurredAt: "2026-02-12T10:00:00Z",
      }),
    ]) {
      const res = await p.sender.send(e);
      expect(res.status, await res.clone().text()).toBe(201);
    }
  });
  afterAll(async () => {
    await inst?.close();
  });

  it("counts US credits per 1,890 USD of OASDI base in 2026, at most 4", async () => {
    const us = await coverage("US", agencyUs);
    const byRef = (ref: string) => us.workers.find((w) => w.worker.endsWith(`:${ref}`))!;
    const base1 = new Dec("3000").times("0.9235");
    const base2 = new Dec("12000").times("0.9235");
    expect(byRef("u1")).toMatchObject({
      rule: "us-quarters-of-coverage",
      credits: { earnings: base1.toFixed(2), credits: base1.div(1890).floor().toNumber(), max_per_year: 4 },
    });
    expect(byRef("u2").credits).toMatchObject({ earnings: base2.toFixed(2), credits: 4 });
    expect(us.rules.map((r) => r.source.url)).toContain("https://www.ssa.gov/oact/cola/QC.html");
  });

  it("counts DE months with a pension contribution; a fully reversed month does not count", async () => {
    const de = await coverage("DE", agencyDe);
    const byRef = (ref: string) => de.workers.find((w) => w.worker.endsWith(`:${ref}`))!;
    expect(byRef("d1")).toMatchObject({
      rule: "de-pension-contribution-month",
      months_covered: ["2026-01", "2026-03"],
      period_covered: true,
    });
    expect(byRef("d2")).toMatchObject({ months_covered: [], period_covered: false });
  });

  it("is refused to an agency of another jurisdiction", async () => {
    const res = await fetch(`${inst.baseUrl}/v1/reports/coverage?jurisdiction=US&period=2026-03`, {
      headers: { authorization: `Bearer ${agencyDe}` },
    });
    expect(res.status).toBe(403);
  });
});
