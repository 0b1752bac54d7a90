/**
 * The keyed hash of a national id (docs/design.md §5: "stored only as a keyed hash"):
 * hex HMAC-SHA256 under NATIONAL_ID_KEY of "<country>:<id upper-cased, without spaces, dots and dashes>",
 * and the ledger subject "nid:<hash>" it identifies a worker by across platforms.
 * The ledger (src/ledger/record-payouts.ts) and the agency lookup both derive it here.
 */
import { hmacHex } from "./digest.js";

/** Every national-id subject starts with this; any other subject is one platform's ("p<id>:<ref>"). */
export const NATIONAL_ID_SUBJECT_PREFIX = "nid:";

/** Upper-cased, without spaces, dots and dashes: "12 345.678-9" -> "123456789". */
export function normaliseNationalId(nationalId: string): string {
  return nationalId.toUpperCase().replace(/[\s.-]/g, "");
}

/** `country`: ISO 3166-1 alpha-2 as in the events; returns {hash, subjectKey}. */
export async function nationalIdSubject(
  key: CryptoKey,
  country: string,
  nationalId: string,
): Promise<{ hash: string; subjectKey: string }> {
  const hash = await hmacHex(key, `${country}:${normaliseNationalId(nationalId)}`);
  return { hash, subjectKey: `${NATIONAL_ID_SUBJECT_PREFIX}${hash}` };
}
