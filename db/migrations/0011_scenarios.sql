-- Scenarios (issue 20): saved what-if scenarios, market shares per offer and wave, and the
-- offers' actual prices. SQLite adds a CHECK by copying the table; the copy leaves the new
-- "price" column out of the SELECT (drizzle-kit 0.31 lists it there, but the old table has none).
CREATE TABLE `market_shares` (
	`study_id` integer NOT NULL,
	`offer_id` integer NOT NULL,
	`wave` integer NOT NULL,
	`share` real NOT NULL,
	PRIMARY KEY(`offer_id`, `wave`),
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "market_shares_wave_ck" CHECK("market_shares"."wave" >= 1),
	CONSTRAINT "market_shares_share_ck" CHECK("market_shares"."share" between 0 and 100)
);
--> statement-breakpoint
CREATE INDEX `market_shares_study_idx` ON `market_shares` (`study_id`);--> statement-breakpoint
CREATE TABLE `scenarios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`name` text NOT NULL,
	`changes_json` text NOT NULL,
	`respond_json` text DEFAULT '[]' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "scenarios_name_ck" CHECK(length("scenarios"."name") between 1 and 80)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenarios_study_name_uq` ON `scenarios` (`study_id`,`name`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_zh` text,
	`is_own` integer DEFAULT false NOT NULL,
	`market_share` real,
	`price` real,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "offers_market_share_ck" CHECK("__new_offers"."market_share" is null or "__new_offers"."market_share" between 0 and 100),
	CONSTRAINT "offers_price_ck" CHECK("__new_offers"."price" is null or "__new_offers"."price" >= 0),
	CONSTRAINT "offers_code_ck" CHECK("__new_offers"."code" glob '[a-z]*' and length("__new_offers"."code") <= 40)
);
--> statement-breakpoint
INSERT INTO `__new_offers`("id", "study_id", "code", "name", "name_zh", "is_own", "market_share", "sort") SELECT "id", "study_id", "code", "name", "name_zh", "is_own", "market_share", "sort" FROM `offers`;--> statement-breakpoint
DROP TABLE `offers`;--> statement-breakpoint
ALTER TABLE `__new_offers` RENAME TO `offers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `offers_study_code_uq` ON `offers` (`study_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `offers_one_own_uq` ON `offers` (`study_id`) WHERE "offers"."is_own" = 1;