/**
 * npm run verify-receipt -- <file> (--keys <jwks.json> | --keys-url <url> [--save <jwks.json>]) [--report <report.csv|report.json>]
 *
 * Checks a signed document of the ledger offline (src/receipts/verify-signed.ts): a receipt (a webhook
 * result's `receipt`, or GET /v1/receipts/{id}, or a worker's /w/.../receipts/... download; a whole
 * webhook result holding a `receipt` is accepted too) or a closed report's signature (GET
 * /v1/reports/monthly/signature, or the Report-Signature header's JWS saved to a file), against the
 * published keys (the JSON of /.well-known/contribution-ledger/keys.json).
 * - `--keys`: a saved key set; nothing touches the network.
 * - `--keys-url`: fetched once (the only request made); with `--save` also written to that file, to check
 *   offline from then on.
 * - `--report`: the report file the signature covers (its CSV section, or the JSON report).
 * Prints "valid: ..." and exits 0, or "NOT valid: <reason>" and exits 1; bad arguments exit 2.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { verifySigned } from "../src/receipts/verify-signed.js";
import { jwksSchema, type Jwks } from "../src/security/receipt-keys.js";

const USAGE =
  "usage: npm run verify-receipt -- <file> (--keys <jwks.json> | --keys-url <url> [--save <jwks.json>]) [--report <file>]";

async function keySet(values: { keys?: string; "keys-url"?: string; save?: string }): Promise<Jwks> {
  if (values.keys) return jwksSchema.parse(JSON.parse(readFileSync(values.keys, "utf8")));
  const res = await fetch(values["keys-url"]!);
  if (!res.ok) throw new Error(`GET ${values["keys-url"]}: ${res.status}`);
  const text = await res.text();
  const jwks = jwksSchema.parse(JSON.parse(text));
  if (values.save) writeFileSync(values.save, text);
  return jwks;
}

/** The signed document in `text`: JSON ({payload, jws}, or a webhook result with `receipt`) or a bare compact JWS. */
function documentOf(text: string): unknown {
  try {
    const json = JSON.parse(text) as { receipt?: unknown };
    return json && typeof json === "object" && "receipt" in json ? json.receipt : json;
  } catch {
    return text.trim();
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      keys: { type: "string" },
      "keys-url": { type: "string" },
      save: { type: "string" },
      report: { type: "string" },
    },
  });
  if (
    positionals.length !== 1 ||
    !values.keys === !values["keys-url"] ||
    (values.save && !values["keys-url"])
  ) {
    console.error(USAGE);
    return 2;
  }
  const jwks = await keySet(values);
  const report = values.report ? new Uint8Array(readFileSync(values.report)) : undefined;
  const verdict = await verifySigned(jwks, documentOf(readFileSync(positionals[0]!, "utf8")), report);
  if (!verdict.ok) {
    console.log(`NOT valid: ${verdict.reason}`);
    return 1;
  }
  console.log(`valid: ${verdict.detail}, signed by key ${verdict.kid}`);
  return 0;
}

process.exitCode = await main();
