/**
 * GET /docs works offline: the HTML references no host but the service's own (every src, href and
 * absolute or protocol-relative URL in it resolves to the service's origin), and the script it loads is
 * served by the service, byte for byte the installed @scalar/api-reference package's browser build.
 * tests/browser/docs-offline.test.ts renders the page in Chromium with every other host unreachable.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalInstance, type LocalInstance } from "../scripts/lib/local-instance.js";

let inst: LocalInstance;
beforeAll(async () => {
  inst = await startLocalInstance({ seedRules: false });
});
afterAll(async () => {
  await inst?.close();
});

/** Every URL an HTML text references: src/href/action attributes, CSS url(), and any absolute or protocol-relative URL. */
function referencedUrls(html: string): string[] {
  const attributes = [
    ...html.matchAll(/\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?([^"'\s>]+)/gi),
  ].map((m) => m[1]!);
  const cssUrls = [...html.matchAll(/url\(\s*["']?([^"')]+)/gi)].map((m) => m[1]!);
  const absolute = [...html.matchAll(/(?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'<>()\\]+/gi)].map((m) => m[0]);
  return [...attributes, ...cssUrls, ...absolute];
}

describe("GET /docs", () => {
  it("references no host other than the service's own", async () => {
    const res = await fetch(`${inst.baseUrl}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    const urls = referencedUrls(html);
    expect(urls).toContain("/docs/assets/scalar-api-reference.js");
    const foreign = urls.filter((u) => new URL(u, inst.baseUrl).origin !== inst.baseUrl);
    expect(foreign).toEqual([]);
    // The page's configuration turns off Scalar's web fonts (a CDN) and its telemetry.
    expect(html).toMatch(/"withDefaultFonts":\s*false/);
    expect(html).toMatch(/"telemetry":\s*false/);
  });

  it("the check itself catches a CDN script, a stylesheet and a protocol-relative URL", () => {
    const urls = referencedUrls(
      `<script src="https://cdn.jsdelivr.net/npm/x"></script><link href=//fonts.example/a.css><style>a{background:url('http://img.example/a.png')}</style>`,
    );
    expect(urls.map((u) => new URL(u, inst.baseUrl).host)).toEqual(
      expect.arrayContaining(["cdn.jsdelivr.net", "fonts.example", "img.example"]),
    );
  });

  it("serves the page's script from the installed package", async () => {
    const res = await fetch(`${inst.baseUrl}/docs/assets/scalar-api-reference.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const served = Buffer.from(await res.arrayBuffer());
    const installed = readFileSync(
      createRequire(import.meta.url).resolve("@scalar/api-reference/browser/standalone.js"),
    );
    expect(served.equals(installed)).toBe(true);
  });
});
