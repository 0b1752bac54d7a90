/**
 * Explanations in words (src/domain/explanation.ts): the phrases of a group of entries' bases, each
 * rendered by the translator's `why.*` messages, e.g. ["age 27", "vehicle motorcycle: 65% of the pay
 * counts", "tips not counted"]. `whyInEnglish` is what the API's JSON and the agency report carry.
 */
import { basisPhrases, type Basis } from "../domain/explanation.js";
import { translator, type Translator } from "./translate.js";

/** The explanation of entries with these bases, in `tr`'s language. */
export function whyText(tr: Translator, bases: Iterable<Basis | string | null>): string[] {
  return basisPhrases(bases).map((p) =>
    p.key === "why.excluded"
      ? tr.t(p.key, { component: tr.t(`component.${p.values.component}`) })
      : tr.t(p.key, p.values),
  );
}

const english = translator("en");

/** The explanation in English (API answers, record.json, agency report). */
export function whyInEnglish(bases: Iterable<Basis | string | null>): string[] {
  return whyText(english, bases);
}
