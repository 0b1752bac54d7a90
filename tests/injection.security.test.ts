/**
 * Injection through what platforms send, over HTTP on a real instance: CSV formula cells (OWASP "CSV
 * Injection") in the agency report, the platform statement and the worker record, the format of closed
 * reports kept byte for byte, and source links on the worker page (only http(s) URLs become links).
 * Ids are printable ASCII without spaces, so `=HYPERLINK("http://x.invalid")` is a valid event id; a task
 * id may hold a tab.
 */
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";
import { neutraliseCell } from "../src/domain/csv-cells.js";
import { payoutEvent } from "./support/ledger-test-kit.js";

const HOSTILE_ID = '=HYPERLINK("http://x.invalid")';
const HOSTILE_WORKER = "@SUM(A1)";
const MINUS_WORKER = "-2+3";
const HOSTILE_TASK = "\t=cmd";

let inst: LocalInstance;
let p: PlatformAccount;
let agency: string;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const csvCells = (text: string) =>
  (parse(text, { record_delimiter: "\r\n", relax_column_count: true }) as string[][]).flat();

beforeAll(async () => {
  inst = await startLocalInstance();
  p = await inst.createPlatform("csvco");
  agency = await inst.createAgency(["DE"]);
  for (const event of [
    {
      ...payoutEvent({
        id: HOSTILE_ID,
        worker: HOSTILE_WORKER,
        amount: "100.00",
        occurredAt: "2026-02-10T10:00:00Z",
      }),
      task: { id: HOSTILE_TASK },
    },
    payoutEvent({
      id: "+SUM(1,1)",
      worker: MINUS_WORKER,
      amount: "40.00",
      occurredAt: "2026-02-11T10:00:00Z",
    }),
    payoutEvent({
      id: "rv-1",
      worker: MINUS_WORKER,
      amount: "10.00",
      occurredAt: "2026-02-12T10:00:00Z",
      reverses: "+SUM(1,1)",
    }),
  ]) {
    const res = await p.sender.send(event);
    expect(res.status, await res.clone().text()).toBe(201);
  }
});
afterAll(async () => {
  await inst?.close();
});

const asAgency = (path: string) =>
  fetch(inst.baseUrl + path, { headers: { authorization: `Bearer ${agency}` } });

describe("neutraliseCell", () => {
  it("prefixes text that could start a formula and leaves plain numbers", () => {
    for (const cell of ["=1+1", "+SUM(1,1)", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd"])
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    for (const cell of ["-12.50", "+3", "0.093", "12", "alpha", "", "p1:w"])
      expect(neutraliseCell(cell)).toBe(cell);
  });
});

describe("CSV exports neutralise formula cells", () => {
  it("the agency report", async () => {
    const res = await asAgency("/v1/reports/monthly?jurisdiction=DE&period=2026-02&format=csv");
    expect(res.status).toBe(200);
    const text = await res.text();
    const cells = csvCells(text);
    expect(cells).toContain(`'${HOSTILE_WORKER}`);
    expect(cells).toContain(`'${MINUS_WORKER}`);
    expect(cells.some((c) => /^[=+\-@\t\r]/.test(c) && !/^-?[0-9.]+$/.test(c))).toBe(false);
    expect(res.headers.get("report-checksum")).toBe(`sha-256=${sha256(text)}`);
  });

  it("the platform statement", async () => {
    const res = await fetch(`${inst.baseUrl}/v1/platforms/me/statements?period=2026-02&format=csv`, {
      headers: { authorization: `Bearer ${p.apiKey}` },
    });
    expect(res.status).toBe(200);
    const cells = csvCells(await res.text());
    expect(cells.some((c) => c.startsWith(`'${HOSTILE_ID}`) || c.startsWith("'+SUM(1,1)"))).toBe(true);
    expect(cells.some((c) => /^[=+@\t\r]/.test(c))).toBe(false);
  });

  it("the worker record, leaving negative amounts as numbers", async () => {
    for (const worker of [HOSTILE_WORKER, MINUS_WORKER]) {
      const link = await fetch(`${inst.baseUrl}/v1/workers/${encodeURIComponent(worker)}/access-links`, {
        method: "POST",
        headers: { authorization: `Bearer ${p.apiKey}` },
      });
      expect(link.status).toBe(201);
      const { url } = (await link.json()) as { url: string };
      const rows = parse(await (await fetch(`${url}/record.csv`)).text(), {
        columns: true,
        record_delimiter: "\r\n",
      }) as Record<string, string>[];
      const cells = rows.flatMap((r) => Object.values(r));
      expect(cells.some((c) => /^[=+@\t\r]/.test(c) || /^-(?![0-9.]+$)/.test(c))).toBe(false);
      if (worker === HOSTILE_WORKER)
        expect(rows.find((r) => r.record === "event")).toMatchObject({
          event_id: `'${HOSTILE_ID}`,
          task_id: `'${HOSTILE_TASK}`,
        });
      else
        expect(rows.find((r) => r.type === "reversal")).toMatchObject({
          amount: "-10.00",
          reverses: "'+SUM(1,1)",
        });
    }
  });
});

describe("closed reports keep their bytes", () => {
  it("a report closed in CSV format 1 (before neutralisation) is still served in format 1, matching its checksum", async () => {
    const close = await inst.admin("POST", "/v1/admin/periods/close", {
      jurisdiction: "DE",
      period: "2026-02",
    });
    expect(close.status).toBe(201);
    const closed = (await close.json()) as { checksum: { value: string } };
    const now = await (
      await asAgency("/v1/reports/monthly?jurisdiction=DE&period=2026-02&format=csv")
    ).text();
    expect(sha256(now)).toBe(closed.checksum.value);
    // A close recorded before neutralisation existed: format 1, its checksum over the raw cells.
    const raw = now.replace(/(^|,)'(?=[=+\-@\t\r])/gm, "$1");
    expect(raw).not.toBe(now);
    await inst.database.db.run(
      sql`UPDATE period_closes SET csv_format = 1, checksum = ${sha256(raw)} WHERE jurisdiction = 'DE' AND period = '2026-02'`,
    );
    const res = await asAgency("/v1/reports/monthly?jurisdiction=DE&period=2026-02&format=csv");
    const served = await res.text();
    expect(served).toBe(raw);
    expect(res.headers.get("report-checksum")).toBe(`sha-256=${sha256(raw)}`);
  });
});

describe("source links on the worker page", () => {
  it("renders only http(s) URLs as links: a javascript: source stored before validation is shown as text", async () => {
    const [rule] = await inst.database.db.all<{ id: number; source_title: string }>(
      sql`SELECT id, source_title FROM contribution_rules WHERE code = 'de-pension-worker' AND effective_from = '2026-01-01'`,
    );
    await inst.database.db.run(
      sql`UPDATE contribution_rules SET source_url = 'javascript:alert(1)' WHERE id = ${rule!.id}`,
    );
    const link = await fetch(`${inst.baseUrl}/v1/workers/${encodeURIComponent(MINUS_WORKER)}/access-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${p.apiKey}` },
    });
    const { url } = (await link.json()) as { url: string };
    const page = await (await fetch(url)).text();
    expect(page).not.toContain("javascript:");
    expect(page).toContain("https://");
  });

  it("the admin API refuses a javascript: source and a rate above 1 (422)", async () => {
    const rule = {
      code: "de-probe",
      jurisdiction: "DE",
      scheme: "pension",
      payer: "worker",
      brackets: [{ threshold: "0", rate: "0.1" }],
      period: "month",
      currency: "EUR",
      effective_from: "2030-01-01",
      effective_to: null,
      status: "proposed",
      source: { title: "probe", url: "https://example.invalid/", retrieved: "2026-01-01" },
    };
    expect(
      (
        await inst.admin("POST", "/v1/admin/rules", {
          ...rule,
          source: { ...rule.source, url: "javascript:alert(1)" },
        })
      ).status,
    ).toBe(422);
    expect(
      (await inst.admin("POST", "/v1/admin/rules", { ...rule, brackets: [{ threshold: "0", rate: "1.5" }] }))
        .status,
    ).toBe(422);
    expect(
      (
        await inst.admin("POST", "/v1/admin/rules", {
          ...rule,
          brackets: [
            { threshold: "0", rate: "0.1" },
            { threshold: "0", rate: "0.2" },
          ],
        })
      ).status,
    ).toBe(422);
  });
});
