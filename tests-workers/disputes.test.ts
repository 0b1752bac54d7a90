/**
 * Inside workerd on D1 (tests-workers/support/worker-instance.ts): a reversal with a reason, a dispute
 * filed through the worker link's form, answered by the platform with a correction it recorded, listed by
 * the agency, and the platform-work report over the same events: the statements D1 runs (a batch with
 * RETURNING, the unique answer, window functions, the reversal index) are the Node ones.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { PlatformAccount } from "../scripts/lib/local-instance.js";
import {
  BASE_URL,
  createAgency,
  createPlatform,
  seedReferenceData,
  workerFetch,
} from "./support/worker-instance.js";

const payout = (id: string, amount: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "payout",
  occurred_at: "2026-03-10T10:00:00Z",
  worker: { id: "rider-9", country: "DE", status: "self-employed" },
  amount,
  currency: "EUR",
  task: { duration_s: 3600 },
  ...extra,
});

let platform: PlatformAccount;
let agencyKey: string;
let link: string;

beforeAll(async () => {
  await seedReferenceData();
  platform = await createPlatform("disputeco");
  agencyKey = await createAgency(["DE"]);
  const res = await platform.sender.send(
    {
      events: [
        payout("d-1", "50.00"),
        { ...payout("d-2", "5.00"), type: "reversal", reverses: "d-1", reason: "refund", task: undefined },
      ],
    },
    "msg_disputes_1",
  );
  expect(res.status).toBe(200);
  const made = await workerFetch(`${BASE_URL}/v1/workers/rider-9/access-links`, {
    method: "POST",
    headers: { authorization: `Bearer ${platform.apiKey}` },
  });
  link = ((await made.json()) as { url: string }).url;
});

const api = (key: string, method: string, path: string, body?: unknown) =>
  workerFetch(BASE_URL + path, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe("disputes and the platform-work report in the Worker", () => {
  it("files, answers and lists a dispute; the page shows its state and the reversal's reason", async () => {
    const filed = await workerFetch(`${link}/disputes`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        kind: "wrong-payout",
        payout: `${platform.id}:d-1`,
        note: "short by 5",
      }).toString(),
    });
    expect(filed.status).toBe(303);
    const id = Number(new URL(filed.headers.get("location")!).searchParams.get("filed"));
    expect((await platform.sender.send(payout("d-3", "5.00"), "msg_disputes_2")).status).toBe(201);
    const answered = await api(platform.apiKey, "POST", `/v1/platforms/me/disputes/${id}/answers`, {
      correction_event_id: "d-3",
    });
    expect(answered.status).toBe(201);
    expect(
      (
        await api(platform.apiKey, "POST", `/v1/platforms/me/disputes/${id}/answers`, {
          explanation: "again",
        })
      ).status,
    ).toBe(409);
    const listed = (await (await api(agencyKey, "GET", "/v1/agency/disputes?status=all")).json()) as {
      disputes: { id: number; status: string }[];
    };
    expect(listed.disputes.map((d) => [d.id, d.status])).toEqual([[id, "corrected"]]);
    const page = await (await workerFetch(link)).text();
    expect(page).toContain(`id="dispute-${id}" data-state="corrected"`);
    expect(page).toContain('data-reason="refund"');
  });

  it("counts persons, hours, net income, status and reversals by reason", async () => {
    const res = await api(agencyKey, "GET", "/v1/reports/platform-work?jurisdiction=DE&period=2026-H1");
    expect(res.status).toBe(200);
    const report = (await res.json()) as { platforms: Record<string, unknown>[] };
    expect(report.platforms).toHaveLength(1);
    expect(report.platforms[0]).toMatchObject({
      platform: "disputeco",
      persons_paid: 1,
      persons_with_task_durations: 1,
      income: [
        {
          currency: "EUR",
          persons: 1,
          total: "50.00",
          average_per_person: "50.00",
          average_per_person_per_month: "8.33",
        },
      ],
      by_contractual_status: { employee: 0, self_employed: 1, not_sent: 0 },
      reversals_by_reason: [{ reason: "refund", currency: "EUR", reversals: 1, amount: "5.00" }],
    });
  });
});
