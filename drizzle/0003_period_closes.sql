CREATE TABLE `period_closes` (
	`id` integer PRIMARY KEY NOT NULL,
	`jurisdiction` text NOT NULL,
	`period` text NOT NULL,
	`closed_at` text NOT NULL,
	`chain_head_seq` integer NOT NULL,
	`chain_head_hash` text NOT NULL,
	`checksum` text NOT NULL,
	`row_count` integer NOT NULL,
	`fair_pay` text NOT NULL,
	`closed_by` text NOT NULL,
	`forced_reason` text,
	FOREIGN KEY (`jurisdiction`) REFERENCES `jurisdictions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `period_closes_jurisdiction_period` ON `period_closes` (`jurisdiction`,`period`);