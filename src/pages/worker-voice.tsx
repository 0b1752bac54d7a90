/**
 * The worker page's sections on non-payment and disputes (issue 16), in the page's language: each payout
 * taken back with the platform's reason and note, the worker's disputes with their state and answer, and
 * the dispute form. The form is a plain HTML POST to `<token>/disputes` (no JavaScript; the server answers
 * with a redirect back to the page, src/routes/worker-disputes.ts). Every text a platform or the worker
 * typed (notes, explanations, ids) is escaped by Hono JSX. Element ids for tests and screen readers:
 * `reversals`, `reversal-<event id>`, `disputes`, `dispute-<id>`, `dispute-form`, `dispute-filed`.
 */
import type { ReversalReason } from "../domain/reversal-reasons.js";
import type { WorkerVoice } from "../disputes/worker-voice.js";
import type { Formatters } from "../i18n/format.js";
import type { MessageKey } from "../i18n/messages/en.js";
import type { Translator } from "../i18n/translate.js";
import { MAX_DISPUTE_NOTE_LENGTH } from "../schemas/dispute.js";

interface Props {
  tr: Translator;
  fmt: Formatters;
}

const reasonKey = (reason: ReversalReason | null): MessageKey => `reason.${reason ?? "unspecified"}.label`;

function Reversals(props: Props & { voice: WorkerVoice }) {
  const { tr, fmt, voice } = props;
  return (
    <section id="reversals" aria-labelledby="reversals-h">
      <h2 id="reversals-h">{tr.t("voice.reversals.heading")}</h2>
      <p>{tr.t("voice.reversals.intro")}</p>
      {voice.reversals.length === 0 ? (
        <p class="muted">{tr.t("voice.reversals.none")}</p>
      ) : (
        <ul>
          {voice.reversals.map((r) => (
            <li id={`reversal-${r.event_id}`}>
              {tr.rich("voice.reversals.item", {
                date: fmt.day(r.date),
                platform: r.platform_name,
                amount: <data value={r.amount}>{fmt.money(r.amount, r.currency)}</data>,
                payout: <code>{r.reverses}</code>,
              })}{" "}
              {tr.t("voice.reversals.reason")}{" "}
              <strong data-reason={r.reason ?? "unspecified"}>{tr.t(reasonKey(r.reason))}</strong>.
              {r.note ? (
                <>
                  <br />
                  <span class="muted">
                    {tr.t("voice.reversals.note")} <q>{r.note}</q>
                  </span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DisputeItem(props: Props & { d: WorkerVoice["disputes"][number] }) {
  const { tr, fmt, d } = props;
  // A wrong-payout dispute names its payout; a missing-payout one carries its claim.
  const claimed = d.kind === "wrong-payout" ? null : d.claimed;
  const title = claimed
    ? tr.rich("voice.disputes.missing", {
        id: String(d.id),
        amount: fmt.money(claimed.amount, claimed.currency),
        date: fmt.day(claimed.date),
        platform: d.platform_name,
      })
    : tr.rich("voice.disputes.wrong", {
        id: String(d.id),
        payout: <code>{d.event_id}</code>,
        platform: d.platform_name,
      });
  return (
    <li id={`dispute-${d.id}`} data-state={d.status}>
      <strong>{title}</strong> {tr.t("voice.disputes.filedOn", { date: fmt.dateTime(new Date(d.filed_at)) })}
      <br />
      <span class="muted">
        {tr.t("voice.disputes.yourNote")} <q>{d.note}</q>
      </span>
      <p class="state">
        {d.status === "open" ? tr.t("voice.state.open") : null}
        {d.status === "corrected" && d.answer
          ? tr.rich("voice.state.corrected", { event: <code>{d.answer.correction_event_id}</code> })
          : null}
        {d.status === "explained" && d.answer ? (
          <>
            {tr.t("voice.state.explained")} <q>{d.answer.explanation}</q>
          </>
        ) : null}
        {d.answer ? (
          <> {tr.t("voice.disputes.answeredOn", { date: fmt.dateTime(new Date(d.answer.answered_at)) })}</>
        ) : null}
      </p>
    </li>
  );
}

function DisputeForm(props: Props & { voice: WorkerVoice; action: string; scoped: boolean }) {
  const { tr, fmt, voice } = props;
  return (
    <form id="dispute-form" method="post" action={props.action}>
      <h3>{tr.t("voice.form.heading")}</h3>
      <fieldset>
        <legend>{tr.t("voice.form.kind")}</legend>
        <label>
          <input type="radio" name="kind" value="wrong-payout" checked /> {tr.t("voice.form.kindWrong")}
        </label>
        <br />
        <label>
          <input type="radio" name="kind" value="missing-payout" /> {tr.t("voice.form.kindMissing")}
        </label>
      </fieldset>
      <p>
        <label for="dispute-payout">{tr.t("voice.form.payout")}</label>
        <br />
        <select id="dispute-payout" name="payout" aria-describedby="dispute-payout-hint">
          <option value="">{tr.t("voice.form.payoutNone")}</option>
          {voice.payouts.map((p) => (
            <option value={p.value}>
              {fmt.day(p.date)}, {p.platform_name}, {fmt.money(p.amount, p.currency)} ({p.event_id})
            </option>
          ))}
        </select>
        <br />
        <span class="muted" id="dispute-payout-hint">
          {tr.t("voice.form.payoutHint")}
        </span>
      </p>
      {props.scoped ? null : (
        <p>
          <label for="dispute-platform">{tr.t("voice.form.platform")}</label>
          <br />
          <select id="dispute-platform" name="platform">
            {voice.platforms.map((p) => (
              <option value={String(p.id)}>{p.name}</option>
            ))}
          </select>
        </p>
      )}
      <p>
        <label for="dispute-date">{tr.t("voice.form.date")}</label>
        <br />
        <input id="dispute-date" name="date" type="date" />
      </p>
      <p>
        <label for="dispute-amount">{tr.t("voice.form.amount")}</label>
        <br />
        <input
          id="dispute-amount"
          name="amount"
          type="text"
          inputmode="decimal"
          maxlength={20}
          autocomplete="off"
        />
      </p>
      <p>
        <label for="dispute-currency">{tr.t("voice.form.currency")}</label>
        <br />
        <input id="dispute-currency" name="currency" type="text" maxlength={3} autocomplete="off" />
      </p>
      <p>
        <label for="dispute-note">{tr.t("voice.form.note")}</label>
        <br />
        <textarea
          id="dispute-note"
          name="note"
          rows={4}
          cols={40}
          maxlength={MAX_DISPUTE_NOTE_LENGTH}
          required
        ></textarea>
      </p>
      <input type="hidden" name="lang" value={tr.locale} />
      <p>
        <button type="submit" id="dispute-submit">
          {tr.t("voice.form.submit")}
        </button>
      </p>
    </form>
  );
}

/** Both sections: reversals with reasons, then disputes and the form. `filed`: the dispute just filed (the redirect's ?filed=). */
export function VoiceSections(
  props: Props & { voice: WorkerVoice; token: string; scoped: boolean; filed?: number },
) {
  const { tr, voice } = props;
  return (
    <>
      <Reversals {...props} />
      <section id="disputes" aria-labelledby="disputes-h">
        <h2 id="disputes-h">{tr.t("voice.disputes.heading")}</h2>
        {props.filed !== undefined ? (
          <p class="notice" id="dispute-filed" role="status">
            {tr.t("voice.disputes.filed", { id: String(props.filed) })}
          </p>
        ) : null}
        <p>{tr.t("voice.disputes.intro")}</p>
        {voice.disputes.length === 0 ? (
          <p class="muted">{tr.t("voice.disputes.none")}</p>
        ) : (
          <ul>
            {voice.disputes.map((d) => (
              <DisputeItem tr={props.tr} fmt={props.fmt} d={d} />
            ))}
          </ul>
        )}
        <DisputeForm
          tr={props.tr}
          fmt={props.fmt}
          voice={voice}
          action={`${props.token}/disputes?lang=${tr.locale}`}
          scoped={props.scoped}
        />
      </section>
    </>
  );
}

/** The page shown when a dispute form was refused (422): what to fix, and the way back. */
export function DisputeErrors(
  props: Props & { errors: readonly { path: string; message: string }[]; back: string },
) {
  const { tr } = props;
  return (
    <main>
      <h1>{tr.t("voice.form.errors")}</h1>
      <ul id="dispute-errors">
        {props.errors.map((e) => (
          <li>
            <code>{e.path}</code>: <span lang="en">{e.message}</span>
          </li>
        ))}
      </ul>
      <p>
        <a href={props.back}>{tr.t("voice.form.back")}</a>
      </p>
    </main>
  );
}
