/**
 * The worker page's receipts section (Hono JSX, no JavaScript): the latest payouts and reversals of the
 * record (src/receipts/receipt-store.ts `latestReceiptLinks`, newest first), each linking to its signed
 * receipt at `<token>/receipts/<platform>/<event id>` (relative to the page, like the downloads), and a
 * link to the verification page (/verify, in the page's language). Absent when there is no event.
 */
import type { Formatters } from "../i18n/format.js";
import type { Translator } from "../i18n/translate.js";
import { RECEIPTS_ON_PAGE, type ReceiptLink } from "../receipts/receipt-store.js";

export function ReceiptList(props: {
  tr: Translator;
  fmt: Formatters;
  token: string;
  receipts: readonly ReceiptLink[];
}) {
  const { tr, fmt, token, receipts } = props;
  if (receipts.length === 0) return null;
  return (
    <section aria-labelledby="receipts-h" id="receipts">
      <h2 id="receipts-h">{tr.t("receipts.heading")}</h2>
      <p>
        {tr.rich("receipts.intro", {
          check: <a href={`../verify?lang=${tr.locale}`}>{tr.t("receipts.check")}</a>,
        })}
      </p>
      {receipts.length >= RECEIPTS_ON_PAGE ? (
        <p class="muted">{tr.t("receipts.latest", { count: String(RECEIPTS_ON_PAGE) })}</p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{tr.t("receipts.date")}</th>
            <th scope="col">{tr.t("receipts.event")}</th>
            <th scope="col" class="num">
              {tr.t("receipts.amount")}
            </th>
            <th scope="col">{tr.t("receipts.receipt")}</th>
          </tr>
        </thead>
        <tbody>
          {receipts.map((r) => (
            <tr>
              <td>{fmt.day(r.date)}</td>
              <td style="overflow-wrap:anywhere">
                <code>{r.eventId}</code>
                <br />
                <span class="muted">
                  {r.platform}
                  {r.type === "reversal" ? `, ${tr.t("receipts.reversal")}` : ""}
                </span>
              </td>
              <td class="num">
                <data value={r.type === "reversal" ? `-${r.amount}` : r.amount} data-currency={r.currency}>
                  {fmt.money(r.type === "reversal" ? `-${r.amount}` : r.amount, r.currency)}
                </data>
              </td>
              <td>
                <a
                  href={`${token}/receipts/${encodeURIComponent(r.platform)}/${encodeURIComponent(r.eventId)}`}
                  class="receipt-link"
                >
                  {tr.t("receipts.link")}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
