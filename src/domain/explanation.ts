/**
 * Why a rule applied to a payout as it did, in facts a worker can read (issue 12, "transparency"):
 * "age 27", "vehicle motorcycle: 65% of the pay counts", "tip not counted". Each contribution entry stores
 * its Basis (ledger_entries.basis, JSON); `basisPhrases` turns bases into phrases (a message key and its
 * values) that src/i18n/why.ts words in the reader's language: the worker page in its own, the platform's
 * answer, record.json and the agency report in English.
 *
 * A Basis holds only what the rule's condition and base read: the worker's age (never the birth date),
 * the task attributes, task type and flags its condition named, the attribute that chose a base fraction,
 * and the pay components present in the payout that the rule's base leaves out.
 */
import type { ComponentType } from "./components.js";

export interface Basis {
  /** The age the condition read (src/domain/conditions.ts workerAge). */
  age?: number;
  /** Facts the condition read, by path: {"task.attributes.service": "food-delivery", "worker.flags": "sg-cpf-opt-in"}. */
  facts?: Record<string, string>;
  /** The attribute that chose the base fraction, its value (absent: the table's default) and the fraction. */
  fraction?: { by: string; value?: string; fraction: string };
  /** Components the payout carried that the rule's base leaves out. */
  excluded?: ComponentType[];
}

/** One phrase of an explanation: a message key of src/i18n/messages (`why.*`) and its values. */
export type Phrase =
  | { key: "why.age"; values: { age: string } }
  | { key: "why.fact"; values: { name: string; value: string } }
  | { key: "why.fraction"; values: { name: string; value: string; percent: string } }
  | { key: "why.fractionDefault"; values: { name: string; percent: string } }
  | { key: "why.excluded"; values: { component: ComponentType } };

/** Percent text of a decimal-string share without float arithmetic: "0.65" -> "65", "0.125" -> "12.5", "1" -> "100". */
export function percentOf(share: string): string {
  const [whole = "0", frac = ""] = share.split(".");
  const digits = `${frac}00`.slice(0, 2);
  const rest = frac.slice(2).replace(/0+$/, "");
  return `${BigInt(whole) * 100n + BigInt(digits)}${rest ? `.${rest}` : ""}`;
}

/** The short name of a fact path: "task.attributes.vehicle" -> "vehicle", "worker.flags" -> "flags", "task.type" -> "task type". */
function factName(path: string): string {
  return path
    .replace(/^task\.attributes\./, "")
    .replace(/^worker\./, "")
    .replace(/^task\./, "task ");
}

/**
 * The distinct phrases of the bases of a group of entries, in order of first appearance (an entry
 * without basis adds none). Unparseable basis text is a bug and throws.
 */
export function basisPhrases(bases: Iterable<Basis | string | null>): Phrase[] {
  const seen = new Map<string, Phrase>();
  const add = (p: Phrase) => seen.set(JSON.stringify(p), p);
  for (const item of bases) {
    if (item === null) continue;
    const basis: Basis = typeof item === "string" ? (JSON.parse(item) as Basis) : item;
    if (basis.age !== undefined) add({ key: "why.age", values: { age: String(basis.age) } });
    for (const [path, value] of Object.entries(basis.facts ?? {}))
      add({ key: "why.fact", values: { name: factName(path), value } });
    const f = basis.fraction;
    if (f)
      add(
        f.value === undefined
          ? { key: "why.fractionDefault", values: { name: f.by, percent: percentOf(f.fraction) } }
          : { key: "why.fraction", values: { name: f.by, value: f.value, percent: percentOf(f.fraction) } },
      );
    for (const component of basis.excluded ?? []) add({ key: "why.excluded", values: { component } });
  }
  return [...seen.values()];
}
