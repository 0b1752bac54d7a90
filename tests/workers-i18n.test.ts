/**
 * The worker page's three languages (src/i18n): every key in every language with the same placeholders,
 * nothing left in English by copy, plural forms, and the choice of language over HTTP (?lang=, then
 * Accept-Language, then English) against a real instance (startLocalInstance).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMES } from "../src/domain/contributions.js";
import { formatters } from "../src/i18n/format.js";
import { LOCALES } from "../src/i18n/locales.js";
import { en, type MessageKey } from "../src/i18n/messages/en.js";
import { MESSAGES, placeholdersOf, translator } from "../src/i18n/translate.js";
import {
  startLocalInstance,
  type LocalInstance,
  type PlatformAccount,
} from "../scripts/lib/local-instance.js";

const KEYS = Object.keys(en) as MessageKey[];
/**
 * Texts that are rightly the same as in English (checked by hand): "Total" is French and Spanish, "Base"
 * Spanish, and "{country}, {scheme}: {months}" has only punctuation, which Spanish writes the same way.
 */
const SAME_AS_ENGLISH: Partial<Record<(typeof LOCALES)[number], MessageKey[]>> = {
  fr: ["table.total"],
  es: ["table.total", "table.base", "coverage.line"],
};

describe("messages", () => {
  it("every language has exactly the English keys, each a non-empty text with the same placeholders", () => {
    for (const locale of LOCALES) {
      const messages = MESSAGES[locale];
      expect(Object.keys(messages).sort(), locale).toEqual([...KEYS].sort());
      for (const key of KEYS) {
        expect(messages[key].trim(), `${locale} ${key}`).not.toBe("");
        expect(placeholdersOf(messages[key]).sort(), `${locale} ${key}`).toEqual(
          placeholdersOf(en[key]).sort(),
        );
      }
    }
  });

  it("French and Spanish texts are translations, not English copies", () => {
    for (const locale of ["fr", "es"] as const) {
      const copies = KEYS.filter((key) => MESSAGES[locale][key] === en[key]);
      expect(copies.sort(), locale).toEqual([...SAME_AS_ENGLISH[locale]!].sort());
    }
  });

  it("names every scheme and period kind the ledger knows, and gives every plural a one and an other form", () => {
    for (const scheme of SCHEMES) expect(KEYS).toContain(`scheme.${scheme}`);
    for (const period of ["month", "year", "tax_year", "transaction"])
      expect(KEYS).toContain(`period.${period}`);
    for (const key of KEYS.filter((k) => k.endsWith(".other")))
      expect(KEYS).toContain(key.replace(/\.other$/, ".one"));
  });

  it("picks plural forms with Intl.PluralRules and formats the count for the locale", () => {
    expect(translator("en").plural("count.payouts", 1)).toBe("1 payout");
    expect(translator("en").plural("count.payouts", 1200)).toBe("1,200 payouts");
    // French "one" covers 0 and 1; the number is grouped with a narrow no-break space.
    expect(translator("fr").plural("count.payouts", 0)).toBe("0 paiement");
    expect(translator("fr").plural("count.payouts", 1200)).toBe(
      `${new Intl.NumberFormat("fr").format(1200)} paiements`,
    );
    expect(translator("es").plural("count.payouts", 2)).toBe("2 pagos");
  });

  it("refuses to render a text whose placeholder has no value", () => {
    expect(() => translator("en").t("page.intro")).toThrow(/\{platforms\}/);
    expect(translator("en").t("page.intro", { platforms: "alpha" })).toBe(
      "Social protection contributions recorded for the payouts you received through alpha.",
    );
  });

  it("formats money from decimal strings exactly, with the locale's conventions", () => {
    // 40 significant digits would lose precision as a float; Intl formats the string as given.
    expect(formatters("en").money("12345678901234.56", "USD")).toBe("$12,345,678,901,234.56");
    expect(formatters("fr").money("1234.5", "EUR")).toBe(
      new Intl.NumberFormat("fr", { style: "currency", currency: "EUR" }).format(1234.5),
    );
    expect(formatters("es").percent("0.124")).toBe(
      new Intl.NumberFormat("es", { style: "percent", maximumFractionDigits: 4 }).format(0.124),
    );
    expect(formatters("en").duration(1800)).toBe("30 minutes");
    expect(formatters("en").duration(5400)).toBe("1.5 hours");
  });
});

describe("language of the page over HTTP", () => {
  let inst: LocalInstance;
  let alpha: PlatformAccount;
  let url: string;

  beforeAll(async () => {
    inst = await startLocalInstance();
    alpha = await inst.createPlatform("alpha");
    const res = await alpha.sender.send({
      id: "p1",
      type: "payout",
      occurred_at: "2026-03-03T09:00:00+01:00",
      worker: { id: "w1", country: "DE" },
      amount: "120.00",
      currency: "EUR",
      task: { duration_s: 3600 },
    });
    expect(res.status).toBe(201);
    const link = await fetch(`${inst.baseUrl}/v1/workers/w1/access-links`, {
      method: "POST",
      headers: { authorization: `Bearer ${alpha.apiKey}` },
    });
    url = ((await link.json()) as { url: string }).url;
  });

  afterAll(async () => {
    await inst?.close();
  });

  async function pageIn(
    query: string,
    acceptLanguage?: string,
  ): Promise<{ lang: string; contentLanguage: string | null; html: string }> {
    const res = await fetch(`${url}${query}`, {
      headers: acceptLanguage ? { "accept-language": acceptLanguage } : {},
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    return {
      lang: /<html lang="([a-z]+)"/.exec(html)![1]!,
      contentLanguage: res.headers.get("content-language"),
      html,
    };
  }

  it("follows Accept-Language by quality, matching a regional tag to its language, else English", async () => {
    expect((await pageIn("", "fr-CA,fr;q=0.9,en;q=0.8")).lang).toBe("fr");
    expect((await pageIn("", "de-DE, es;q=0.5, en;q=0.3")).lang).toBe("es");
    expect((await pageIn("", "de-DE")).lang).toBe("en");
    expect((await pageIn("")).lang).toBe("en");
    const french = await pageIn("", "fr");
    expect(french.contentLanguage).toBe("fr");
    expect(french.html).toContain(`<h1>${MESSAGES.fr["page.title"]}</h1>`);
  });

  it("lets ?lang= (the page's switch) override the header, and ignores an unknown one", async () => {
    expect((await pageIn("?lang=es", "fr")).lang).toBe("es");
    expect((await pageIn("?lang=xx", "fr")).lang).toBe("fr");
  });

  it("leaves no placeholder or message key in the page in any language", async () => {
    for (const locale of LOCALES) {
      const { html } = await pageIn(`?lang=${locale}`);
      const text = html.replace(/<style>[\s\S]*?<\/style>/, "");
      expect(text, locale).not.toMatch(/\{[a-zA-Z]+\}/);
      for (const key of ["page.title", "pay.heading", "coverage.honest", "scheme.pension"])
        expect(text, locale).not.toContain(key);
      // The DE worker's pay: 120.00 EUR for one hour, against the 2026 Mindestlohn of 13.90 EUR.
      expect(text, locale).toContain(formatters(locale).money("120.00", "EUR"));
      expect(text, locale).toContain(formatters(locale).money("13.90", "EUR"));
    }
  });

  it("shows a refused link's page in the chosen language", async () => {
    const res = await fetch(`${inst.baseUrl}/w/not-a-token`, { headers: { "accept-language": "es" } });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-language")).toBe("es");
    expect(await res.text()).toContain(MESSAGES.es["problem.invalid.title"]);
  });
});
