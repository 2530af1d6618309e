-- Issue 23: the per-response tables keyed by (response_id, ...) and the response feed keyed by (study_id, seq) become WITHOUT ROWID tables, stored in
-- their primary key order: one b-tree per table instead of a rowid table plus its primary-key index, so a
-- completion writes half the pages for them and the report reads a response's rows side by side
-- (docs/decisions/0009-answers-without-rowid.md). drizzle-kit cannot say WITHOUT ROWID: a later migration that
-- rebuilds one of these tables must keep it (test/db/migration-keeps-data.test.ts checks every one).
ALTER TABLE `response_ratings` RENAME TO `__old_response_ratings`;--> statement-breakpoint
CREATE TABLE `response_ratings` (
	`response_id` integer NOT NULL,
	`offer_code` text NOT NULL,
	`attribute_code` text NOT NULL,
	`score` integer NOT NULL,
	PRIMARY KEY(`response_id`, `offer_code`, `attribute_code`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "response_ratings_score_ck" CHECK("response_ratings"."score" between 1 and 10)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `response_ratings` SELECT * FROM `__old_response_ratings`;--> statement-breakpoint
DROP TABLE `__old_response_ratings`;--> statement-breakpoint
ALTER TABLE `response_weights` RENAME TO `__old_response_weights`;--> statement-breakpoint
CREATE TABLE `response_weights` (
	`response_id` integer NOT NULL,
	`attribute_code` text NOT NULL,
	`weight` real NOT NULL,
	PRIMARY KEY(`response_id`, `attribute_code`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "response_weights_weight_ck" CHECK("response_weights"."weight" between 0 and 100)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `response_weights` SELECT * FROM `__old_response_weights`;--> statement-breakpoint
DROP TABLE `__old_response_weights`;--> statement-breakpoint
ALTER TABLE `response_offers` RENAME TO `__old_response_offers`;--> statement-breakpoint
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
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `response_offers` SELECT * FROM `__old_response_offers`;--> statement-breakpoint
DROP TABLE `__old_response_offers`;--> statement-breakpoint
ALTER TABLE `response_profile` RENAME TO `__old_response_profile`;--> statement-breakpoint
CREATE TABLE `response_profile` (
	`response_id` integer NOT NULL,
	`question_code` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`response_id`, `question_code`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `response_profile` SELECT * FROM `__old_response_profile`;--> statement-breakpoint
DROP TABLE `__old_response_profile`;--> statement-breakpoint
CREATE INDEX `response_profile_value_idx` ON `response_profile` (`question_code`,`value`);--> statement-breakpoint
ALTER TABLE `response_maxdiff` RENAME TO `__old_response_maxdiff`;--> statement-breakpoint
CREATE TABLE `response_maxdiff` (
	`response_id` integer NOT NULL,
	`kind` text NOT NULL,
	`task` integer NOT NULL,
	`items_json` text NOT NULL,
	`best` text NOT NULL,
	`worst` text NOT NULL,
	PRIMARY KEY(`response_id`, `kind`, `task`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "response_maxdiff_kind_ck" CHECK("response_maxdiff"."kind" in ('quality', 'price')),
	CONSTRAINT "response_maxdiff_task_ck" CHECK("response_maxdiff"."task" >= 1),
	CONSTRAINT "response_maxdiff_best_worst_ck" CHECK("response_maxdiff"."best" <> "response_maxdiff"."worst")
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `response_maxdiff` SELECT * FROM `__old_response_maxdiff`;--> statement-breakpoint
DROP TABLE `__old_response_maxdiff`;--> statement-breakpoint
ALTER TABLE `response_gabor_granger` RENAME TO `__old_response_gabor_granger`;--> statement-breakpoint
CREATE TABLE `response_gabor_granger` (
	`response_id` integer NOT NULL,
	`price` real NOT NULL,
	`buy` integer NOT NULL,
	PRIMARY KEY(`response_id`, `price`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "response_gabor_granger_price_ck" CHECK("response_gabor_granger"."price" >= 0)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `response_gabor_granger` SELECT * FROM `__old_response_gabor_granger`;--> statement-breakpoint
DROP TABLE `__old_response_gabor_granger`;--> statement-breakpoint
ALTER TABLE `response_feed` RENAME TO `__old_response_feed`;--> statement-breakpoint
CREATE TABLE `response_feed` (
	`study_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`response_id` integer NOT NULL,
	PRIMARY KEY(`study_id`, `seq`),
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `response_feed` SELECT * FROM `__old_response_feed`;--> statement-breakpoint
DROP TABLE `__old_response_feed`;--> statement-breakpoint
CREATE UNIQUE INDEX `response_feed_response_uq` ON `response_feed` (`response_id`);
