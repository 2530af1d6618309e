CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`scope` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "api_tokens_scope_ck" CHECK("api_tokens"."scope" in ('read', 'write')),
	CONSTRAINT "api_tokens_token_hash_ck" CHECK(length("api_tokens"."token_hash") = 64),
	CONSTRAINT "api_tokens_name_ck" CHECK(length("api_tokens"."name") between 1 and 80)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `panel_redirects` (
	`study_id` integer PRIMARY KEY NOT NULL,
	`complete_url` text,
	`screened_out_url` text,
	`quota_full_url` text,
	`closed_url` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `response_feed` (
	`study_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`response_id` integer NOT NULL,
	PRIMARY KEY(`study_id`, `seq`),
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `response_feed_response_uq` ON `response_feed` (`response_id`);--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` integer NOT NULL,
	`at` integer NOT NULL,
	`status_code` integer,
	`error` text,
	`duration_ms` integer NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `webhook_deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_delivery_idx` ON `webhook_attempts` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`endpoint_id` integer NOT NULL,
	`event` text NOT NULL,
	`dedupe_key` text,
	`payload_json` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_status_code` integer,
	`last_error` text,
	`replay_of` integer,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "webhook_deliveries_status_ck" CHECK("webhook_deliveries"."status" in ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint_idx` ON `webhook_deliveries` (`endpoint_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_dedupe_uq` ON `webhook_deliveries` (`endpoint_id`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`events` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "webhook_endpoints_url_ck" CHECK(length("webhook_endpoints"."url") between 8 and 2000)
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_study_idx` ON `webhook_endpoints` (`study_id`);--> statement-breakpoint
ALTER TABLE `responses` ADD `respondent_ref` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `origin` text DEFAULT 'web' NOT NULL;--> statement-breakpoint
INSERT INTO `response_feed` (`study_id`, `seq`, `response_id`)
SELECT q.`study_id`, row_number() OVER (PARTITION BY q.`study_id` ORDER BY coalesce(r.`completed_at`, r.`updated_at`), r.`id`), r.`id`
FROM `responses` r JOIN `questionnaires` q ON q.`id` = r.`questionnaire_id`
WHERE r.`status` IN ('complete', 'screened_out');
