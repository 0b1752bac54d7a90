/**
 * Drizzle schema: one schema for the embedded libSQL file, a remote libSQL server and Cloudflare D1.
 *
 * Money columns carry their unit: `*_minor` are integers in the minor unit of the row's ISO 4217
 * `currency`; unrounded values (bases, exact totals, exchange rates) are decimal strings.
 * Ledger tables (`ledger_events`, `ledger_entries`, `ledger_seals`, `audit_log`) are append-only:
 * nothing in the code updates or deletes their rows.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

/** A jurisdiction: ISO 3166-1 alpha-2 code, the IANA zone its periods follow, its currency. */
export const jurisdictions = sqliteTable("jurisdictions", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  timezone: text("timezone").notNull(),
  /** Main currency, informational (each rule names its own); null when not given. */
  currency: text("currency"),
  createdAt: createdAt(),
});

/** Dated versions of contribution rules (docs/design.md §3); `code` is shared by the versions of one rule. */
export const contributionRules = sqliteTable(
  "contribution_rules",
  {
    id: integer("id").primaryKey(),
    code: text("code").notNull(),
    jurisdiction: text("jurisdiction")
      .notNull()
      .references(() => jurisdictions.code),
    scheme: text("scheme").notNull(),
    payer: text("payer", { enum: ["worker", "platform"] }).notNull(),
    /** A decimal string, or the JSON text of a table {by, values, default?} keyed by a task attribute. */
    baseFraction: text("base_fraction").notNull(),
    /** JSON array of the component types that form the base (src/domain/components.ts). */
    baseComponents: text("base_components").notNull().default('["earnings","tip","incentive"]'),
    /** "person" or "platform" (src/domain/contributions.ts Assessment). */
    assessment: text("assessment", { enum: ["person", "platform"] })
      .notNull()
      .default("person"),
    /** CEL condition (src/domain/conditions.ts); null applies to every payout of the jurisdiction. */
    appliesWhen: text("applies_when"),
    /** JSON array of {threshold, rate, amount?} decimal strings. */
    brackets: text("brackets").notNull(),
    period: text("period", { enum: ["transaction", "month", "year", "tax_year"] }).notNull(),
    taxYearStart: text("tax_year_start"),
    currency: text("currency").notNull(),
    rounding: text("rounding", { enum: ["half_up", "half_even", "down", "up"] }).notNull(),
    effectiveFrom: text("effective_from").notNull(),
    effectiveTo: text("effective_to"),
    status: text("status", { enum: ["enacted", "proposed"] }).notNull(),
    sourceTitle: text("source_title").notNull(),
    sourceUrl: text("source_url").notNull(),
    sourceRetrieved: text("source_retrieved").notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("contribution_rules_code_from").on(t.code, t.effectiveFrom),
    index("contribution_rules_jurisdiction").on(t.jurisdiction),
  ],
);

/** ECB euro reference rates: units of `currency` per 1 EUR on `rate_date`. */
export const fxRates = sqliteTable(
  "fx_rates",
  {
    currency: text("currency").notNull(),
    rateDate: text("rate_date").notNull(),
    unitsPerEur: text("units_per_eur").notNull(),
  },
  (t) => [primaryKey({ columns: [t.currency, t.rateDate] })],
);

/**
 * Platforms that send payouts. Webhook secrets are stored encrypted (AES-GCM, src/security/secret-box.ts);
 * the API key only as a hash. After a rotation the previous secret stays valid until
 * `previous_webhook_secret_expires_at` (RFC 3339 UTC); a revoked key has `api_key_revoked_at`.
 * A suspended platform (operator action, src/accounts/platforms.ts) has `suspended_at` (RFC 3339 UTC): its
 * webhooks and reads get 403 until it is reinstated (null again).
 */
export const platforms = sqliteTable("platforms", {
  id: integer("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  webhookSecretCiphertext: text("webhook_secret_ciphertext").notNull(),
  apiKeyHash: text("api_key_hash").notNull().unique(),
  apiKeyPrefix: text("api_key_prefix").notNull(),
  createdAt: createdAt(),
  previousWebhookSecretCiphertext: text("previous_webhook_secret_ciphertext"),
  previousWebhookSecretExpiresAt: text("previous_webhook_secret_expires_at"),
  apiKeyRevokedAt: text("api_key_revoked_at"),
  suspendedAt: text("suspended_at"),
});

/** Social security agencies; `jurisdictions` is a JSON array of codes the agency may read; a revoked key has `api_key_revoked_at`. */
export const agencies = sqliteTable("agencies", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  jurisdictions: text("jurisdictions").notNull(),
  apiKeyHash: text("api_key_hash").notNull().unique(),
  apiKeyPrefix: text("api_key_prefix").notNull(),
  createdAt: createdAt(),
  apiKeyRevokedAt: text("api_key_revoked_at"),
});

/**
 * One row per accepted payout or reversal; `id` is the ledger sequence (commit order).
 * (platform_id, event_id) is the idempotency key; `content_hash` tells a redelivery from a conflict.
 * `subject_key` identifies the worker across platforms: "nid:<keyed hash of the national id>" when the
 * platform sent one, else "p<platform id>:<worker ref>".
 */
export const ledgerEvents = sqliteTable(
  "ledger_events",
  {
    id: integer("id").primaryKey(),
    platformId: integer("platform_id")
      .notNull()
      .references(() => platforms.id),
    eventId: text("event_id").notNull(),
    type: text("type", { enum: ["payout", "reversal"] }).notNull(),
    contentHash: text("content_hash").notNull(),
    occurredAt: text("occurred_at").notNull(),
    localDate: text("local_date").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
    workerRef: text("worker_ref").notNull(),
    subjectKey: text("subject_key").notNull(),
    nationalIdHash: text("national_id_hash"),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    reversesEventId: text("reverses_event_id"),
    /** 1 for the first reversal of a payout, 2 for the second...: unique, so concurrent reversals cannot both pass the remaining-amount check. */
    reversalNo: integer("reversal_no"),
    taskId: text("task_id"),
    taskType: text("task_type"),
    taskDurationS: integer("task_duration_s"),
    /** JSON object of the task's attributes (strings), null when none were sent. */
    taskAttributes: text("task_attributes"),
    /**
     * JSON object of the pay components in minor units of `currency` ({"earnings": 46000, "tip": 2500});
     * null means all earnings. A reversal's are the components it reversed.
     */
    components: text("components"),
    receivedAt: text("received_at").notNull(),
    /** A reversal's reason as the platform sent it (src/domain/reversal-reasons.ts); null: unspecified (and for payouts). */
    reversalReason: text("reversal_reason", {
      enum: ["rejected-work", "refund", "chargeback", "platform-error", "other"],
    }),
    /** The platform's free-text note on a reversal's reason (at most 500 characters), null when none. */
    reversalNote: text("reversal_note"),
    /** The worker's contractual status as the platform sent it with the event ("employee", "self-employed"); null: not sent. */
    workerStatus: text("worker_status", { enum: ["employee", "self-employed"] }),
  },
  (t) => [
    uniqueIndex("ledger_events_idempotency").on(t.platformId, t.eventId),
    uniqueIndex("ledger_events_reversal_no").on(t.platformId, t.reversesEventId, t.reversalNo),
    index("ledger_events_subject").on(t.subjectKey, t.localDate),
    index("ledger_events_platform_worker").on(t.platformId, t.workerRef),
    index("ledger_events_jurisdiction_day").on(t.jurisdiction, t.localDate),
  ],
);

/**
 * Contribution entries: one per event and applied rule. Each row carries the running totals of its
 * accrual (subject, rule code, accrual key) after it; (subject, rule code, accrual key, seq) is unique,
 * which is the optimistic-concurrency guard: two writers that read the same running total cannot both commit.
 */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey(),
    platformId: integer("platform_id").notNull(),
    eventId: text("event_id").notNull(),
    ruleId: integer("rule_id")
      .notNull()
      .references(() => contributionRules.id),
    ruleCode: text("rule_code").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
    scheme: text("scheme").notNull(),
    payer: text("payer", { enum: ["worker", "platform"] }).notNull(),
    subjectKey: text("subject_key").notNull(),
    /** Contribution period as reported: "2026-03", "2026", "2026/27". */
    periodKey: text("period_key").notNull(),
    /** Local month (YYYY-MM) of the payout the entry belongs to (a reversal's is its payout's). */
    month: text("month").notNull(),
    /** The running-total key: the period key, or for per-transaction rules the period key and payout. */
    accrualKey: text("accrual_key").notNull(),
    seq: integer("seq").notNull(),
    /** Change of the contribution base (after base fraction), rule currency, decimal string. */
    baseDelta: text("base_delta").notNull(),
    baseToDate: text("base_to_date").notNull(),
    exactToDate: text("exact_to_date").notNull(),
    roundedToDateMinor: integer("rounded_to_date_minor").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    fxRate: text("fx_rate"),
    fxSource: text("fx_source"),
    /** The base fraction applied (decimal string); a reversal applies its payout's. Null on entries written before rules v2: their rule's single fraction. */
    baseFraction: text("base_fraction"),
    /**
     * Why the rule applied as it did, as JSON facts for the worker page and reports
     * (src/domain/explanation.ts): the age and attributes its condition read, the fraction's attribute,
     * the pay components left out of the base. Never the birth date itself. Null for reversals.
     */
    basis: text("basis"),
    /**
     * Copies of the event's `worker_ref` and `type` (ledger_events), so the agency report reads its rows
     * from one covering index (ledger_entries_month) without a join per entry. Written with the entry;
     * entries written before they existed were filled by migration 0009. Empty only for rows written by
     * hand outside the ledger code.
     */
    workerRef: text("worker_ref").notNull().default(""),
    eventType: text("event_type").notNull().default(""),
  },
  (t) => [
    uniqueIndex("ledger_entries_accrual_seq").on(t.subjectKey, t.ruleCode, t.accrualKey, t.seq),
    index("ledger_entries_event").on(t.platformId, t.eventId),
    /** Per (jurisdiction, month) in entry order (the rowid follows): the corrections section's id ranges. */
    index("ledger_entries_report").on(t.jurisdiction, t.month),
    /**
     * The agency report's rows (src/agency-reports/report-rows.ts): a covering index in row order,
     * holding per entry everything a row needs but its carried totals (read from one entry per row).
     */
    index("ledger_entries_month").on(
      t.jurisdiction,
      t.month,
      t.subjectKey,
      t.platformId,
      t.ruleCode,
      t.periodKey,
      t.workerRef,
      t.accrualKey,
      t.seq,
      t.eventType,
      t.ruleId,
      t.basis,
    ),
  ],
);

/** Hash chain over ledger events in sequence order, written by the sealer after ingestion (docs/design.md §4.5). */
export const ledgerSeals = sqliteTable("ledger_seals", {
  eventSeq: integer("event_seq").primaryKey(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull().unique(),
});

/**
 * Control plane, sharded deployments only (src/db/shards.ts, src/ledger/shard-router.ts): which
 * jurisdiction (ISO 3166-1 alpha-2, the event's worker country) each (platform_id, event_id) was first
 * delivered for, so the same event id sent again with another country is a conflict, not a second
 * record on another shard. Append-only; written (INSERT OR IGNORE, then read back) before the shard
 * write; empty with one shard. No foreign key: platforms live in the same database, events elsewhere.
 */
export const ledgerEventClaims = sqliteTable(
  "ledger_event_claims",
  {
    platformId: integer("platform_id").notNull(),
    eventId: text("event_id").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.eventId] })],
);

/** Who did what and when, for every admin and agency action (src/accounts/audit.ts); written in the same batch as the change. */
export const auditLog = sqliteTable("audit_log", {
  id: integer("id").primaryKey(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  target: text("target").notNull(),
  at: text("at").notNull(),
});

/**
 * Dated statutory minimum wages per jurisdiction (src/db/seed/minimum-wages.ts), read by the effective-pay
 * comparison (src/worker-record/effective-pay.ts). Dated like rules: `effective_from` inclusive, `effective_to`
 * exclusive (null = open), both local dates in the jurisdiction's zone; the version with the latest
 * `effective_from` on or before a day is the one in force. `hourly_rate` is a decimal string in `currency`
 * per hour (a monthly figure is stored as the hourly value its own law derives from it, said in `note`).
 */
export const minimumWages = sqliteTable(
  "minimum_wages",
  {
    id: integer("id").primaryKey(),
    jurisdiction: text("jurisdiction")
      .notNull()
      .references(() => jurisdictions.code),
    /** The wage's own name, e.g. "National Living Wage (21 and over)". */
    name: text("name").notNull(),
    hourlyRate: text("hourly_rate").notNull(),
    currency: text("currency").notNull(),
    effectiveFrom: text("effective_from").notNull(),
    effectiveTo: text("effective_to"),
    sourceTitle: text("source_title").notNull(),
    sourceUrl: text("source_url").notNull(),
    sourceRetrieved: text("source_retrieved").notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("minimum_wages_jurisdiction_from").on(t.jurisdiction, t.effectiveFrom)],
);

/**
 * Closed monthly periods per jurisdiction (src/agency-reports/period-close.ts), append-only: one row per
 * (jurisdiction, period "YYYY-MM"), never updated. The period's report is computed only over events with
 * ledger sequence ≤ `chain_head_seq` (whose seal hash is `chain_head_hash`), so it stays byte-identical
 * forever; events that arrive later for the period are corrections. `checksum` is the SHA-256 (hex) of the
 * canonical CSV of the closed report's rows, `row_count` their number; `fair_pay` the JSON of the workers
 * under the minimum wage count frozen at close (src/worker-record/effective-pay.ts). `forced_reason` is set when
 * an admin closed before the grace date; `closed_by` is the audit actor ("admin", "cron"). `csv_format` is
 * the CSV format its checksum was taken over (src/domain/csv-cells.ts): 1 for closes made before formula
 * neutralisation, 2 since; a closed report is always rendered in its own format, so its bytes never change.
 */
export const periodCloses = sqliteTable(
  "period_closes",
  {
    id: integer("id").primaryKey(),
    jurisdiction: text("jurisdiction")
      .notNull()
      .references(() => jurisdictions.code),
    period: text("period").notNull(),
    closedAt: text("closed_at").notNull(),
    chainHeadSeq: integer("chain_head_seq").notNull(),
    chainHeadHash: text("chain_head_hash").notNull(),
    checksum: text("checksum").notNull(),
    rowCount: integer("row_count").notNull(),
    fairPay: text("fair_pay").notNull(),
    closedBy: text("closed_by").notNull(),
    forcedReason: text("forced_reason"),
    csvFormat: integer("csv_format").notNull().default(1),
  },
  (t) => [uniqueIndex("period_closes_jurisdiction_period").on(t.jurisdiction, t.period)],
);

/**
 * Disputes filed by workers from their page (src/disputes/), append-only: a row is never updated. `kind`
 * "wrong-payout" names a recorded payout (`event_id`, of `platform_id`); "missing-payout" gives the date
 * (`claimed_date`, YYYY-MM-DD), amount (`claimed_amount`, a decimal string in `claimed_currency`) the
 * worker says were due. `subject_key` is the link's subject, `jurisdiction` the worker's (from their
 * events), `note` the worker's text (at most 1,000 characters, stored as typed, escaped on output).
 * The state is derived from dispute_answers (open until the first answer).
 */
export const disputes = sqliteTable(
  "disputes",
  {
    id: integer("id").primaryKey(),
    platformId: integer("platform_id")
      .notNull()
      .references(() => platforms.id),
    subjectKey: text("subject_key").notNull(),
    workerRef: text("worker_ref").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
    kind: text("kind", { enum: ["wrong-payout", "missing-payout"] }).notNull(),
    eventId: text("event_id"),
    claimedDate: text("claimed_date"),
    claimedAmount: text("claimed_amount"),
    claimedCurrency: text("claimed_currency"),
    note: text("note").notNull(),
    filedAt: text("filed_at").notNull(),
  },
  (t) => [
    index("disputes_platform").on(t.platformId, t.id),
    index("disputes_subject").on(t.subjectKey),
    index("disputes_jurisdiction").on(t.jurisdiction, t.id),
  ],
);

/**
 * The platform's answers to disputes, append-only: `correction_event_id` names an event of the same
 * platform recorded through the webhook (a new payout or a reversal), or `explanation` says why nothing
 * changes (at most 2,000 characters). One dispute has at most one answer (unique), so a dispute is
 * "open" without a row and "corrected" or "explained" with one.
 */
export const disputeAnswers = sqliteTable("dispute_answers", {
  id: integer("id").primaryKey(),
  disputeId: integer("dispute_id")
    .notNull()
    .unique()
    .references(() => disputes.id),
  correctionEventId: text("correction_event_id"),
  explanation: text("explanation"),
  answeredAt: text("answered_at").notNull(),
});
