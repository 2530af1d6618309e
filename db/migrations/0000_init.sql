CREATE TABLE `attributes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`name_zh` text,
	`description` text DEFAULT '' NOT NULL,
	`description_zh` text,
	`group_name` text,
	`direction` text DEFAULT 'higher' NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "attributes_kind_ck" CHECK("attributes"."kind" in ('quality', 'price')),
	CONSTRAINT "attributes_direction_ck" CHECK("attributes"."direction" in ('higher', 'lower')),
	CONSTRAINT "attributes_code_ck" CHECK("attributes"."code" glob '[a-z]*' and length("attributes"."code") <= 40)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attributes_study_code_uq` ON `attributes` (`study_id`,`code`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_zh` text,
	`is_own` integer DEFAULT false NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "offers_code_ck" CHECK("offers"."code" glob '[a-z]*' and length("offers"."code") <= 40)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offers_study_code_uq` ON `offers` (`study_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `offers_one_own_uq` ON `offers` (`study_id`) WHERE "offers"."is_own" = 1;--> statement-breakpoint
CREATE TABLE `questionnaires` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`stage` text DEFAULT 'rating' NOT NULL,
	`version` integer NOT NULL,
	`definition_json` text NOT NULL,
	`survey_json` text NOT NULL,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "questionnaires_stage_ck" CHECK("questionnaires"."stage" in ('rating'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questionnaires_study_stage_version_uq` ON `questionnaires` (`study_id`,`stage`,`version`);--> statement-breakpoint
CREATE TABLE `response_offers` (
	`response_id` integer NOT NULL,
	`offer_code` text NOT NULL,
	`position` integer NOT NULL,
	`known` integer NOT NULL,
	`worth` integer,
	`overall` integer,
	`chose` integer DEFAULT false NOT NULL,
	`considered` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`response_id`, `offer_code`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "response_offers_worth_ck" CHECK("response_offers"."worth" is null or "response_offers"."worth" between 1 and 10),
	CONSTRAINT "response_offers_overall_ck" CHECK("response_offers"."overall" is null or "response_offers"."overall" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE `response_ratings` (
	`response_id` integer NOT NULL,
	`offer_code` text NOT NULL,
	`attribute_code` text NOT NULL,
	`score` integer NOT NULL,
	PRIMARY KEY(`response_id`, `offer_code`, `attribute_code`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "response_ratings_score_ck" CHECK("response_ratings"."score" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE `response_weights` (
	`response_id` integer NOT NULL,
	`attribute_code` text NOT NULL,
	`weight` real NOT NULL,
	PRIMARY KEY(`response_id`, `attribute_code`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "response_weights_weight_ck" CHECK("response_weights"."weight" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` text NOT NULL,
	`questionnaire_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`answers_json` text DEFAULT '{}' NOT NULL,
	`page_no` integer DEFAULT 0 NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	`offer_order` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`quality_share` real,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`questionnaire_id`) REFERENCES `questionnaires`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "responses_status_ck" CHECK("responses"."status" in ('draft', 'complete', 'screened_out')),
	CONSTRAINT "responses_client_id_ck" CHECK(length("responses"."client_id") between 8 and 64),
	CONSTRAINT "responses_quality_share_ck" CHECK("responses"."quality_share" is null or "responses"."quality_share" between 0 and 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_client_id_unique` ON `responses` (`client_id`);--> statement-breakpoint
CREATE INDEX `responses_questionnaire_status_idx` ON `responses` (`questionnaire_id`,`status`);--> statement-breakpoint
CREATE TABLE `studies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_id` integer NOT NULL,
	`title` text NOT NULL,
	`title_zh` text,
	`market` text DEFAULT '' NOT NULL,
	`market_zh` text,
	`languages` text DEFAULT 'en,zh-CN' NOT NULL,
	`public_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "studies_title_ck" CHECK(length("studies"."title") between 1 and 200)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `studies_public_token_unique` ON `studies` (`public_token`);--> statement-breakpoint
CREATE INDEX `studies_owner_idx` ON `studies` (`owner_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);