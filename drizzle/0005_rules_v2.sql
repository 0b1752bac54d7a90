ALTER TABLE `contribution_rules` ADD `base_components` text DEFAULT '["earnings","tip","incentive"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `contribution_rules` ADD `assessment` text DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE `contribution_rules` ADD `applies_when` text;--> statement-breakpoint
ALTER TABLE `ledger_entries` ADD `base_fraction` text;--> statement-breakpoint
ALTER TABLE `ledger_entries` ADD `basis` text;--> statement-breakpoint
ALTER TABLE `ledger_events` ADD `task_attributes` text;--> statement-breakpoint
ALTER TABLE `ledger_events` ADD `components` text;