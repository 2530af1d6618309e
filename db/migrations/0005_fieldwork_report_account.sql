CREATE TABLE `firm_functions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_zh` text,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `firm_functions_study_idx` ON `firm_functions` (`study_id`);--> statement-breakpoint
CREATE TABLE `key_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`offer_id` integer NOT NULL,
	`occurred_on` text NOT NULL,
	`wave` integer,
	`label` text NOT NULL,
	`label_zh` text,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "key_events_date_ck" CHECK("key_events"."occurred_on" glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE INDEX `key_events_study_idx` ON `key_events` (`study_id`);--> statement-breakpoint
CREATE TABLE `password_resets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `password_resets_token_hash_unique` ON `password_resets` (`token_hash`);--> statement-breakpoint
CREATE INDEX `password_resets_user_idx` ON `password_resets` (`user_id`);--> statement-breakpoint
CREATE TABLE `profile_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`code` text NOT NULL,
	`kind` text DEFAULT 'choice' NOT NULL,
	`text` text NOT NULL,
	`text_zh` text,
	`choices_json` text DEFAULT '[]' NOT NULL,
	`is_segment` integer DEFAULT true NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "profile_questions_kind_ck" CHECK("profile_questions"."kind" in ('choice', 'text')),
	CONSTRAINT "profile_questions_code_ck" CHECK("profile_questions"."code" glob '[a-z]*' and length("profile_questions"."code") <= 40)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `profile_questions_study_code_uq` ON `profile_questions` (`study_id`,`code`);--> statement-breakpoint
CREATE TABLE `quotas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`question_code` text NOT NULL,
	`value` text NOT NULL,
	`target` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "quotas_target_ck" CHECK("quotas"."target" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quotas_cell_uq` ON `quotas` (`study_id`,`question_code`,`value`);--> statement-breakpoint
CREATE TABLE `respondent_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`token` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`email` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "respondent_invitations_token_ck" CHECK(length("respondent_invitations"."token") between 16 and 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `respondent_invitations_token_unique` ON `respondent_invitations` (`token`);--> statement-breakpoint
CREATE INDEX `respondent_invitations_study_idx` ON `respondent_invitations` (`study_id`);--> statement-breakpoint
CREATE TABLE `response_profile` (
	`response_id` integer NOT NULL,
	`question_code` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`response_id`, `question_code`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `response_profile_value_idx` ON `response_profile` (`question_code`,`value`);--> statement-breakpoint
CREATE TABLE `response_suggestions` (
	`response_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`weight` real,
	PRIMARY KEY(`response_id`, `position`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "response_suggestions_weight_ck" CHECK("response_suggestions"."weight" is null or "response_suggestions"."weight" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE `share_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `share_links_token_hash_unique` ON `share_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `share_links_study_idx` ON `share_links` (`study_id`);--> statement-breakpoint
CREATE TABLE `what_who_cells` (
	`function_id` integer NOT NULL,
	`attribute_id` integer NOT NULL,
	`strength` integer NOT NULL,
	PRIMARY KEY(`function_id`, `attribute_id`),
	FOREIGN KEY (`function_id`) REFERENCES `firm_functions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attribute_id`) REFERENCES `attributes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "what_who_cells_strength_ck" CHECK("what_who_cells"."strength" in (0, 1, 3, 9))
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_questionnaires` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`stage` text DEFAULT 'rating' NOT NULL,
	`version` integer NOT NULL,
	`definition_json` text NOT NULL,
	`survey_json` text NOT NULL,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "questionnaires_stage_ck" CHECK("__new_questionnaires"."stage" in ('focus_group', 'rating'))
);
--> statement-breakpoint
INSERT INTO `__new_questionnaires`("id", "study_id", "stage", "version", "definition_json", "survey_json", "published_at") SELECT "id", "study_id", "stage", "version", "definition_json", "survey_json", "published_at" FROM `questionnaires`;--> statement-breakpoint
DROP TABLE `questionnaires`;--> statement-breakpoint
ALTER TABLE `__new_questionnaires` RENAME TO `questionnaires`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `questionnaires_study_stage_version_uq` ON `questionnaires` (`study_id`,`stage`,`version`);--> statement-breakpoint
CREATE TABLE `__new_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_zh` text,
	`is_own` integer DEFAULT false NOT NULL,
	`market_share` real,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "offers_market_share_ck" CHECK("__new_offers"."market_share" is null or "__new_offers"."market_share" between 0 and 100),
	CONSTRAINT "offers_code_ck" CHECK("__new_offers"."code" glob '[a-z]*' and length("__new_offers"."code") <= 40)
);
--> statement-breakpoint
INSERT INTO `__new_offers`("id", "study_id", "code", "name", "name_zh", "is_own", "market_share", "sort") SELECT "id", "study_id", "code", "name", "name_zh", "is_own", NULL, "sort" FROM `offers`;--> statement-breakpoint
DROP TABLE `offers`;--> statement-breakpoint
ALTER TABLE `__new_offers` RENAME TO `offers`;--> statement-breakpoint
CREATE UNIQUE INDEX `offers_study_code_uq` ON `offers` (`study_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `offers_one_own_uq` ON `offers` (`study_id`) WHERE "offers"."is_own" = 1;--> statement-breakpoint
CREATE TABLE `__new_responses` (
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
	`invitation_id` integer,
	`device_id` text,
	`wave` integer DEFAULT 1 NOT NULL,
	`screen_reason` text,
	`review` text,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`questionnaire_id`) REFERENCES `questionnaires`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitation_id`) REFERENCES `respondent_invitations`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "responses_review_ck" CHECK("__new_responses"."review" is null or "__new_responses"."review" in ('include', 'exclude')),
	CONSTRAINT "responses_screen_reason_ck" CHECK("__new_responses"."screen_reason" is null or "__new_responses"."screen_reason" in ('screening', 'quota_full', 'closed')),
	CONSTRAINT "responses_status_ck" CHECK("__new_responses"."status" in ('draft', 'complete', 'screened_out')),
	CONSTRAINT "responses_client_id_ck" CHECK(length("__new_responses"."client_id") between 8 and 64),
	CONSTRAINT "responses_quality_share_ck" CHECK("__new_responses"."quality_share" is null or "__new_responses"."quality_share" between 0 and 100)
);
--> statement-breakpoint
INSERT INTO `__new_responses`("id", "client_id", "questionnaire_id", "status", "answers_json", "page_no", "seq", "offer_order", "locale", "quality_share", "invitation_id", "device_id", "wave", "screen_reason", "review", "started_at", "updated_at", "completed_at") SELECT "id", "client_id", "questionnaire_id", "status", "answers_json", "page_no", "seq", "offer_order", "locale", "quality_share", NULL, NULL, 1, NULL, NULL, "started_at", "updated_at", "completed_at" FROM `responses`;--> statement-breakpoint
DROP TABLE `responses`;--> statement-breakpoint
ALTER TABLE `__new_responses` RENAME TO `responses`;--> statement-breakpoint
CREATE UNIQUE INDEX `responses_client_id_unique` ON `responses` (`client_id`);--> statement-breakpoint
CREATE INDEX `responses_questionnaire_status_idx` ON `responses` (`questionnaire_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_invitation_uq` ON `responses` (`invitation_id`);--> statement-breakpoint
CREATE INDEX `responses_device_idx` ON `responses` (`device_id`);--> statement-breakpoint
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
	`stated_weights_json` text,
	`fair_value_line` text DEFAULT 'weights' NOT NULL,
	`fair_value_slope` real,
	`current_wave` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "studies_title_ck" CHECK(length("__new_studies"."title") between 1 and 200),
	CONSTRAINT "studies_fair_value_line_ck" CHECK("__new_studies"."fair_value_line" in ('weights', 'parity', 'regression', 'slope')),
	CONSTRAINT "studies_current_wave_ck" CHECK("__new_studies"."current_wave" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_studies`("id", "owner_id", "title", "title_zh", "market", "market_zh", "languages", "public_token", "fieldwork_opens_at", "fieldwork_closes_at", "one_per_device", "stated_weights_json", "fair_value_line", "fair_value_slope", "current_wave", "created_at", "updated_at") SELECT "id", "owner_id", "title", "title_zh", "market", "market_zh", "languages", "public_token", NULL, NULL, 0, NULL, 'weights', NULL, 1, "created_at", "updated_at" FROM `studies`;--> statement-breakpoint
DROP TABLE `studies`;--> statement-breakpoint
ALTER TABLE `__new_studies` RENAME TO `studies`;--> statement-breakpoint
CREATE UNIQUE INDEX `studies_public_token_unique` ON `studies` (`public_token`);--> statement-breakpoint
CREATE INDEX `studies_owner_idx` ON `studies` (`owner_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `is_admin` integer DEFAULT false NOT NULL;