ALTER TABLE `period_closes` ADD `csv_format` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `platforms` ADD `suspended_at` text;