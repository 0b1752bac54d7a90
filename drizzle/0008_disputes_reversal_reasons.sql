CREATE TABLE `dispute_answers` (
	`id` integer PRIMARY KEY NOT NULL,
	`dispute_id` integer NOT NULL,
	`correction_event_id` text,
	`explanation` text,
	`answered_at` text NOT NULL,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dispute_answers_dispute_id_unique` ON `dispute_answers` (`dispute_id`);--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` integer PRIMARY KEY NOT NULL,
	`platform_id` integer NOT NULL,
	`subject_key` text NOT NULL,
	`worker_ref` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`kind` text NOT NULL,
	`event_id` text,
	`claimed_date` text,
	`claimed_amount` text,
	`claimed_currency` text,
	`note` text NOT NULL,
	`filed_at` text NOT NULL,
	FOREIGN KEY (`platform_id`) REFERENCES `platforms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disputes_platform` ON `disputes` (`platform_id`,`id`);--> statement-breakpoint
CREATE INDEX `disputes_subject` ON `disputes` (`subject_key`);--> statement-breakpoint
CREATE INDEX `disputes_jurisdiction` ON `disputes` (`jurisdiction`,`id`);--> statement-breakpoint
ALTER TABLE `ledger_events` ADD `reversal_reason` text;--> statement-breakpoint
ALTER TABLE `ledger_events` ADD `reversal_note` text;--> statement-breakpoint
ALTER TABLE `ledger_events` ADD `worker_status` text;