CREATE TABLE `security_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `security_events_at_idx` ON `security_events` (`at`);--> statement-breakpoint
ALTER TABLE `responses` ADD `min_duration_ms` integer;--> statement-breakpoint
ALTER TABLE `responses` ADD `completion_flags` text;--> statement-breakpoint
ALTER TABLE `studies` ADD `fieldwork_grace_minutes` integer DEFAULT 0 NOT NULL;