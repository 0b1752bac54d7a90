/**
 * English texts of the worker page: the reference set. `fr.ts` and `es.ts` must have exactly these keys
 * (typed as `Messages`, and checked by tests/workers-i18n.test.ts) with the same `{placeholders}`.
 * Keys ending in `.one` / `.other` are plural forms picked with Intl.PluralRules (`{count}` is the number).
 */
export const en = {
  "page.title": "Your contribution record",
  "page.intro": "Social protection contributions recorded for the payouts you received through {platforms}.",
  "page.noPlatform": "the platforms",
  "lang.nav": "Language",
  "link.expires":
    "This private link works until {date} (UTC). Do not share it: anyone with the link can see this page.",
  "download.label": "Download your complete record at any time:",
  "download.csv": "spreadsheet (CSV)",
  "download.json": "data file (JSON)",

  "totals.heading": "Totals to date",
  "totals.payouts": "Payouts received",
  "totals.reversals": "Payouts taken back",
  "totals.withheld": "Withheld from you",
  "totals.paidByPlatform": "Paid by the platforms",
  "totals.none": "none",
  "totals.noContributions": "No contributions have been recorded yet.",
  "totals.payers":
    "“Withheld from you” is your share, deducted from your payouts. “Paid by the platforms” is the share of each platform that paid you, paid on top of your pay.",
  "totals.byScheme": "By scheme",
  "count.payouts.one": "{count} payout",
  "count.payouts.other": "{count} payouts",

  "table.country": "Country",
  "table.scheme": "Scheme",
  "table.whoPays": "Who pays",
  "table.total": "Total",
  "table.base": "Base",
  "table.contribution": "Contribution",
  "payer.worker": "withheld from you",
  "payer.platform": "paid by the platform",
  "scheme.pension": "pension",
  "scheme.health": "health",
  "scheme.social_security": "social security",
  "scheme.employment_injury": "employment injury",
  "scheme.welfare": "welfare fund",
  "scheme.unemployment": "unemployment",

  "chart.heading": "Contributions per month",
  "chart.title": "Contributions per month and scheme, in {currency}",
  "chart.desc":
    "Bar chart of the contributions recorded each month, both shares together, one colour per scheme. The highest month is {max}. The same figures are listed month by month below.",
  "chart.legend": "Schemes",

  "coverage.heading": "Coverage",
  "coverage.honest":
    "This page shows the contributions recorded for you. It does not say whether you are insured: each scheme decides that by its own conditions, such as a minimum amount of contributions or earnings in a month. Where this ledger holds a scheme's monthly condition, each month below says whether it counts and what is missing; elsewhere it says “not assessed yet”.",
  "coverage.monthsWith": "Months with contributions",
  "coverage.line": "{country}, {scheme}: {months}",
  "coverage.none": "No month with contributions yet.",
  "coverage.month": "Coverage this month",
  "coverage.not_assessed": "{scheme}: {amount} recorded. Whether this month counts is not assessed yet.",
  "coverage.counts": "{scheme}: {amount} recorded. This month counts.",
  "coverage.does_not_count":
    "{scheme}: {amount} recorded. This month does not count yet: {missing} more is needed.",

  "pay.heading": "Pay per hour",
  "pay.intro":
    "Where the platform reported how long each task took: what you were paid per hour of task time. Time spent finding tasks, waiting or on unpaid work is not counted, so your pay per hour actually worked is lower.",
  "pay.line": "{month}: {earnings} for {time} of tasks ({payouts}), so {hourly} per hour.",
  "pay.below": "That is less than the minimum wage of {minimum} per hour ({name}).",
  "pay.atOrAbove": "That is at least the minimum wage of {minimum} per hour ({name}).",
  "pay.noMinimum":
    "No national hourly minimum wage is recorded for {country}, so there is nothing to compare with.",
  "pay.noRate":
    "The minimum wage ({name}) is {minimum} per hour; no exchange rate was found for these dates, so the two are not compared.",
  "pay.converted":
    "Payouts in {currencies} were converted to {currency} at the European Central Bank reference rate of each payout's day.",
  "pay.reversals.one": "{count} payout taken back is subtracted.",
  "pay.reversals.other": "{count} payouts taken back are subtracted.",
  "pay.withoutDuration.one": "{count} payout this month has no task duration and is not counted.",
  "pay.withoutDuration.other": "{count} payouts this month have no task duration and are not counted.",
  "pay.none": "None of your payouts carries a task duration, so pay per hour cannot be shown.",
  "pay.wagesHeading": "Minimum wages used",
  "pay.wage": "{name} ({country}): {minimum} per hour.",
  "pay.notes": "Notes on this minimum wage",
  "pay.caveat":
    "Minimum wage laws mostly protect employees; whether one applies to your work is a legal question this page does not answer. The comparison is a guide.",

  "months.heading": "Month by month",
  "month.payouts": "Payouts: {list}.",
  "month.reversed": "Taken back: {list}.",
  "month.noRule": "No contribution rule applied to these payouts.",
  "month.totals": "This month: withheld from you {withheld}; paid by the platforms {paid}.",
  "month.platforms": "Platforms",

  "rules.heading": "Rules applied",
  "rules.intro":
    "Each contribution above was computed with one of these rules, as published with its legal source.",
  "rule.proposed": "proposed, not law yet",
  "rule.inForce": "In force from {from}.",
  "rule.inForceUntil": "In force from {from} until {to} (not included).",
  "rule.detail": "Counted per {period}; base: {fraction} of each payout; rates: {rates}.",
  "rule.rateFrom": "{rate} from {threshold}",
  "why.age": "age {age}",
  "why.fact": "{name} {value}",
  "why.fraction": "{name} {value}: {percent}% of the pay counts",
  "why.fractionDefault": "no {name} given: {percent}% of the pay counts",
  "why.excluded": "{component} not counted",
  "contributions.why": "Why:",
  "rule.amountFrom": "{amount} once above {threshold}, then {rate}",
  "rule.fractionBy": "by {by}: {values}",
  "rule.fractionOtherwise": "otherwise {fraction}",
  "rule.appliesWhen": "Applies when:",
  "rule.counts": "Counts {components}; {assessment}.",
  "component.earnings": "earnings",
  "component.tip": "tips",
  "component.incentive": "incentives",
  "component.reimbursement": "reimbursements",
  "assessment.person": "your pay from every platform is added up",
  "assessment.platform": "each platform's pay is assessed on its own",
  "rule.source": "Source: {source}",
  "rule.retrieved": "retrieved {date}",
  "rule.notes": "Notes on this rule",
  "period.month": "month",
  "period.year": "year",
  "period.tax_year": "tax year",
  "period.transaction": "payout",

  "footer.text":
    "Amounts are rounded to the cent; every total is the exact sum of the rows it covers. Dates are local to the country of each rule.",

  "receipts.heading": "Receipts",
  "receipts.intro":
    "The ledger signs a receipt for every payout: keep it as proof of what was recorded for you. {check}",
  "receipts.check": "Check a receipt",
  "receipts.latest":
    "The latest {count} are listed; each older receipt can be fetched the same way by its event id.",
  "receipts.date": "Date",
  "receipts.event": "Payout",
  "receipts.amount": "Amount",
  "receipts.receipt": "Receipt",
  "receipts.link": "receipt (JSON)",
  "receipts.reversal": "taken back",
  "verify.title": "Check a signed receipt",
  "verify.intro":
    "Paste a receipt, or a monthly report's signature, below. The check runs in your browser with the ledger's public keys; nothing you paste is sent anywhere.",
  "verify.document": "Receipt or signature (JSON)",
  "verify.report": "Report file (CSV) to check against a report signature (optional)",
  "verify.keys": "Public keys (JWKS, optional; empty: the keys this service publishes)",
  "verify.button": "Check",
  "verify.noscript":
    "This check needs JavaScript. Without it, use the command line: npm run verify-receipt -- receipt.json --keys keys.json",
  "verify.ok.receipt": "Valid: signed by key {kid}. Event {event} of {platform}, ledger sequence {seq}.",
  "verify.ok.sealed": "It is sealed in the hash chain (link {hash}).",
  "verify.ok.unsealed":
    "It was not yet sealed in the hash chain when issued; fetch the receipt again later to see its chain position.",
  "verify.ok.report": "Valid: the closed report {jurisdiction} {period}, signed by key {kid}.",
  "verify.ok.file": "The report file matches the signed checksum.",
  "verify.bad.file": "Not valid: the report file does not match the signed checksums.",
  "verify.bad.json": "Not valid: this is not JSON.",
  "verify.bad.shape": "Not valid: this is not a signed receipt or report signature.",
  "verify.bad.key": "Not valid: no published key has the id {kid}.",
  "verify.bad.signature":
    "Not valid: the signature does not match: the content was changed, or it was not signed by this ledger.",
  "verify.bad.copy": "Not valid: the readable copy differs from the signed content: it was edited.",
  "verify.bad.keys": "The public keys could not be read.",
  "verify.bad.unsupported": "This browser cannot check Ed25519 signatures; use the command line tool.",

  "problem.expired.title": "This link has expired",
  "problem.expired.text":
    "Links to your record work for a limited time. Ask the platform that pays you, or your social security agency, for a new link.",
  "problem.invalid.title": "This link is not valid",
  "problem.invalid.text":
    "The link was changed or copied incompletely. Open the link exactly as you received it, or ask for a new one.",
  "problem.wrongPurpose.title": "This link is not valid here",
  "problem.wrongPurpose.text":
    "The link was made for something else. Ask the platform that pays you, or your social security agency, for a link to your record.",

  "voice.reversals.heading": "Payouts taken back, and why",
  "voice.reversals.intro":
    "Each payout a platform took back, with the reason it gave. If a reason seems wrong, you can dispute it below.",
  "voice.reversals.none": "No payout has been taken back.",
  "voice.reversals.item": "{date}, {platform}: {amount} taken back from payout {payout}.",
  "voice.reversals.reason": "Reason given:",
  "voice.reversals.note": "The platform's note:",
  "reason.rejected-work.label": "the work was rejected",
  "reason.refund.label": "the customer was refunded",
  "reason.chargeback.label": "the customer's bank reversed the payment",
  "reason.platform-error.label": "a mistake by the platform",
  "reason.other.label": "another reason",
  "reason.unspecified.label": "no reason given",
  "voice.disputes.heading": "Disputes",
  "voice.disputes.intro":
    "If a payout is wrong or missing, tell the platform here. It must answer, either with a correction (a new payout or a reversal it records) or with an explanation. Filing a dispute changes nothing in your record by itself.",
  "voice.disputes.none": "You have not filed any dispute.",
  "voice.disputes.filed": "Your dispute number {id} has been sent to the platform.",
  "voice.disputes.wrong": "Dispute {id}: payout {payout} from {platform} is wrong.",
  "voice.disputes.missing": "Dispute {id}: a payout of {amount} on {date} from {platform} is missing.",
  "voice.disputes.filedOn": "Filed on {date}.",
  "voice.disputes.yourNote": "Your note:",
  "voice.state.open": "Open: waiting for the platform's answer.",
  "voice.state.corrected": "Corrected: the platform recorded event {event}.",
  "voice.state.explained": "Explained by the platform:",
  "voice.disputes.answeredOn": "Answered on {date}.",
  "voice.form.heading": "File a dispute",
  "voice.form.kind": "What is wrong?",
  "voice.form.kindWrong": "A payout is wrong",
  "voice.form.kindMissing": "A payout is missing",
  "voice.form.payout": "The wrong payout",
  "voice.form.payoutNone": "(choose a payout)",
  "voice.form.payoutHint":
    "Your latest payouts are listed. For an older one, choose “a payout is missing” or name it in your note.",
  "voice.form.platform": "The platform that should have paid",
  "voice.form.date": "Date of the missing payout",
  "voice.form.amount": "Amount of the missing payout",
  "voice.form.currency": "Currency (for example EUR or USD)",
  "voice.form.note": "What happened (at most 1,000 characters)",
  "voice.form.submit": "Send to the platform",
  "voice.form.errors": "Your dispute was not sent. Please check these fields:",
  "voice.form.back": "Back to your record",
} as const;

/** Every message key (the English set is the reference). */
export type MessageKey = keyof typeof en;
/** A language's texts: exactly the English keys. */
export type Messages = Readonly<Record<MessageKey, string>>;
