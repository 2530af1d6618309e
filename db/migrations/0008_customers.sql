CREATE TABLE `customer_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`mode` text NOT NULL,
	`row_count` integer NOT NULL,
	`date_order` text,
	`decimal_separator` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "customer_imports_mode_ck" CHECK("customer_imports"."mode" in ('replace', 'append')),
	CONSTRAINT "customer_imports_date_order_ck" CHECK("customer_imports"."date_order" is null or "customer_imports"."date_order" in ('day-first', 'month-first')),
	CONSTRAINT "customer_imports_separator_ck" CHECK("customer_imports"."decimal_separator" is null or "customer_imports"."decimal_separator" in ('.', ','))
);
--> statement-breakpoint
CREATE INDEX `customer_imports_study_idx` ON `customer_imports` (`study_id`);--> statement-breakpoint
CREATE TABLE `customer_settings` (
	`study_id` integer PRIMARY KEY NOT NULL,
	`analysis_date` text,
	`discount_rate` real DEFAULT 0.1 NOT NULL,
	`retention` real,
	`cost` real DEFAULT 0 NOT NULL,
	`horizon_years` integer,
	`default_margin_rate` real,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "customer_settings_discount_ck" CHECK("customer_settings"."discount_rate" > -1),
	CONSTRAINT "customer_settings_retention_ck" CHECK("customer_settings"."retention" is null or "customer_settings"."retention" between 0 and 1),
	CONSTRAINT "customer_settings_horizon_ck" CHECK("customer_settings"."horizon_years" is null or "customer_settings"."horizon_years" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE `customer_transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`import_id` integer NOT NULL,
	`customer_id` text NOT NULL,
	`date` text NOT NULL,
	`amount` real NOT NULL,
	`margin` real,
	`margin_rate` real,
	`cost` real,
	`account` text,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`import_id`) REFERENCES `customer_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_transactions_study_idx` ON `customer_transactions` (`study_id`);--> statement-breakpoint
CREATE INDEX `customer_transactions_import_idx` ON `customer_transactions` (`import_id`);--> statement-breakpoint
ALTER TABLE `respondent_invitations` ADD `customer_id` text;