/**
 * Offline verification of a signed document of this service (README "Signed receipts"): a receipt
 * (src/receipts/receipt.ts) or a closed report's statement (src/receipts/report-signature.ts), against a
 * published key set (JWKS) the verifier already holds. Used by `npm run verify-receipt` and the tests;
 * the /verify page does the same in the browser.
 *
 * `verifySigned(jwks, document, report?)`:
 * 1. `document` is { payload?, jws } (or the JWS string alone); the JWS must verify (EdDSA, the key its
 *    `kid` names in `jwks`);
 * 2. a readable `payload` beside it must equal what the JWS carries (compared as RFC 8785 canonical
 *    JSON, with the `canonicalize` library), so an edited copy is caught;
 * 3. the signed payload must be a receipt or a report statement of a known version;
 * 4. with `report` (the bytes of a report file the statement covers): a CSV must hash (SHA-256) to the
 *    statement's rows or corrections checksum; a JSON report must name the same jurisdiction, period,
 *    chain head and checksums, and its rows must hash to them when written as the report's CSV
 *    (src/agency-reports/monthly-report.ts `reportCsv`, in the statement's `csv_format`).
 * Never throws: every failure is a verdict with its reason.
 */
import canonicalize from "canonicalize";
import {
  CORRECTION_COLUMNS,
  REPORT_COLUMNS,
  reportCsv,
  type CorrectionRow,
  type ReportRow,
} from "../agency-reports/monthly-report.js";
import { sha256Hex } from "../security/digest.js";
import { verifyJws, type Jwks } from "../security/receipt-keys.js";
import { receiptSchema, RECEIPT_TYPE, type Receipt } from "../schemas/receipt.js";
import { reportStatementSchema, REPORT_STATEMENT_TYPE, type ReportStatement } from "./report-signature.js";

export type Verdict =
  | { ok: true; kid: string; kind: typeof RECEIPT_TYPE; payload: Receipt; detail: string }
  | { ok: true; kid: string; kind: typeof REPORT_STATEMENT_TYPE; payload: ReportStatement; detail: string }
  | { ok: false; reason: string };

const fail = (reason: string): Verdict => ({ ok: false, reason });

function envelopeOf(document: unknown): { jws: string; payload?: unknown } | undefined {
  if (typeof document === "string") return { jws: document.trim() };
  if (
    typeof document !== "object" ||
    document === null ||
    typeof (document as { jws?: unknown }).jws !== "string"
  )
    return undefined;
  return document as { jws: string; payload?: unknown };
}

export async function verifySigned(
  jwks: Jwks,
  document: unknown,
  report?: Uint8Array<ArrayBuffer>,
): Promise<Verdict> {
  const envelope = envelopeOf(document);
  if (!envelope)
    return fail('not a signed document: expected {"payload": ..., "jws": "..."} or a compact JWS');
  const checked = await verifyJws(jwks, envelope.jws);
  if (!checked.ok) return fail(checked.reason);
  if ("payload" in envelope && canonicalize(envelope.payload) !== canonicalize(checked.payload))
    return fail("the readable payload differs from the signed payload (the copy was edited)");
  const type = (checked.payload as { type?: unknown } | null)?.type;
  if (type === RECEIPT_TYPE) {
    const receipt = receiptSchema.safeParse(checked.payload);
    if (!receipt.success) return fail("the signed receipt has an unknown shape");
    if (report) return fail("a receipt covers no report file");
    const sealed = receipt.data.chain
      ? `sealed at chain position ${receipt.data.ledger_seq}`
      : `ledger sequence ${receipt.data.ledger_seq}, not sealed yet`;
    return {
      ok: true,
      kid: checked.kid,
      kind: RECEIPT_TYPE,
      payload: receipt.data,
      detail: `receipt of event ${receipt.data.event.id} (${receipt.data.platform}), ${sealed}`,
    };
  }
  if (type === REPORT_STATEMENT_TYPE) {
    const statement = reportStatementSchema.safeParse(checked.payload);
    if (!statement.success) return fail("the signed report statement has an unknown shape");
    const s = statement.data;
    const covered = report ? await reportMismatch(s, report) : null;
    if (covered) return fail(covered);
    return {
      ok: true,
      kid: checked.kid,
      kind: REPORT_STATEMENT_TYPE,
      payload: s,
      detail: `closed report ${s.jurisdiction} ${s.period}${report ? " and the report file it covers" : " (statement only; give the report file to check it too)"}`,
    };
  }
  return fail("the signed payload is neither a receipt nor a report statement");
}

/** Why `bytes` are not a report `statement` covers, or null when they are. */
async function reportMismatch(
  statement: ReportStatement,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<string | null> {
  const hash = await sha256Hex(bytes);
  if (hash === statement.rows.checksum.value || hash === statement.corrections.checksum.value) return null;
  let json: {
    jurisdiction?: unknown;
    period?: unknown;
    chain_head?: unknown;
    checksum?: { value?: unknown };
    rows?: unknown;
    corrections?: { checksum?: { value?: unknown }; rows?: unknown };
  };
  try {
    json = JSON.parse(
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes),
    ) as typeof json;
  } catch {
    return `the report file's SHA-256 ${hash} matches neither section's checksum`;
  }
  const same =
    json.jurisdiction === statement.jurisdiction &&
    json.period === statement.period &&
    canonicalize(json.chain_head) === canonicalize(statement.chain_head);
  if (!same) return "the JSON report names another jurisdiction, period or chain head than the statement";
  if (
    json.checksum?.value !== statement.rows.checksum.value ||
    json.corrections?.checksum?.value !== statement.corrections.checksum.value
  )
    return "the JSON report's checksums differ from the signed ones";
  if (!Array.isArray(json.rows) || !Array.isArray(json.corrections?.rows))
    return "the JSON report has no rows";
  const rowsHash = await sha256Hex(reportCsv(json.rows as ReportRow[], REPORT_COLUMNS, statement.csv_format));
  const correctionsHash = await sha256Hex(
    reportCsv(json.corrections.rows as CorrectionRow[], CORRECTION_COLUMNS, statement.csv_format),
  );
  if (rowsHash !== statement.rows.checksum.value)
    return "the JSON report's rows do not hash to the signed checksum (a row was changed)";
  if (correctionsHash !== statement.corrections.checksum.value)
    return "the JSON report's corrections do not hash to the signed checksum";
  return null;
}
