CREATE TABLE `minimum_wages` (
	`id` integer PRIMARY KEY NOT NULL,
	`jurisdiction` text NOT NULL,
	`name` text NOT NULL,
	`hourly_rate` text NOT NULL,
	`currency` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`source_title` text NOT NULL,
	`source_url` text NOT NULL,
	`source_retrieved` text NOT NULL,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`jurisdiction`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `minimum_wages_jurisdiction_from` ON `minimum_wages` (`jurisdiction`,`effective_from`);