/**
 * The frame of the worker's pages (Hono JSX, server-rendered): the HTML document in the page's language,
 * its inline style sheet (no external asset: the CSP allows inline styles only), and the language switch.
 *
 * The style sheet is a constant inserted raw (JSX would escape its quotes). Style: mobile first (readable at 360 px), system fonts, body text #1b1b1b and muted text #474747 on
 * white (contrast 17:1 and 9.3:1), links #0b57d0 (6.4:1), the "below the minimum" statement #9b1c1c
 * (8.2:1); tables shrink to four columns and wrap; numbers use tabular figures.
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { LOCALE_NAMES, LOCALES, type Locale } from "../i18n/locales.js";
import type { Translator } from "../i18n/translate.js";

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;max-width:60rem;margin:0 auto;padding:.75rem;line-height:1.5;color:#1b1b1b;background:#fff}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem;border-bottom:2px solid #1b1b1b;padding-bottom:.2rem}
h3{font-size:1.1rem;margin:1.25rem 0 .4rem}
h4{font-size:1rem;margin:1rem 0 .3rem}
a{color:#0b57d0}
a:focus-visible,[tabindex]:focus-visible,summary:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
p,li{overflow-wrap:anywhere}
table{border-collapse:collapse;margin:.4rem 0 1rem;width:100%;font-size:.95rem}
th,td{border-bottom:1px solid #c4c4c4;padding:.35rem .4rem;text-align:left;vertical-align:top}
th{font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:#474747;font-size:.92rem}
.langs{list-style:none;margin:0;padding:0;display:flex;gap:.75rem;justify-content:flex-end;flex-wrap:wrap}
.langs a{display:inline-block;padding:.35rem .2rem;min-height:44px;line-height:2}
.langs a[aria-current]{font-weight:700;color:#1b1b1b;text-decoration:none}
.downloads a{display:inline-block;padding:.3rem 0;margin-right:.75rem}
dl.totals{display:grid;grid-template-columns:1fr;gap:.5rem;margin:.5rem 0}
dl.totals div{border:1px solid #c4c4c4;border-radius:.4rem;padding:.5rem .75rem}
dl.totals dt{font-size:.92rem;color:#474747}
dl.totals dd{margin:0;font-size:1.15rem;font-weight:600;font-variant-numeric:tabular-nums}
@media (min-width:40rem){dl.totals{grid-template-columns:repeat(3,1fr)}}
section.month{border-top:1px solid #1b1b1b;margin-top:1.25rem}
h2+section.month{border-top:0;margin-top:0}
section.month h3::first-letter,.pay li>p:first-child::first-letter{text-transform:uppercase}
figure{margin:0}
.chart{overflow-x:auto;margin:.5rem 0}
.chart svg{display:block;width:100%;height:auto}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0 1rem}
.swatch{display:inline-block;width:.9rem;height:.9rem;border-radius:.15rem;margin-right:.35rem;vertical-align:-.1rem}
.pay li{margin-bottom:.75rem}
.below{color:#9b1c1c;font-weight:700}
.proposed{color:#8a4000;font-weight:700}
.notice{border-left:4px solid #0b57d0;background:#f2f6fd;padding:.5rem .75rem;margin:.5rem 0}
details{margin:.25rem 0}
summary{cursor:pointer;color:#0b57d0}
footer{margin-top:2rem;border-top:1px solid #c4c4c4;padding-top:.5rem}`;

/** The document: `<html lang>`, viewport for phones, no indexing (the URL is a bearer secret). */
export function Layout(props: { locale: Locale; title: string; children: Child }) {
  return (
    <html lang={props.locale} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{props.title}</title>
        <style>{raw(STYLE)}</style>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** Links to the same page in each language (`?lang=xx`, works without JavaScript); the current one is marked. */
export function LanguageSwitch(props: { tr: Translator }) {
  return (
    <nav aria-label={props.tr.t("lang.nav")}>
      <ul class="langs">
        {LOCALES.map((l) => (
          <li>
            <a
              href={`?lang=${l}`}
              hreflang={l}
              lang={l}
              aria-current={l === props.tr.locale ? "page" : undefined}
            >
              {LOCALE_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
