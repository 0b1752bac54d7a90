/**
 * The worker's page (docs/design.md §1): server-rendered HTML (Hono JSX) in English, French or Spanish
 * (src/i18n), readable without JavaScript, no external assets. Shows the record of
 * src/worker-record/worker-record.ts in this order: totals to date (payouts, withheld from you, paid by the
 * platforms, per scheme), the monthly contributions chart (inline SVG), coverage (months with
 * contributions, and why the page does not claim insurance cover), pay per hour against the minimum
 * wage, month by month and platform by platform the payouts and contributions with each month's coverage
 * line, the latest payouts' signed receipts (src/pages/receipt-list.tsx), and the rule versions applied
 * with their legal sources; after pay per hour, the payouts taken back with their reasons and the
 * worker's disputes with the dispute form (src/pages/worker-voice.tsx). Also the page shown for a refused
 * link and the one for a refused dispute form.
 *
 * Amounts: the record's decimal strings, formatted with Intl for the locale (src/i18n/format.ts) and
 * wrapped in <data value="decimal"> so the exact figure stays machine-readable; element ids name the
 * figures a test or a screen reader may look for (`total-<country>-<scheme>-<payer>-<currency>`,
 * `totals-withheld`, `month-<YYYY-MM>`...). Text is escaped by Hono JSX.
 */
import { whyText } from "../i18n/why.js";
import { html } from "hono/html";
import { SCHEMES, type Scheme } from "../domain/contributions.js";
import { formatters, type Formatters } from "../i18n/format.js";
import type { Locale } from "../i18n/locales.js";
import type { MessageKey } from "../i18n/messages/en.js";
import { translator, type Translator } from "../i18n/translate.js";
import type { Money } from "../ledger/event-result.js";
import type {
  AppliedRule,
  CountedMoney,
  EffectivePayLine,
  EffectivePayMonth,
  MinimumWageRef,
  MonthRecord,
  MonthScheme,
  PlatformMonth,
  WorkerRecord,
} from "../schemas/worker-record.js";
import type { AccessFailure } from "../security/access-links.js";
import type { ReceiptLink } from "../receipts/receipt-store.js";
import { ContributionCharts } from "./contribution-chart.js";
import { ReceiptList } from "./receipt-list.js";
import { LanguageSwitch, Layout } from "./layout.js";
import { DisputeErrors, VoiceSections } from "./worker-voice.js";
import type { WorkerVoice } from "../disputes/worker-voice.js";

/** What every part of the page needs: the translator and the locale's formatters. */
interface View {
  tr: Translator;
  fmt: Formatters;
}

const isScheme = (scheme: string): scheme is Scheme => (SCHEMES as readonly string[]).includes(scheme);

/** A scheme's name in the page's language (a code outside SCHEMES, which the rule schema refuses, is shown as is). */
const schemeLabel = (tr: Translator) => (scheme: string) =>
  isScheme(scheme) ? tr.t(`scheme.${scheme}`) : scheme.replaceAll("_", " ");

const payerLabel = (tr: Translator, payer: "worker" | "platform") =>
  tr.t(payer === "worker" ? "payer.worker" : "payer.platform");

/** An amount as <data>: exact decimal in `value`, the locale's currency format as text. */
function Amount(props: { view: View; amount: string; currency: string; id?: string }) {
  return (
    <data id={props.id} value={props.amount} data-currency={props.currency}>
      {props.view.fmt.money(props.amount, props.currency)}
    </data>
  );
}

/** Amounts in several currencies joined by " + ", or "none". */
function Amounts(props: { view: View; list: readonly Money[]; id?: string }) {
  if (props.list.length === 0) return <span id={props.id}>{props.view.tr.t("totals.none")}</span>;
  return (
    <span id={props.id}>
      {props.list.map((m, i) => (
        <>
          {i > 0 ? " + " : ""}
          <Amount view={props.view} amount={m.amount} currency={m.currency} />
        </>
      ))}
    </span>
  );
}

/** "3 payouts, $0.15; 1 payout, €2.00" */
function Counted(props: { view: View; list: readonly CountedMoney[]; id?: string }) {
  const { tr } = props.view;
  if (props.list.length === 0) return <span id={props.id}>{tr.t("totals.none")}</span>;
  return (
    <span id={props.id}>
      {props.list.map((m, i) => (
        <>
          {i > 0 ? "; " : ""}
          {tr.plural("count.payouts", m.count)},{" "}
          <Amount view={props.view} amount={m.amount} currency={m.currency} />
        </>
      ))}
    </span>
  );
}

function Totals(props: { view: View; record: WorkerRecord }) {
  const { view, record } = props;
  const { tr, fmt } = view;
  const label = schemeLabel(tr);
  return (
    <section aria-labelledby="totals-h">
      <h2 id="totals-h">{tr.t("totals.heading")}</h2>
      <dl class="totals">
        <div>
          <dt>{tr.t("totals.payouts")}</dt>
          <dd>
            <Counted view={view} list={record.totals.payouts} id="totals-payouts" />
          </dd>
        </div>
        <div>
          <dt>{tr.t("totals.withheld")}</dt>
          <dd>
            <Amounts view={view} list={record.totals.withheld_from_you} id="totals-withheld" />
          </dd>
        </div>
        <div>
          <dt>{tr.t("totals.paidByPlatform")}</dt>
          <dd>
            <Amounts view={view} list={record.totals.paid_by_platform} id="totals-paid" />
          </dd>
        </div>
        {record.totals.reversals.length > 0 ? (
          <div>
            <dt>{tr.t("totals.reversals")}</dt>
            <dd>
              <Counted view={view} list={record.totals.reversals} id="totals-reversals" />
            </dd>
          </div>
        ) : null}
      </dl>
      <p class="muted">{tr.t("totals.payers")}</p>
      {record.totals.by_scheme.length === 0 ? (
        <p>{tr.t("totals.noContributions")}</p>
      ) : (
        <table>
          <caption class="muted" style="text-align:left">
            {tr.t("totals.byScheme")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{tr.t("table.country")}</th>
              <th scope="col">{tr.t("table.scheme")}</th>
              <th scope="col">{tr.t("table.whoPays")}</th>
              <th scope="col" class="num">
                {tr.t("table.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {record.totals.by_scheme.map((s) => (
              <tr>
                <td>{fmt.country(s.jurisdiction)}</td>
                <td>{label(s.scheme)}</td>
                <td>{payerLabel(tr, s.payer)}</td>
                <td class="num">
                  <Amount
                    view={view}
                    amount={s.amount}
                    currency={s.currency}
                    id={`total-${s.jurisdiction}-${s.scheme}-${s.payer}-${s.currency}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Coverage(props: { view: View; record: WorkerRecord }) {
  const { tr, fmt } = props.view;
  const label = schemeLabel(tr);
  return (
    <section aria-labelledby="coverage-h">
      <h2 id="coverage-h">{tr.t("coverage.heading")}</h2>
      <p class="notice">{tr.t("coverage.honest")}</p>
      <h3>{tr.t("coverage.monthsWith")}</h3>
      {props.record.coverage.length === 0 ? (
        <p>{tr.t("coverage.none")}</p>
      ) : (
        <ul>
          {props.record.coverage.map((c) => (
            <li>
              {tr.t("coverage.line", {
                country: fmt.country(c.jurisdiction),
                scheme: label(c.scheme),
                months: fmt.list(c.months.map(fmt.month)),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One month's coverage line for one scheme: not assessed yet, counts, or does not count (with what is missing). */
function CoverageLine(props: { view: View; s: MonthScheme }) {
  const { view, s } = props;
  const scheme = `${view.fmt.country(s.jurisdiction)}, ${schemeLabel(view.tr)(s.scheme)}`;
  const amount = <Amount view={view} amount={s.total} currency={s.currency} />;
  const c = s.coverage;
  if (c.status === "does_not_count") {
    return (
      <li data-coverage={c.status}>
        {view.tr.rich("coverage.does_not_count", {
          scheme,
          amount,
          missing: <Amount view={view} amount={c.missing.amount} currency={c.missing.currency} />,
        })}
      </li>
    );
  }
  return (
    <li data-coverage={c.status}>
      {view.tr.rich(c.status === "counts" ? "coverage.counts" : "coverage.not_assessed", { scheme, amount })}
    </li>
  );
}

function PayLine(props: { view: View; line: EffectivePayLine }) {
  const { view, line } = props;
  const { tr, fmt } = view;
  const wage = line.minimum_wage;
  const minimum = wage ? <Amount view={view} amount={wage.hourly} currency={wage.currency} /> : "";
  const id = `pay-${line.month}-${line.jurisdiction}-${line.currency}-${wage?.id ?? "none"}`;
  return (
    <li id={id} data-verdict={line.verdict}>
      <p>
        {tr.rich("pay.line", {
          month: fmt.month(line.month),
          earnings: <Amount view={view} amount={line.earnings} currency={line.currency} />,
          time: fmt.duration(line.task_seconds),
          payouts: tr.plural("count.payouts", line.payouts),
          hourly: (
            <strong>
              <Amount view={view} amount={line.hourly} currency={line.currency} id={`${id}-hourly`} />
            </strong>
          ),
        })}{" "}
        {line.verdict === "below_minimum" && wage ? (
          <span class="below">{tr.rich("pay.below", { minimum, name: wage.name })}</span>
        ) : null}
        {line.verdict === "at_or_above_minimum" && wage
          ? tr.rich("pay.atOrAbove", { minimum, name: wage.name })
          : null}
        {line.not_compared_reason === "no_minimum_wage"
          ? tr.t("pay.noMinimum", { country: fmt.country(line.jurisdiction) })
          : null}
        {line.not_compared_reason === "no_exchange_rate" && wage
          ? tr.rich("pay.noRate", { minimum, name: wage.name })
          : null}
      </p>
      {line.converted_from.length > 0 ? (
        <p class="muted">
          {tr.t("pay.converted", { currencies: fmt.list(line.converted_from), currency: line.currency })}
        </p>
      ) : null}
      {line.reversals > 0 ? <p class="muted">{tr.plural("pay.reversals", line.reversals)}</p> : null}
    </li>
  );
}

/** Whether `url` is an absolute http: or https: URL (the only links the page renders). */
export function isWebUrl(url: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * Source link and retrieval date of a rule or a minimum wage. Only an http(s) URL becomes a link: any
 * other (a `javascript:` URL stored before sources were validated) is shown as the title alone.
 */
function Source(props: { view: View; source: { title: string; url: string; retrieved: string } }) {
  const { tr, fmt } = props.view;
  const link = isWebUrl(props.source.url) ? (
    <a href={props.source.url} rel="noreferrer noopener">
      {props.source.title}
    </a>
  ) : (
    <span>{props.source.title}</span>
  );
  return (
    <span class="muted">
      {tr.rich("rule.source", { source: link })} (
      {tr.t("rule.retrieved", { date: fmt.day(props.source.retrieved) })})
    </span>
  );
}

/** When a dated rule or wage is in force: from, or from … until (exclusive). */
const inForce = (view: View, from: string, to: string | null) =>
  to
    ? view.tr.t("rule.inForceUntil", { from: view.fmt.day(from), to: view.fmt.day(to) })
    : view.tr.t("rule.inForce", { from: view.fmt.day(from) });

/** A minimum wage the lines were compared with: amount, dates, source and notes. */
function WageItem(props: { view: View; wage: MinimumWageRef }) {
  const { view, wage } = props;
  return (
    <li id={`wage-${wage.id}`}>
      {view.tr.rich("pay.wage", {
        name: wage.name,
        country: view.fmt.country(wage.jurisdiction),
        minimum: <Amount view={view} amount={wage.hourly} currency={wage.currency} />,
      })}{" "}
      {inForce(view, wage.effective_from, wage.effective_to)}
      <br />
      <Source view={view} source={wage.source} />
      {wage.note ? (
        <details class="muted">
          <summary>{view.tr.t("pay.notes")}</summary>
          <p lang="en">{wage.note}</p>
        </details>
      ) : null}
    </li>
  );
}

function Pay(props: { view: View; months: readonly EffectivePayMonth[] }) {
  const { tr, fmt } = props.view;
  const anyLine = props.months.some((m) => m.lines.length > 0);
  const wages = new Map(
    props.months
      .flatMap((m) => m.lines)
      .flatMap((line): [number, MinimumWageRef][] =>
        line.minimum_wage ? [[line.minimum_wage.id, line.minimum_wage]] : [],
      ),
  );
  return (
    <section aria-labelledby="pay-h" class="pay">
      <h2 id="pay-h">{tr.t("pay.heading")}</h2>
      <p>{tr.t("pay.intro")}</p>
      {!anyLine ? (
        <p>{tr.t("pay.none")}</p>
      ) : (
        <ul>
          {[...props.months].reverse().map((m) => (
            <>
              {m.lines.map((line) => (
                <PayLine view={props.view} line={line} />
              ))}
              {m.payouts_without_duration > 0 && m.lines.length > 0 ? (
                <li class="muted">
                  {fmt.month(m.month)}: {tr.plural("pay.withoutDuration", m.payouts_without_duration)}
                </li>
              ) : null}
            </>
          ))}
        </ul>
      )}
      <p class="muted">{tr.t("pay.caveat")}</p>
      {wages.size > 0 ? (
        <>
          <h3>{tr.t("pay.wagesHeading")}</h3>
          <ul>
            {[...wages.values()].map((wage) => (
              <WageItem view={props.view} wage={wage} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function PlatformSection(props: { view: View; p: PlatformMonth }) {
  const { view, p } = props;
  const { tr, fmt } = view;
  const label = schemeLabel(tr);
  return (
    <div>
      <h4>{p.platform_name}</h4>
      <p>
        {tr.rich("month.payouts", { list: <Counted view={view} list={p.payouts} /> })}
        {p.reversals.length > 0 ? (
          <> {tr.rich("month.reversed", { list: <Counted view={view} list={p.reversals} /> })}</>
        ) : null}
      </p>
      {p.contributions.length === 0 ? (
        <p class="muted">{tr.t("month.noRule")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{tr.t("table.scheme")}</th>
              <th scope="col">{tr.t("table.whoPays")}</th>
              <th scope="col" class="num">
                {tr.t("table.base")}
              </th>
              <th scope="col" class="num">
                {tr.t("table.contribution")}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.contributions.map((r) => (
              <tr>
                <td>
                  <a href={`#rule-${r.rule_id}`}>{label(r.scheme)}</a>
                  <br />
                  <span class="muted">
                    {fmt.country(r.jurisdiction)}, {r.period}
                  </span>
                  {r.facts.length > 0 ? (
                    <>
                      <br />
                      <span class="why">
                        {tr.t("contributions.why")} {fmt.list(whyText(tr, r.facts))}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>{payerLabel(tr, r.payer)}</td>
                <td class="num">
                  <Amount view={view} amount={r.base} currency={r.currency} />
                </td>
                <td class="num">
                  <Amount view={view} amount={r.amount} currency={r.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function MonthSection(props: { view: View; m: MonthRecord }) {
  const { view, m } = props;
  const { tr, fmt } = view;
  const id = `month-${m.month}`;
  return (
    <section class="month" id={id} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{fmt.month(m.month)}</h3>
      {m.platforms.map((p) => (
        <PlatformSection view={view} p={p} />
      ))}
      <p>
        {tr.rich("month.totals", {
          withheld: (
            <strong>
              <Amounts view={view} list={m.withheld_from_you} id={`${id}-withheld`} />
            </strong>
          ),
          paid: (
            <strong>
              <Amounts view={view} list={m.paid_by_platform} id={`${id}-paid`} />
            </strong>
          ),
        })}
      </p>
      {m.schemes.length > 0 ? (
        <>
          <h4>{tr.t("coverage.month")}</h4>
          <ul>
            {m.schemes.map((s) => (
              <CoverageLine view={view} s={s} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

const PERIOD_KEYS: Record<AppliedRule["period"], MessageKey> = {
  month: "period.month",
  year: "period.year",
  tax_year: "period.tax_year",
  transaction: "period.transaction",
};

function RuleItem(props: { view: View; rule: AppliedRule }) {
  const { tr, fmt } = props.view;
  const { rule } = props;
  const rates = fmt.list(
    rule.brackets.map((b) =>
      b.amount === undefined
        ? tr.t("rule.rateFrom", {
            rate: fmt.percent(b.rate),
            threshold: fmt.money(b.threshold, rule.currency),
          })
        : tr.t("rule.amountFrom", {
            amount: fmt.money(b.amount, rule.currency),
            rate: fmt.percent(b.rate),
            threshold: fmt.money(b.threshold, rule.currency),
          }),
    ),
  );
  const table = rule.base_fraction;
  const fraction =
    typeof table === "string"
      ? fmt.percent(table)
      : tr.t("rule.fractionBy", {
          by: table.by,
          values: fmt.list([
            ...Object.entries(table.values).map(([value, f]) => `${value} ${fmt.percent(f)}`),
            ...(table.default === undefined
              ? []
              : [tr.t("rule.fractionOtherwise", { fraction: fmt.percent(table.default) })]),
          ]),
        });
  return (
    <li id={`rule-${rule.id}`}>
      <strong>{rule.code}</strong>: {fmt.country(rule.jurisdiction)}, {schemeLabel(tr)(rule.scheme)},{" "}
      {payerLabel(tr, rule.payer)}
      {rule.status === "proposed" ? (
        <>
          {" "}
          <span class="proposed">({tr.t("rule.proposed")})</span>
        </>
      ) : null}
      <br />
      {inForce(props.view, rule.effective_from, rule.effective_to)}{" "}
      {tr.t("rule.detail", { period: tr.t(PERIOD_KEYS[rule.period]), fraction, rates })}
      {rule.applies_when ? (
        <>
          <br />
          {tr.t("rule.appliesWhen")} <code>{rule.applies_when}</code>
        </>
      ) : null}
      <br />
      {tr.t("rule.counts", {
        components: fmt.list(rule.base_components.map((c) => tr.t(`component.${c}`))),
        assessment: tr.t(`assessment.${rule.assessment}`),
      })}
      <br />
      <Source view={props.view} source={rule.source} />
      {rule.note ? (
        <details class="muted">
          <summary>{tr.t("rule.notes")}</summary>
          <p lang="en">{rule.note}</p>
        </details>
      ) : null}
    </li>
  );
}

/** Issue 16's sections (src/pages/worker-voice.tsx): the voice read for the page, whether the link is one platform's, and a dispute just filed. */
export interface VoiceProps {
  voice: WorkerVoice;
  scoped: boolean;
  filed?: number;
}

function RecordPage(props: {
  record: WorkerRecord;
  receipts: readonly ReceiptLink[];
  expiresAt: Date;
  token: string;
  view: View;
  voice?: VoiceProps;
}) {
  const { record, view } = props;
  const { tr, fmt } = view;
  const platforms =
    record.platforms.length === 0 ? tr.t("page.noPlatform") : fmt.list(record.platforms.map((p) => p.name));
  const label = schemeLabel(tr);
  return (
    <Layout locale={tr.locale} title={tr.t("page.title")}>
      <header>
        <LanguageSwitch tr={tr} />
        <h1>{tr.t("page.title")}</h1>
        <p>{tr.t("page.intro", { platforms })}</p>
        <p class="muted">{tr.t("link.expires", { date: fmt.dateTime(props.expiresAt) })}</p>
        <p class="downloads">
          {tr.t("download.label")}{" "}
          <a href={`${props.token}/record.csv`} download="contribution-record.csv" id="download-csv">
            {tr.t("download.csv")}
          </a>
          <a href={`${props.token}/record.json`} id="download-json">
            {tr.t("download.json")}
          </a>
        </p>
      </header>
      <main>
        <Totals view={view} record={record} />
        <ContributionCharts months={record.months} tr={tr} fmt={fmt} schemeLabel={label} />
        <Coverage view={view} record={record} />
        <Pay view={view} months={record.effective_pay} />
        {props.voice ? <VoiceSections tr={tr} fmt={fmt} token={props.token} {...props.voice} /> : null}
        <section aria-labelledby="months-h">
          <h2 id="months-h">{tr.t("months.heading")}</h2>
          {[...record.months].reverse().map((m) => (
            <MonthSection view={view} m={m} />
          ))}
        </section>
        <ReceiptList tr={tr} fmt={fmt} token={props.token} receipts={props.receipts} />
        <section aria-labelledby="rules-h">
          <h2 id="rules-h">{tr.t("rules.heading")}</h2>
          <p>{tr.t("rules.intro")}</p>
          <ul>
            {record.rules.map((rule) => (
              <RuleItem view={view} rule={rule} />
            ))}
          </ul>
        </section>
      </main>
      <footer>
        <p class="muted">{tr.t("footer.text")}</p>
      </footer>
    </Layout>
  );
}

const viewOf = (locale: Locale): View => ({ tr: translator(locale), fmt: formatters(locale) });

/** The whole worker page as an HTML document in `locale`; without `voice`, without the sections of issue 16. */
export async function workerPageHtml(props: {
  record: WorkerRecord;
  receipts: readonly ReceiptLink[];
  expiresAt: Date;
  token: string;
  locale: Locale;
  voice?: VoiceProps;
}): Promise<string> {
  return String(
    await html`<!doctype html>${<RecordPage record={props.record} receipts={props.receipts} expiresAt={props.expiresAt} token={props.token} view={viewOf(props.locale)} voice={props.voice} />}`,
  );
}

/** The page shown when the dispute form was refused: the failing fields and a link back to `back`. */
export async function disputeErrorsHtml(
  errors: readonly { path: string; message: string }[],
  locale: Locale,
  back: string,
): Promise<string> {
  const { tr, fmt } = viewOf(locale);
  return String(
    await html`<!doctype html>${(
      <Layout locale={locale} title={tr.t("voice.form.errors")}>
        <DisputeErrors tr={tr} fmt={fmt} errors={errors} back={back} />
      </Layout>
    )}`,
  );
}

const FAILURE_TEXT: Record<AccessFailure, { title: MessageKey; text: MessageKey }> = {
  expired: { title: "problem.expired.title", text: "problem.expired.text" },
  "bad-signature": { title: "problem.invalid.title", text: "problem.invalid.text" },
  malformed: { title: "problem.invalid.title", text: "problem.invalid.text" },
  "wrong-purpose": { title: "problem.wrongPurpose.title", text: "problem.wrongPurpose.text" },
};

/** The HTML document shown instead of the record when a link is refused, in `locale`. */
export async function linkProblemHtml(reason: AccessFailure, locale: Locale): Promise<string> {
  const { tr } = viewOf(locale);
  const title = tr.t(FAILURE_TEXT[reason].title);
  return String(
    await html`<!doctype html>${(
      <Layout locale={locale} title={title}>
        <main>
          <h1>{title}</h1>
          <p>{tr.t(FAILURE_TEXT[reason].text)}</p>
        </main>
      </Layout>
    )}`,
  );
}
