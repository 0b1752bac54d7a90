/**
 * The one "version in force on a local date" lookup (OpenFisca's `get_at_instant` over dated values).
 *
 * Every reader of dated data goes through it: the ledger's rule versions, `GET /v1/rules?on=`, coverage
 * rules and minimum wages. Dates are local calendar dates "YYYY-MM-DD" in the jurisdiction's zone, so a
 * string comparison orders them.
 *
 * Semantics, for the versions of ONE thing (one rule code, one wage):
 * - a version is a candidate on `day` when `effective_from <= day` and (`effective_to` is null or
 *   `day < effective_to`);
 * - among the candidates the one with the latest `effective_from` is in force (ties: the later-published,
 *   i.e. the last in the given order).
 * So publishing a new version with a later `effective_from` ends an open-ended previous version on that
 * day, without editing the stored previous row (rule versions are immutable), and an explicit
 * `effective_to` still ends a version with nothing after it.
 */

/** A dated version: `effectiveFrom` inclusive, `effectiveTo` exclusive (null = open), local dates. */
export interface Dated {
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** The dates of a version in the wire format's snake_case (public rule shapes, coverage rules). */
export const snakeCaseDates = (v: { effective_from: string; effective_to: string | null }): Dated => ({
  effectiveFrom: v.effective_from,
  effectiveTo: v.effective_to,
});

/**
 * The version in force on `day` among `versions` of one thing (module doc), or undefined. `datesOf`
 * reads a version's dates (default: the version itself, for camelCase rows).
 */
export function versionInForce<T>(
  versions: Iterable<T>,
  day: string,
  datesOf: (v: T) => Dated = (v) => v as unknown as Dated,
): T | undefined {
  let found: T | undefined;
  let foundFrom = "";
  for (const v of versions) {
    const { effectiveFrom, effectiveTo } = datesOf(v);
    if (effectiveFrom > day || (effectiveTo !== null && effectiveTo <= day)) continue;
    if (found === undefined || effectiveFrom >= foundFrom) {
      found = v;
      foundFrom = effectiveFrom;
    }
  }
  return found;
}

/**
 * For items grouped by `keyOf` (e.g. rule code), the version of each group in force on `day`, in the
 * order of their first appearance in `items`.
 */
export function versionsInForce<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  day: string,
  datesOf: (v: T) => Dated = (v) => v as unknown as Dated,
): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const out: T[] = [];
  for (const group of groups.values()) {
    const v = versionInForce(group, day, datesOf);
    if (v) out.push(v);
  }
  return out;
}
