/**
 * Why a rule applied to a payout as it did, in facts a worker can read (issue 12, "transparency"):
 * "age 27", "vehicle motorcycle: 65% of pay counts", "tip not counted". Each contribution entry stores
 * its Basis (ledger_entries.basis, JSON); the worker page renders it in the reader's language, the JSON
 * record and the agency report carry the facts and the English words of `explainBasis`.
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

/** Percent text of a decimal-string share without float arithmetic: "0.65" -> "65%", "0.125" -> "12.5%". */
export function percentText(share: string): string {
  const [whole = "0", frac = ""] = share.split(".");
  const digits = (frac + "00").slice(0, 2);
  const rest = frac.slice(2).replace(/0+$/, "");
  const integer = String(Number(whole) * 100 + Number(digits));
  return `${integer}${rest ? `.${rest}` : ""}%`;
}

/** The basis as short English phrases (module doc); [] when the rule applied unconditionally to the whole payout. */
export function explainBasis(basis: Basis | null): string[] {
  if (!basis) return [];
  const out: string[] = [];
  if (basis.age !== undefined) out.push(`age ${basis.age}`);
  for (const [path, value] of Object.entries(basis.facts ?? {})) out.push(`${path.replace(/^task\.attributes\./, "").replace(/^worker\./, "").replace(/^task\./, "task ")} ${value}`);
  if (basis.fraction) out.push(`${basis.fraction.value === undefined ? `no ${basis.fraction.by}` : `${basis.fraction.by} ${basis.fraction.value}`}: ${percentText(basis.fraction.fraction)} of pay counts`);
  for (const type of basis.excluded ?? []) out.push(`${type} not counted`);
  return out;
}
