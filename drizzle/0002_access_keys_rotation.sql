ALTER TABLE `agencies` ADD `api_key_revoked_at` text;--> statement-breakpoint
ALTER TABLE `platforms` ADD `previous_webhook_secret_ciphertext` text;--> statement-breakpoint
ALTER TABLE `platforms` ADD `previous_webhook_secret_expires_at` text;--> statement-breakpoint
ALTER TABLE `platforms` ADD `api_key_revoked_at` text;