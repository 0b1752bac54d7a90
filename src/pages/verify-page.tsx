/**
 * GET /verify: a small page that checks a pasted receipt or report signature in the browser (README
 * "Signed receipts"), in English, French or Spanish like the worker page (src/i18n). The form works with
 * the keyboard and a screen reader (labelled fields, the verdict in a live `role="status"` region); the
 * check itself needs JavaScript (a <noscript> names the command-line tool instead).
 *
 * A whole webhook answer holding a `receipt` is taken as that receipt.
 * The inline script (allowed by the CSP nonce of the route, src/routes/receipts.ts) does what
 * src/receipts/verify-signed.ts does, with the browser's WebCrypto: it reads the compact JWS of the
 * pasted document, finds the key its `kid` names in the pasted JWKS or else in this service's
 * /.well-known/contribution-ledger/keys.json (same origin), verifies the Ed25519 signature over
 * "<header>.<payload>", checks that a readable `payload` beside it equals the signed one (both written
 * with object keys sorted: RFC 8785 for these documents, whose values are strings, integers and null),
 * and for a report signature with a chosen CSV file, that the file's SHA-256 is one of the signed
 * checksums. Nothing pasted leaves the browser. Texts come from the page's messages (a JSON block).
 */
import { html, raw } from "hono/html";
import type { Locale } from "../i18n/locales.js";
import type { MessageKey } from "../i18n/messages/en.js";
import { MESSAGES, translator } from "../i18n/translate.js";
import { LanguageSwitch, Layout } from "./layout.js";

/** Message keys the script shows (placeholders filled in by the script). */
const SCRIPT_MESSAGES = [
  "verify.ok.receipt",
  "verify.ok.sealed",
  "verify.ok.unsealed",
  "verify.ok.report",
  "verify.ok.file",
  "verify.bad.file",
  "verify.bad.json",
  "verify.bad.shape",
  "verify.bad.key",
  "verify.bad.signature",
  "verify.bad.copy",
  "verify.bad.keys",
  "verify.bad.unsupported",
] as const satisfies readonly MessageKey[];

const script = (keysPath: string) => `
(() => {
  const M = JSON.parse(document.getElementById("verify-messages").textContent);
  const say = (key, params = {}) => M[key].replace(/\\{([a-zA-Z]+)\\}/g, (_, name) => String(params[name]));
  const out = document.getElementById("verdict");
  const show = (ok, lines) => { out.textContent = lines.join(" "); out.dataset.ok = String(ok); out.className = ok ? "notice" : "notice below"; };
  const bytes = (b64url) => { const b64 = b64url.replace(/-/g, "+").replace(/_/g, "/"); return Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)); };
  const text = (u8) => new TextDecoder("utf-8", { fatal: true }).decode(u8);
  const canonical = (v) => Array.isArray(v) ? "[" + v.map(canonical).join(",") + "]" : v !== null && typeof v === "object" ? "{" + Object.keys(v).sort().map((k) => JSON.stringify(k) + ":" + canonical(v[k])).join(",") + "}" : JSON.stringify(v);
  const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
  async function keySet() {
    const pasted = document.getElementById("keys").value.trim();
    if (pasted) return JSON.parse(pasted);
    const res = await fetch(${JSON.stringify(keysPath)}, { credentials: "omit" });
    if (!res.ok) throw new Error("keys " + res.status);
    return res.json();
  }
  async function check() {
    let doc;
    try { doc = JSON.parse(document.getElementById("document").value); } catch { try { doc = { jws: document.getElementById("document").value.trim() }; if (doc.jws.split(".").length !== 3) throw 0; } catch { return show(false, [say("verify.bad.json")]); } }
    if (doc && typeof doc === "object" && doc.receipt) doc = doc.receipt; // a whole webhook answer
    const jws = typeof doc === "string" ? doc : doc && doc.jws;
    const parts = typeof jws === "string" ? jws.split(".") : [];
    if (parts.length !== 3) return show(false, [say("verify.bad.shape")]);
    let header, signed;
    try { header = JSON.parse(text(bytes(parts[0]))); signed = JSON.parse(text(bytes(parts[1]))); } catch { return show(false, [say("verify.bad.shape")]); }
    if (header.alg !== "EdDSA") return show(false, [say("verify.bad.shape")]);
    let jwks;
    try { jwks = await keySet(); } catch { return show(false, [say("verify.bad.keys")]); }
    const jwk = (jwks.keys || []).find((k) => k.kid === header.kid && k.kty === "OKP" && k.crv === "Ed25519");
    if (!jwk) return show(false, [say("verify.bad.key", { kid: header.kid })]);
    let valid;
    try {
      const key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
      valid = await crypto.subtle.verify({ name: "Ed25519" }, key, bytes(parts[2]), new TextEncoder().encode(parts[0] + "." + parts[1]));
    } catch { return show(false, [say("verify.bad.unsupported")]); }
    if (!valid) return show(false, [say("verify.bad.signature")]);
    if (doc && typeof doc === "object" && "payload" in doc && canonical(doc.payload) !== canonical(signed)) return show(false, [say("verify.bad.copy")]);
    if (signed.type === "contribution-receipt") {
      return show(true, [say("verify.ok.receipt", { kid: header.kid, event: signed.event.id, platform: signed.platform, seq: signed.ledger_seq }), signed.chain ? say("verify.ok.sealed", { hash: signed.chain.hash }) : say("verify.ok.unsealed")]);
    }
    if (signed.type !== "monthly-report") return show(false, [say("verify.bad.shape")]);
    const lines = [say("verify.ok.report", { kid: header.kid, jurisdiction: signed.jurisdiction, period: signed.period })];
    const file = document.getElementById("report").files[0];
    if (!file) return show(true, lines);
    const digest = hex(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
    if (digest !== signed.rows.checksum.value && digest !== signed.corrections.checksum.value) return show(false, [say("verify.bad.file")]);
    return show(true, [...lines, say("verify.ok.file")]);
  }
  document.getElementById("verify-form").addEventListener("submit", (event) => { event.preventDefault(); check(); });
})();
`;

/** The page in `locale`; `nonce` is the CSP nonce its inline script runs under; `keysPath` the same-origin JWKS. */
export async function verifyPageHtml(locale: Locale, nonce: string, keysPath: string): Promise<string> {
  const tr = translator(locale);
  // The texts with their {placeholders}, for the script to fill in.
  const messages = Object.fromEntries(SCRIPT_MESSAGES.map((key) => [key, MESSAGES[locale][key]]));
  // "<" is escaped so the JSON block cannot close its script element.
  const json = JSON.stringify(messages).replace(/</g, "\\u003c");
  return String(
    await html`<!doctype html>${(
      <Layout locale={locale} title={tr.t("verify.title")}>
        <header>
          <LanguageSwitch tr={tr} />
          <h1>{tr.t("verify.title")}</h1>
          <p>{tr.t("verify.intro")}</p>
        </header>
        <main>
          <form id="verify-form">
            <p>
              <label for="document">{tr.t("verify.document")}</label>
              <br />
              <textarea
                id="document"
                name="document"
                rows={10}
                cols={60}
                required
                spellcheck={false}
                style="width:100%;font-family:monospace"
              ></textarea>
            </p>
            <p>
              <label for="report">{tr.t("verify.report")}</label>
              <br />
              <input type="file" id="report" name="report" accept=".csv,text/csv" />
            </p>
            <p>
              <label for="keys">{tr.t("verify.keys")}</label>
              <br />
              <textarea
                id="keys"
                name="keys"
                rows={3}
                cols={60}
                spellcheck={false}
                style="width:100%;font-family:monospace"
              ></textarea>
            </p>
            <p>
              <button type="submit" id="verify-button" style="min-height:44px;padding:.4rem 1rem">
                {tr.t("verify.button")}
              </button>
            </p>
          </form>
          <noscript>
            <p class="notice">{tr.t("verify.noscript")}</p>
          </noscript>
          <p id="verdict" role="status" aria-live="polite"></p>
        </main>
        <script type="application/json" id="verify-messages">
          {raw(json)}
        </script>
        <script nonce={nonce}>{raw(script(keysPath))}</script>
      </Layout>
    )}`,
  );
}
