CREATE TABLE `agencies` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`jurisdictions` text NOT NULL,
	`api_key_hash` text NOT NULL,
	`api_key_prefix` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_api_key_hash_unique` ON `agencies` (`api_key_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contribution_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`scheme` text NOT NULL,
	`payer` text NOT NULL,
	`base_fraction` text NOT NULL,
	`brackets` text NOT NULL,
	`period` text NOT NULL,
	`tax_year_start` text,
	`currency` text NOT NULL,
	`rounding` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`status` text NOT NULL,
	`source_title` text NOT NULL,
	`source_url` text NOT NULL,
	`source_retrieved` text NOT NULL,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`jurisdiction`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contribution_rules_code_from` ON `contribution_rules` (`code`,`effective_from`);--> statement-breakpoint
CREATE INDEX `contribution_rules_jurisdiction` ON `contribution_rules` (`jurisdiction`);--> statement-breakpoint
CREATE TABLE `fx_rates` (
	`currency` text NOT NULL,
	`rate_date` text NOT NULL,
	`units_per_eur` text NOT NULL,
	PRIMARY KEY(`currency`, `rate_date`)
);
--> statement-breakpoint
CREATE TABLE `jurisdictions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`currency` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`platform_id` integer NOT NULL,
	`event_id` text NOT NULL,
	`rule_id` integer NOT NULL,
	`rule_code` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`scheme` text NOT NULL,
	`payer` text NOT NULL,
	`subject_key` text NOT NULL,
	`period_key` text NOT NULL,
	`month` text NOT NULL,
	`accrual_key` text NOT NULL,
	`seq` integer NOT NULL,
	`base_delta` text NOT NULL,
	`base_to_date` text NOT NULL,
	`exact_to_date` text NOT NULL,
	`rounded_to_date_minor` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`fx_rate` text,
	`fx_source` text,
	FOREIGN KEY (`rule_id`) REFERENCES `contribution_rules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_accrual_seq` ON `ledger_entries` (`subject_key`,`rule_code`,`accrual_key`,`seq`);--> statement-breakpoint
CREATE INDEX `ledger_entries_event` ON `ledger_entries` (`platform_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `ledger_entries_report` ON `ledger_entries` (`jurisdiction`,`month`);--> statement-breakpoint
CREATE TABLE `ledger_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`platform_id` integer NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`content_hash` text NOT NULL,
	`occurred_at` text NOT NULL,
	`local_date` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`worker_ref` text NOT NULL,
	`subject_key` text NOT NULL,
	`national_id_hash` text,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`reverses_event_id` text,
	`reversal_no` integer,
	`task_id` text,
	`task_type` text,
	`task_duration_s` integer,
	`received_at` text NOT NULL,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_events_idempotency` ON `ledger_events` (`platform_id`,`event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_events_reversal_no` ON `ledger_events` (`platform_id`,`reverses_event_id`,`reversal_no`);--> statement-breakpoint
CREATE INDEX `ledger_events_subject` ON `ledger_events` (`subject_key`,`local_date`);--> statement-breakpoint
CREATE INDEX `ledger_events_platform_worker` ON `ledger_events` (`platform_id`,`worker_ref`);--> statement-breakpoint
CREATE TABLE `ledger_seals` (
	`event_seq` integer PRIMARY KEY NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_seals_hash_unique` ON `ledger_seals` (`hash`);--> statement-breakpoint
CREATE TABLE `platforms` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`webhook_secret_ciphertext` text NOT NULL,
	`api_key_hash` text NOT NULL,
	`api_key_prefix` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `platforms_slug_unique` ON `platforms` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `platforms_api_key_hash_unique` ON `platforms` (`api_key_hash`);