CREATE TABLE `ledger_event_claims` (
	`platform_id` integer NOT NULL,
	`event_id` text NOT NULL,
	`jurisdiction` text NOT NULL,
	PRIMARY KEY(`platform_id`, `event_id`)
);
