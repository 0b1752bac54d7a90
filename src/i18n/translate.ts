/**
 * Message lookup for the worker page: `translator(locale)` gives
 * - `t(key, params)`: the locale's text with each `{name}` replaced by `params[name]` (a string);
 * - `plural(base, count, params)`: the `${base}.one` / `${base}.other` form Intl.PluralRules picks for
 *   `count` (a missing category such as French "many" falls back to `.other`), `{count}` formatted with
 *   Intl.NumberFormat;
 * - `rich(key, params)`: the same text as a list of JSX children, so a placeholder can hold markup
 *   (an amount in <strong>, a link); Hono JSX escapes the text parts.
 * Placeholders without a parameter are an error (a missing translation argument is a bug, not a blank).
 */
import type { Child } from "hono/jsx";
import type { Locale } from "./locales.js";
import { en, type MessageKey, type Messages } from "./messages/en.js";
import { es } from "./messages/es.js";
import { fr } from "./messages/fr.js";

/** Every language's texts, by locale. */
export const MESSAGES: Readonly<Record<Locale, Messages>> = { en, fr, es };

/** Keys that come in plural forms: `base` for `${base}.one` and `${base}.other`. */
export type PluralBase = { [K in MessageKey]: K extends `${infer B}.other` ? B : never }[MessageKey];

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** The `{names}` a text uses, in order of appearance. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));
}

export interface Translator {
  locale: Locale;
  t(key: MessageKey, params?: Readonly<Record<string, string>>): string;
  plural(base: PluralBase, count: number, params?: Readonly<Record<string, string>>): string;
  rich(key: MessageKey, params: Readonly<Record<string, Child>>): Child[];
}

export function translator(locale: Locale): Translator {
  const messages = MESSAGES[locale];
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const argument = <T>(params: Readonly<Record<string, T>>, name: string, key: string): T => {
    const value = params[name];
    if (!(name in params) || value === undefined)
      throw new Error(`message ${key} needs the parameter {${name}}`);
    return value;
  };
  const t = (key: MessageKey, params: Readonly<Record<string, string>> = {}) =>
    messages[key].replace(PLACEHOLDER, (_, name: string) => argument(params, name, key));
  return {
    locale,
    t,
    plural(base, count, params = {}) {
      const category = rules.select(count);
      const key = (`${base}.${category}` in messages ? `${base}.${category}` : `${base}.other`) as MessageKey;
      return t(key, { ...params, count: numbers.format(count) });
    },
    rich(key, params) {
      const parts: Child[] = [];
      let last = 0;
      const text = messages[key];
      for (const match of text.matchAll(PLACEHOLDER)) {
        parts.push(text.slice(last, match.index));
        parts.push(argument(params, match[1] ?? "", key));
        last = match.index + match[0].length;
      }
      parts.push(text.slice(last));
      return parts;
    },
  };
}
