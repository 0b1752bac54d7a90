/**
 * The worker page's languages: English, French and Spanish (BCP 47 primary language subtags). A request
 * picks one from `?lang=` (the page's language switch) or else from `Accept-Language` (quality order,
 * `fr-CA` matching `fr`), falling back to English: `LANGUAGE_DETECTION` is the option set of Hono's
 * `languageDetector` middleware that does it (no cookie: the choice travels in the links).
 */
import type { DetectorOptions } from "hono/language";

export const LOCALES = ["en", "fr", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in that language (the switch shows them so, marked with their `lang`). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: "English",
  fr: "Français",
  es: "Español",
};

/** True when `value` is one of LOCALES (narrows a detected language to a Locale). */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** Options for `languageDetector` (hono/language): query `lang`, then the Accept-Language header. */
export const LANGUAGE_DETECTION: Partial<DetectorOptions> = {
  supportedLanguages: [...LOCALES],
  fallbackLanguage: DEFAULT_LOCALE,
  order: ["querystring", "header"],
  lookupQueryString: "lang",
  caches: false,
};
