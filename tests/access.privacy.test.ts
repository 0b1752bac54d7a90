/**
 * Privacy by design, checked on the bytes: after a session that registers platforms and agencies, rotates
 * a webhook secret, records payouts with national ids, reads reports, makes links, looks a worker up and
 * provokes errors, no API key, webhook secret or national id appears in clear in the database files
 * (main file, WAL and shared memory), in anything the process logged (console and stdout/stderr captured
 * for the session), or in any response after the one that created it.
 */
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startLocalInstance, type LocalInstance } from "../scripts/lib/local-instance.js";
import { payoutEvent, postDelivery } from "./support/ledger-test-kit.js";

const NATIONAL_IDS = ["12 345678 A 123", "987654321"];
let inst: LocalInstance;
const secrets: string[] = [];
const logged: string[] = [];
const laterResponses: string[] = [];

/** Fetch that keeps the status line, headers and body of the response for the final check. */
async function observed(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, init);
  laterResponses.push(`${res.status} ${JSON.stringify([...res.headers])} ${await res.clone().text()}`);
  return res;
}

beforeAll(async () => {
  const capture = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation(capture);
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }

  inst = await startLocalInstance({ log: (line) => logged.push(line) });
  const alpha = await inst.createPlatform("priv-alpha");
  const beta = await inst.createPlatform("priv-beta");
  const agency = await inst.createAgency(["DE"]);
  secrets.push(inst.adminKey, alpha.apiKey, alpha.webhookSecret, beta.apiKey, beta.webhookSecret, agency);
  const auth = (key: string, body?: unknown): RequestInit => ({
    method: body === undefined ? "GET" : "POST",
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  const rotated = (await (
    await fetch(`${inst.baseUrl}/v1/platforms/me/webhook-secrets`, auth(alpha.apiKey, {}))
  ).json()) as { webhook_secret: string };
  secrets.push(rotated.webhook_secret);
  for (const [i, nid] of NATIONAL_IDS.entries()) {
    for (const [platform, secret] of [
      [alpha, rotated.webhook_secret],
      [beta, beta.webhookSecret],
    ] as const) {
      const res = await postDelivery(inst.baseUrl, {
        raw: JSON.stringify(
          payoutEvent({ id: `p-${i}`, worker: `w-${i}`, amount: "42.00", nationalId: nid }),
        ),
        slug: platform.slug,
        secret,
      });
      laterResponses.push(await res.text());
    }
  }
  // A refused delivery, a bad national id (not a string), a bad lookup, reads, a link and the worker's record.
  laterResponses.push(
    await (
      await postDelivery(inst.baseUrl, {
        raw: JSON.stringify(
          payoutEvent({ id: "bad", worker: "w", amount: "1.00", nationalId: NATIONAL_IDS[0] }),
        ),
        slug: alpha.slug,
        secret: beta.webhookSecret,
      })
    ).text(),
  );
  await postDelivery(inst.baseUrl, {
    raw: JSON.stringify({
      ...payoutEvent({ id: "bad2", worker: "w", amount: "1.00" }),
      worker: { id: "w", country: "DE", national_id: 12345678901 },
    }),
    slug: alpha.slug,
    secret: rotated.webhook_secret,
  }).then(async (r) => laterResponses.push(await r.text()));
  await observed(
    `${inst.baseUrl}/v1/agency/workers/lookup`,
    auth(agency, { national_id: NATIONAL_IDS[0], country: "DE" }),
  );
  await observed(
    `${inst.baseUrl}/v1/agency/workers/lookup`,
    auth(agency, { national_id: NATIONAL_IDS[1], country: "DE", extra: NATIONAL_IDS[1] }),
  );
  await observed(
    `${inst.baseUrl}/v1/reports/monthly?jurisdiction=DE&period=2026-03&format=csv`,
    auth(agency),
  );
  await observed(`${inst.baseUrl}/v1/reports/monthly?jurisdiction=DE&period=2026-03`, auth(alpha.apiKey));
  const link = (await (
    await observed(`${inst.baseUrl}/v1/workers/w-0/access-links`, auth(alpha.apiKey, {}))
  ).json()) as { url: string };
  await observed(`${link.url}/record.csv`);
  await observed(link.url);
  await observed(`${inst.baseUrl}/v1/ledger/verify`, auth(inst.adminKey));
  await observed(`${inst.baseUrl}/openapi.json`);
  // Receipts: the key set, a receipt by id, the worker's copy and the verification page.
  await observed(`${inst.baseUrl}/.well-known/contribution-ledger/keys.json`);
  await observed(`${inst.baseUrl}/v1/receipts/p-0`, auth(beta.apiKey));
  await observed(`${link.url}/receipts/${alpha.slug}/p-0`);
  await observed(`${inst.baseUrl}/verify`);
  await inst.deps.sealer.flush();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await inst?.close();
});

/**
 * What must never show: each secret and key, the key inside each whsec_ secret, each national id as sent
 * and normalised, and the receipt signing key (its PKCS #8 base64, and its 32-byte seed in base64 and
 * base64url, the JWK `d` it would have).
 */
function needles(): string[] {
  const whsecKeys = secrets.filter((s) => s.startsWith("whsec_")).map((s) => s.slice("whsec_".length));
  const nids = NATIONAL_IDS.flatMap((n) => [n, n.replace(/\s/g, "")]);
  const seed = Buffer.from(inst.keys.RECEIPT_SIGNING_KEY, "base64").subarray(16);
  return [
    ...secrets,
    ...whsecKeys,
    ...nids,
    inst.keys.RECEIPT_SIGNING_KEY,
    seed.toString("base64"),
    seed.toString("base64url"),
  ];
}

describe("no secret, key or national id in clear", () => {
  it("the session produced what it should (guard against a vacuous check)", () => {
    expect(secrets).toHaveLength(7);
    expect(laterResponses.length).toBeGreaterThan(10);
    expect(laterResponses.some((r) => r.includes('"subject":"nid:'))).toBe(true);
    // The deliveries' answers and the later fetches carry signed receipts.
    expect(laterResponses.filter((r) => r.includes('"jws":"')).length).toBeGreaterThanOrEqual(6);
  });

  it("in the database files", () => {
    const files = ["", "-wal", "-shm"].map((suffix) => inst.dbPath + suffix).filter(existsSync);
    const bytes = files.map((f) => readFileSync(f).toString("latin1")).join("\n");
    expect(bytes.length).toBeGreaterThan(0);
    for (const needle of needles())
      expect(bytes.includes(needle), `database holds ${needle.slice(0, 10)}…`).toBe(false);
    // Keys are recognisable by their stored prefix only.
    expect(bytes).toContain("clk_platform_");
  });

  it("in the logs", () => {
    const text = logged.join("\n");
    for (const needle of needles())
      expect(text.includes(needle), `logs hold ${needle.slice(0, 10)}…`).toBe(false);
  });

  it("in responses after creation", () => {
    const text = laterResponses.join("\n");
    for (const needle of needles())
      expect(text.includes(needle), `a response holds ${needle.slice(0, 10)}…`).toBe(false);
  });
});
