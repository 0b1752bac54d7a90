/**
 * The published JSON Schema of the agency monthly report (src/agency-reports/monthly-report-schema.ts, served
 * at /schemas/monthly-report/v1/…): the served documents are the committed copies under
 * schemas/monthly-report/v1/ (a published version never changes), and real reports from a real instance
 * validate against them with Ajv (draft 2020-12, formats checked): the JSON report (rows of a worker known
 * by national id, a reversal, task durations for fair pay, a page of a paged read, a corrections section
 * after a close) and every record of both CSV sections, whose header is the schema's column titles.
 */
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";

let inst: LocalInstance;
let platform: PlatformAccount;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true, strictTuples: false }));
const NAMES = ["report.json", "rows.csv.json", "corrections.csv.json"] as const;
const committed = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../schemas/monthly-report/v1/${name}`, import.meta.url), "utf8"),
  ) as Record<string, unknown>;

const event = (id: string, day: string, amount: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "payout",
  occurred_at: `${day}T10:00:00Z`,
  worker: { id: "w-schema", country: "DE", national_id: "12 345 678 X 901" },
  amount,
  currency: "EUR",
  task: { type: "RelEx", duration_s: 3600 },
  ...extra,
});

beforeAll(async () => {
  inst = await startLocalInstance();
  platform = await inst.createPlatform("schema-test");
  const first = await platform.sender.send({
    events: [
      event("s-1", "2026-03-10", "100.00"),
      event("s-2", "2026-03-11", "20.00"),
      { ...event("s-3", "2026-03-12", "5.00"), type: "reversal", reverses: "s-2", task: undefined },
    ],
  });
  expect(first.status).toBe(200);
  expect(
    (await inst.admin("POST", "/v1/admin/periods/close", { jurisdiction: "DE", period: "2026-03" })).status,
  ).toBe(201);
  // A late payout of the closed month, and one of the next: the April report lists the first as a correction.
  expect(
    (
      await platform.sender.send({
        events: [event("s-4", "2026-03-20", "10.00"), event("s-5", "2026-04-02", "30.00")],
      })
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  await inst?.close();
});

async function served(name: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${inst.baseUrl}/schemas/monthly-report/v1/${name}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/schema+json");
  return (await res.json()) as Record<string, unknown>;
}

function expectValid(schemaName: string, value: unknown): void {
  const validate = ajv.getSchema(`https://contribution-ledger.dev/schemas/monthly-report/v1/${schemaName}`)!;
  expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
}

describe("the monthly report's JSON Schema, v1", () => {
  it("is served at its versioned URL, equal to the committed copy, with its canonical $id", async () => {
    for (const name of NAMES) {
      const doc = await served(name);
      expect(
        doc,
        `${name}: v1 is published; a change is a new version (npm run report-schemas for it)`,
      ).toEqual(committed(name));
      expect(doc.$id).toBe(`https://contribution-ledger.dev/schemas/monthly-report/v1/${name}`);
      expect(doc.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      ajv.addSchema(doc);
    }
  });

  it("validates real JSON reports: closed, provisional with corrections, and a page", async () => {
    const march = (await (
      await inst.admin("GET", "/v1/reports/monthly?jurisdiction=DE&period=2026-03")
    ).json()) as { status: string; rows: { national_id_hash: string; reversals: number }[] };
    expect(march.status).toBe("closed");
    expect(march.rows.some((r) => r.national_id_hash !== "" && r.reversals === 1)).toBe(true);
    expectValid("report.json", march);
    const april = (await (
      await inst.admin("GET", "/v1/reports/monthly?jurisdiction=DE&period=2026-04")
    ).json()) as { corrections: { rows: { original_period: string }[] } };
    expect(april.corrections.rows.map((r) => r.original_period)).toContain("2026-03");
    expectValid("report.json", april);
    const page = (await (
      await inst.admin("GET", "/v1/reports/monthly?jurisdiction=DE&period=2026-03&limit=1")
    ).json()) as { next_cursor: string | null };
    expect(page.next_cursor).not.toBeNull();
    expectValid("report.json", page);
    // The schema is closed: an unknown field or a float where a decimal string belongs is refused.
    const validate = ajv.getSchema("https://contribution-ledger.dev/schemas/monthly-report/v1/report.json")!;
    expect(validate({ ...march, extra: 1 })).toBe(false);
    expect(validate({ ...march, rows: march.rows.map((r) => ({ ...r, contribution: 9.3 })) })).toBe(false);
  });

  it("validates every record of both CSV sections, whose header is the schema's column titles", async () => {
    for (const [section, schemaName] of [
      ["rows", "rows.csv.json"],
      ["corrections", "corrections.csv.json"],
    ] as const) {
      const res = await inst.admin(
        "GET",
        `/v1/reports/monthly?jurisdiction=DE&period=2026-04&format=csv&section=${section}`,
      );
      expect(res.status).toBe(200);
      const [header, ...records] = parse(await res.text(), { record_delimiter: "\r\n" }) as string[][];
      const titles = (committed(schemaName).prefixItems as { title: string }[]).map((p) => p.title);
      expect(header).toEqual(titles);
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) expectValid(schemaName, record);
    }
  });
});
