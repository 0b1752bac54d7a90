/**
 * The worker's page (DESIGN.md 1): server-rendered HTML (Hono JSX), readable without JavaScript, no
 * external assets. Shows the record of src/reports/worker-record.ts: totals to date, months with
 * contributions per scheme, then month by month and platform by platform the payouts, reversals and
 * contributions ("withheld from you" / "paid by the platform"), and the rule versions applied with their
 * legal sources. Also the page shown for an expired or invalid link.
 *
 * Amounts are the record's decimal strings followed by their ISO 4217 code; rates are shown as
 * percentages (rate × 100, with Dec). English only. Text is escaped by Hono JSX.
 */
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import { Dec } from "../domain/money.js";
import type { Money } from "../ledger/event-result.js";
import type { AppliedRule, CountedMoney, PlatformMonth, WorkerRecord } from "../reports/worker-record.js";
import type { AccessFailure } from "../security/access-links.js";

const PAYER_LABEL = { worker: "withheld from you", platform: "paid by the platform" } as const;

const STYLE = `
body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.45;color:#1b1b1b}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}section.month{border-top:2px solid #333;margin-top:1.5rem}
.muted{color:#555;font-size:.9em}.proposed{color:#8a4b00;font-weight:bold}`;

const monthName = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

const label = (scheme: string) => scheme.replaceAll("_", " ");
const percent = (rate: string) => `${new Dec(rate).times(100).toString()} %`;
const amounts = (list: readonly Money[]) => (list.length === 0 ? "none" : list.map((m) => `${m.amount} ${m.currency}`).join(" + "));
const counted = (list: readonly CountedMoney[], noun: string) =>
  list.length === 0 ? `no ${noun}s` : list.map((m) => `${m.count} ${noun}${m.count === 1 ? "" : "s"}, ${m.amount} ${m.currency}`).join("; ");

function Layout(props: { title: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{props.title}</title>
        <style>{STYLE}</style>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

function PlatformSection({ p }: { p: PlatformMonth }) {
  return (
    <div>
      <h3>{p.platform_name}</h3>
      <p>
        Payouts: {counted(p.payouts, "payout")}.
        {p.reversals.length > 0 ? ` Reversed: ${counted(p.reversals, "reversal")}.` : ""}
      </p>
      {p.contributions.length === 0 ? (
        <p class="muted">No contribution rule applied to these payouts.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Scheme</th>
              <th>Who pays</th>
              <th>Period</th>
              <th class="num">Base</th>
              <th class="num">Contribution</th>
              <th>Rule</th>
            </tr>
          </thead>
          <tbody>
            {p.contributions.map((r) => (
              <tr>
                <td>{label(r.scheme)}</td>
                <td>{PAYER_LABEL[r.payer]}</td>
                <td>{r.period}</td>
                <td class="num">
                  {r.base} {r.currency}
                </td>
                <td class="num">
                  {r.amount} {r.currency}
                </td>
                <td>
                  <a href={`#rule-${r.rule_id}`}>{r.rule}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RuleItem({ rule }: { rule: AppliedRule }) {
  return (
    <li id={`rule-${rule.id}`}>
      <strong>{rule.code}</strong> ({rule.jurisdiction}, {label(rule.scheme)}, {PAYER_LABEL[rule.payer]}){" "}
      {rule.status === "proposed" ? <span class="proposed">proposed, not law</span> : ""}
      <br />
      In force from {rule.effective_from}
      {rule.effective_to ? ` until ${rule.effective_to} (exclusive)` : ""}; period: {rule.period}; base: {percent(rule.base_fraction)} of each payout; rates:{" "}
      {rule.brackets.map((b) => `${percent(b.rate)} from ${b.threshold} ${rule.currency}`).join(", ")}.
      <br />
      Source:{" "}
      <a href={rule.source.url} rel="noreferrer noopener">
        {rule.source.title}
      </a>{" "}
      <span class="muted">(retrieved {rule.source.retrieved})</span>
      {rule.note ? <p class="muted">{rule.note}</p> : ""}
    </li>
  );
}

function RecordPage(props: { record: WorkerRecord; expiresAt: Date; token: string }) {
  const { record } = props;
  return (
    <Layout title="Your contribution record">
      <h1>Your contribution record</h1>
      <p>
        Social protection contributions recorded for the payouts you received through {record.platforms.length === 0 ? "platforms" : record.platforms.map((p) => p.name).join(", ")}.
        Amounts "withheld from you" are your share, deducted from your payouts; amounts "paid by the platform" are the platform's share.
      </p>
      <p class="muted">
        This private link expires on {dateTime.format(props.expiresAt)} UTC. Do not share it. Download the full record: <a href={`${props.token}/record.csv`}>CSV</a> ·{" "}
        <a href={`${props.token}/record.json`}>JSON</a>
      </p>

      <h2>Totals to date</h2>
      {record.totals.by_scheme.length === 0 ? (
        <p>No contributions have been recorded yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Country</th>
              <th>Scheme</th>
              <th>Who pays</th>
              <th class="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {record.totals.by_scheme.map((t) => (
              <tr>
                <td>{t.jurisdiction}</td>
                <td>{label(t.scheme)}</td>
                <td>{PAYER_LABEL[t.payer]}</td>
                <td class="num">
                  {t.amount} {t.currency}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        Withheld from you in total: <strong>{amounts(record.totals.withheld_from_you)}</strong>. Paid by the platforms in total:{" "}
        <strong>{amounts(record.totals.paid_by_platform)}</strong>. Payouts: {counted(record.totals.payouts, "payout")}
        {record.totals.reversals.length > 0 ? `; reversed: ${counted(record.totals.reversals, "reversal")}` : ""}.
      </p>

      <h2>Months with contributions</h2>
      <p class="muted">Months in which contributions were recorded for you, by scheme. Whether they give you insurance cover is for the scheme to say.</p>
      <ul>
        {record.coverage.map((c) => (
          <li>
            {c.jurisdiction} {label(c.scheme)}: {c.months.join(", ")}
          </li>
        ))}
      </ul>

      {record.months.map((m) => (
        <section class="month" id={`month-${m.month}`}>
          <h2>
            {monthName.format(new Date(`${m.month}-01T00:00:00Z`))} ({m.month})
          </h2>
          {m.platforms.map((p) => (
            <PlatformSection p={p} />
          ))}
          <p>
            {m.month}: withheld from you <strong>{amounts(m.withheld_from_you)}</strong>; paid by the platforms <strong>{amounts(m.paid_by_platform)}</strong>.
          </p>
        </section>
      ))}

      <h2>Rules applied</h2>
      <ul>
        {record.rules.map((rule) => (
          <RuleItem rule={rule} />
        ))}
      </ul>
    </Layout>
  );
}

const ALTERED = { title: "This link is not valid", text: "The link was changed or copied incompletely. Open the link exactly as you received it, or ask for a new one." };

const FAILURE_TEXT: Record<AccessFailure, { title: string; text: string }> = {
  expired: { title: "This link has expired", text: "Links to your record work for a limited time. Ask the platform that pays you, or your social security agency, for a new link." },
  "bad-signature": ALTERED,
  malformed: ALTERED,
  "wrong-purpose": { title: "This link is not valid here", text: "The link was made for something else. Ask the platform that pays you, or your social security agency, for a link to your record." },
};

/** The whole worker page as an HTML document. */
export async function workerPageHtml(props: { record: WorkerRecord; expiresAt: Date; token: string }): Promise<string> {
  return String(await html`<!doctype html>${(<RecordPage {...props} />)}`);
}

/** The HTML document shown instead of the record when a link is refused. */
export async function linkProblemHtml(reason: AccessFailure): Promise<string> {
  const { title, text } = FAILURE_TEXT[reason];
  return String(
    await html`<!doctype html>${(
      <Layout title={title}>
        <h1>{title}</h1>
        <p>{text}</p>
      </Layout>
    )}`,
  );
}
