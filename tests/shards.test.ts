/**
 * A ledger per jurisdiction on Node (issue 17; src/db/shards.ts, src/ledger/shard-router.ts): the real
 * app on a control file plus two libSQL shard files (DE, FR). A mixed batch lands per shard and is
 * answered in order; redeliveries across shards are duplicates or conflicts; reports, verification and
 * the period close run on each jurisdiction's shard. The handed cases of tests/cases run with one shard
 * per jurisdiction of each case (the 10,000-delivery case 01 only by `npm run cases -- --sharded`,
 * which runs every case: it would double the suite's longest test).
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { caseFiles, parseCase, runCase } from "../scripts/lib/run-case.js";
import type { Db } from "../src/db/database.js";
import { closeDuePeriods } from "../src/agency-reports/period-close.js";
import { payoutEvent } from "./support/ledger-test-kit.js";

const de = (id: string, worker: string, amount: string) => payoutEvent({ id, worker, amount });
/** A French micro-entrepreneur's payout: the FR rules need the activity of the task (rules/fr.json). */
const fr = (id: string, worker: string, amount: string) => ({
  ...payoutEvent({ id, worker, amount, country: "FR" }),
  task: { id: `t-${id}`, type: "delivery", attributes: { activity: "bic-services" } },
});

async function eventIds(db: Db): Promise<string[]> {
  const rows = await db.all<{ event_id: string }>(sql`SELECT event_id FROM ledger_events ORDER BY event_id`);
  return rows.map((r) => r.event_id);
}

describe("ledger shards on Node: control file + DE and FR libSQL files", () => {
  let inst: LocalInstance;
  let p: PlatformAccount;
  let agency: string;
  const dbOf = (code: string) => inst.deps.ledger.forJurisdiction(code).shard.database.db;
  const get = (path: string, key = agency) =>
    fetch(inst.baseUrl + path, { headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    inst = await startLocalInstance({ shards: ["DE", "FR"] });
    p = await inst.createPlatform("shardco");
    agency = await inst.createAgency(["DE", "FR"]);
  });
  afterAll(async () => {
    await inst?.close();
  });

  it("splits a mixed batch by worker country, answers in order, writes each row to its shard", async () => {
    const res = await p.sender.send({
      events: [
        de("d1", "anna", "100.00"),
        fr("f1", "bernard", "80.00"),
        { ...de("bad", "x", "1.00"), worker: { id: "x" } },
        payoutEvent({ id: "g1", worker: "gwen", amount: "50.00", country: "GB", currency: "GBP" }),
        de("d2", "anna", "20.00"),
      ],
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { id: string; status: string }[] };
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ["d1", "recorded"],
      ["f1", "recorded"],
      ["bad", "rejected"],
      ["g1", "recorded"],
      ["d2", "recorded"],
    ]);
    expect(await eventIds(dbOf("DE"))).toEqual(["d1", "d2"]);
    expect(await eventIds(dbOf("FR"))).toEqual(["f1"]);
    // The default shard is the control database: only the jurisdictions without a shard of their own.
    expect(await eventIds(inst.database.db)).toEqual(["g1"]);
    expect(inst.deps.ledger.forJurisdiction("GB").shard.database).toBe(inst.database);
  });

  it("answers a redelivery for the same country as a duplicate and for another country as a 409", async () => {
    const again = await p.sender.send(de("d1", "anna", "100.00"));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe("duplicate");
    const moved = await p.sender.send(fr("d1", "anna", "100.00"));
    expect(moved.status).toBe(409);
    expect(((await moved.json()) as { type: string }).type).toMatch(/idempotency-conflict$/);
    expect(await eventIds(dbOf("FR"))).toEqual(["f1"]);
    expect(await eventIds(dbOf("DE"))).toEqual(["d1", "d2"]);
  });

  it("records a concurrent pair of one event id for two countries exactly once", async () => {
    const [a, b] = await Promise.all([
      p.sender.send(de("race", "rita", "10.00")),
      p.sender.send(fr("race", "rita", "10.00")),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const holders = [...(await eventIds(dbOf("DE"))), ...(await eventIds(dbOf("FR")))].filter(
      (id) => id === "race",
    );
    expect(holders).toEqual(["race"]);
  });

  it("gathers the page, record and receipts of a worker who moved from DE to FR", async () => {
    expect((await p.sender.send(de("m-de", "mover", "40.00"))).status).toBe(201);
    expect((await p.sender.send(fr("m-fr", "mover", "60.00"))).status).toBe(201);
    const link = await fetch(`${inst.baseUrl}/v1/workers/mover/access-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${p.apiKey}` },
    });
    expect(link.status).toBe(201);
    const { url } = (await link.json()) as { url: string };
    const record = (await (await fetch(`${url}/record.json`)).json()) as {
      coverage: { jurisdiction: string }[];
      totals: { payouts: { count: number; amount: string; currency: string }[] };
    };
    expect(new Set(record.coverage.map((c) => c.jurisdiction))).toEqual(new Set(["DE", "FR"]));
    expect(record.totals.payouts).toEqual([expect.objectContaining({ count: 2, currency: "EUR" })]);
    const page = await (await fetch(url)).text();
    expect(page).toContain("m-de");
    expect(page).toContain("m-fr");
    const csv = await (await fetch(`${url}/record.csv`)).text();
    expect(csv.match(/m-de/g)?.length).toBeGreaterThan(0);
    expect(csv.match(/m-fr/g)?.length).toBeGreaterThan(0);
    expect(csv.split("\r\n").filter((line) => line.startsWith(csv.slice(0, 20)))).toHaveLength(1);
    for (const id of ["m-de", "m-fr"]) {
      const receipt = await fetch(`${url}/receipts/shardco/${id}`);
      expect(receipt.status).toBe(200);
    }
  });

  it("gives the platform the receipt of an event on any shard, and 404 for an event it never sent", async () => {
    for (const id of ["d1", "f1", "g1"]) {
      const res = await get(`/v1/receipts/${id}`, p.apiKey);
      expect(res.status).toBe(200);
      const receipt = (await res.json()) as { payload: { event: { id: string } } };
      expect(receipt.payload.event.id).toBe(id);
    }
    expect((await get("/v1/receipts/never-sent", p.apiKey)).status).toBe(404);
  });

  it("reports each shard's own sequence in the metrics, labelled by shard", async () => {
    const text = await (await get("/metrics", inst.adminKey)).text();
    for (const shard of ["default", "DE", "FR"]) {
      const [events] = await inst.deps.ledger
        .forJurisdiction(shard === "default" ? "GB" : shard)
        .shard.database.db.all<{ n: number }>(sql`SELECT coalesce(max(id), 0) AS n FROM ledger_events`);
      expect(text).toContain(`ledger_last_event_seq{shard="${shard}"} ${events?.n}`);
    }
    expect(text).not.toMatch(/^ledger_last_event_seq \d/m);
  });

  it("looks a worker up by national id on the shard of the agency's jurisdiction", async () => {
    const event = payoutEvent({ id: "nid-1", worker: "nadia", amount: "100.00", nationalId: "DE-12345678" });
    expect((await p.sender.send(event)).status).toBe(201);
    const res = await fetch(`${inst.baseUrl}/v1/agency/workers/lookup`, {
      method: "POST",
      headers: { authorization: `Bearer ${agency}`, "content-type": "application/json" },
      body: JSON.stringify({ national_id: "DE-12345678", country: "DE" }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { totals: { jurisdiction: string; entries: number }[] };
    const [subject] = await dbOf("DE").all<{ n: number }>(
      sql`SELECT count(*) AS n FROM ledger_entries en JOIN ledger_events ev
          ON ev.platform_id = en.platform_id AND ev.event_id = en.event_id WHERE ev.event_id = 'nid-1'`,
    );
    expect(body.totals.every((t) => t.jurisdiction === "DE")).toBe(true);
    expect(body.totals.reduce((n, t) => n + t.entries, 0)).toBe(subject?.n);
  });

  it("exports everything held about a worker who moved, from both shards", async () => {
    const res = await fetch(`${inst.baseUrl}/v1/admin/workers/export`, {
      method: "POST",
      headers: { authorization: `Bearer ${inst.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ platform: "shardco", worker_id: "mover" }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: { eventId: string }[]; entries: unknown[] };
    expect(body.events.map((e) => e.eventId).sort()).toEqual(["m-de", "m-fr"]);
    const [held] = await Promise.all(
      [dbOf("DE"), dbOf("FR")].map((db) =>
        db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ledger_entries WHERE worker_ref = 'mover'`),
      ),
    ).then((counts) => [counts.reduce((n, [c]) => n + Number(c?.n ?? 0), 0)]);
    expect(body.entries).toHaveLength(held ?? -1);
  });

  it("lets a worker who moved dispute a payout on the FR shard, and the platform answer it with a correction there", async () => {
    const link = await fetch(`${inst.baseUrl}/v1/workers/mover/access-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${p.apiKey}` },
    });
    const { url } = (await link.json()) as { url: string };
    expect(await (await fetch(url)).text()).toContain(`value="${p.id}:m-fr"`);
    const filed = await fetch(`${url}/disputes`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ kind: "wrong-payout", payout: `${p.id}:m-fr`, note: "too low" }).toString(),
    });
    expect(filed.status).toBe(303);
    expect((await p.sender.send(fr("m-fr-fix", "mover", "5.00"))).status).toBe(201);
    const listed = (await (await get("/v1/platforms/me/disputes", p.apiKey)).json()) as {
      disputes: { id: number; event_id: string; jurisdiction: string }[];
    };
    const dispute = listed.disputes.find((d) => d.event_id === "m-fr");
    expect(dispute?.jurisdiction).toBe("FR");
    const answer = await fetch(`${inst.baseUrl}/v1/platforms/me/disputes/${dispute?.id}/answers`, {
      method: "POST",
      headers: { authorization: `Bearer ${p.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ correction_event_id: "m-fr-fix" }),
    });
    expect(answer.status).toBe(201);
  });

  it("pulls each jurisdiction's report from its own shard", async () => {
    const deReport = (await (await get("/v1/reports/monthly?jurisdiction=DE&period=2026-03")).json()) as {
      rows: { worker_ref: string; platform: string }[];
    };
    const frReport = (await (await get("/v1/reports/monthly?jurisdiction=FR&period=2026-03")).json()) as {
      rows: { worker_ref: string; platform: string }[];
    };
    const deWorkers = new Set(deReport.rows.map((r) => r.worker_ref));
    const frWorkers = new Set(frReport.rows.map((r) => r.worker_ref));
    expect(deWorkers.has("anna")).toBe(true);
    expect(deWorkers.has("bernard")).toBe(false);
    expect(frWorkers.has("bernard")).toBe(true);
    expect(frWorkers.has("anna")).toBe(false);
    // The platform's name is joined in the shard from the control plane's mirror.
    expect(new Set(frReport.rows.map((r) => r.platform))).toEqual(new Set(["shardco"]));
  });

  it("verifies each shard's own hash chain", async () => {
    const verify = async (query: string) =>
      (await (await get(`/v1/ledger/verify${query}`, inst.adminKey)).json()) as {
        ok: boolean;
        events_checked: number;
      };
    const [deChain, frChain, defaultChain] = await Promise.all([
      verify("?jurisdiction=DE"),
      verify("?jurisdiction=FR"),
      verify(""),
    ]);
    const deEvents = (await eventIds(dbOf("DE"))).length;
    const frEvents = (await eventIds(dbOf("FR"))).length;
    expect(deChain).toMatchObject({ ok: true, events_checked: deEvents });
    expect(frChain).toMatchObject({ ok: true, events_checked: frEvents });
    expect(defaultChain).toMatchObject({ ok: true, events_checked: 1 });
  });

  it("closes each jurisdiction's period on its own shard", async () => {
    const made = await closeDuePeriods(inst.deps, new Date("2026-04-06T12:00:00Z"));
    const closed = made.map((c) => `${c.jurisdiction} ${c.period}`);
    expect(closed).toEqual(expect.arrayContaining(["DE 2026-03", "FR 2026-03", "GB 2026-03"]));
    const closesIn = async (db: Db) =>
      (await db.all<{ j: string }>(sql`SELECT jurisdiction AS j FROM period_closes ORDER BY j`)).map(
        (r) => r.j,
      );
    expect(await closesIn(dbOf("DE"))).toEqual(["DE"]);
    expect(await closesIn(dbOf("FR"))).toEqual(["FR"]);
    expect(await closesIn(inst.database.db)).toEqual(["GB"]);
  });
});

describe("handed cases with one ledger shard per jurisdiction", () => {
  const dir = fileURLToPath(new URL("./cases", import.meta.url));
  for (const file of caseFiles(dir)) {
    const text = readFileSync(file, "utf8");
    const parsed = parseCase(text, "1970-01-01");
    if (parsed.ok && parsed.value.events.length > 1_000) continue;
    it(relative(dir, file), { timeout: 120_000 }, async () => {
      const result = await runCase(text, { sharded: true });
      expect(result.firstDifference).toBeUndefined();
      expect(result.ok).toBe(true);
    });
  }
});
