ALTER TABLE `profile_questions` ADD `ask_first` integer DEFAULT false NOT NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_studies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_id` integer NOT NULL,
	`title` text NOT NULL,
	`title_zh` text,
	`market` text DEFAULT '' NOT NULL,
	`market_zh` text,
	`languages` text DEFAULT 'en,zh-CN' NOT NULL,
	`public_token` text NOT NULL,
	`fieldwork_opens_at` integer,
	`fieldwork_closes_at` integer,
	`one_per_device` integer DEFAULT false NOT NULL,
	`fieldwork_grace_minutes` integer DEFAULT 0 NOT NULL,
	`stated_weights_json` text,
	`fair_value_line` text DEFAULT 'weights' NOT NULL,
	`fair_value_slope` real,
	`current_wave` integer DEFAULT 1 NOT NULL,
	`rating_layout` text DEFAULT 'offer' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "studies_title_ck" CHECK(length("__new_studies"."title") between 1 and 200),
	CONSTRAINT "studies_fair_value_line_ck" CHECK("__new_studies"."fair_value_line" in ('weights', 'parity', 'regression', 'slope')),
	CONSTRAINT "studies_current_wave_ck" CHECK("__new_studies"."current_wave" >= 1),
	CONSTRAINT "studies_rating_layout_ck" CHECK("__new_studies"."rating_layout" in ('offer', 'attribute'))
);
--> statement-breakpoint
INSERT INTO `__new_studies`("id", "owner_id", "title", "title_zh", "market", "market_zh", "languages", "public_token", "fieldwork_opens_at", "fieldwork_closes_at", "one_per_device", "fieldwork_grace_minutes", "stated_weights_json", "fair_value_line", "fair_value_slope", "current_wave", "rating_layout", "created_at", "updated_at") SELECT "id", "owner_id", "title", "title_zh", "market", "market_zh", "languages", "public_token", "fieldwork_opens_at", "fieldwork_closes_at", "one_per_device", "fieldwork_grace_minutes", "stated_weights_json", "fair_value_line", "fair_value_slope", "current_wave", 'offer', "created_at", "updated_at" FROM `studies`;--> statement-breakpoint
DROP TABLE `studies`;--> statement-breakpoint
ALTER TABLE `__new_studies` RENAME TO `studies`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `studies_public_token_unique` ON `studies` (`public_token`);--> statement-breakpoint
CREATE INDEX `studies_owner_idx` ON `studies` (`owner_id`);