/**
 * The worker page's legend names its totals exactly as their headings do, in every language: the
 * legend of the totals quotes "Withheld from you" and "Paid by the platforms" as written above it
 * (the page once said "Paid by the platforms" and explained "Paid by the platform").
 */
import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/messages/en.js";
import { es } from "../src/i18n/messages/es.js";
import { fr } from "../src/i18n/messages/fr.js";

describe("the totals legend", () => {
  for (const [locale, messages] of Object.entries({ en, es, fr })) {
    it(`quotes the totals' headings verbatim (${locale})`, () => {
      const quoted = [...messages["totals.payers"].matchAll(/[“«]\s?([^”»]+?)\s?[”»]/g)].map((m) => m[1]);
      expect(quoted).toEqual([messages["totals.withheld"], messages["totals.paidByPlatform"]]);
    });
  }
});
