-- Survey ratings are always oriented (10 = best; for price attributes 10 = most satisfied with
-- what it costs), so a "lower is better" direction on a rated attribute inverted a figure that was
-- already right. Every attribute that had it is reset (the column goes) and each reset is written
-- to the study's audit log before the column is dropped.
INSERT INTO `audit_events` (`study_id`, `user_id`, `actor_email`, `action`, `detail`, `at`)
	SELECT `study_id`, NULL, 'system (migration)', 'resetAttributeDirection', `code` || ' (' || `name` || ')',
		CAST((julianday('now') - 2440587.5) * 86400000 AS integer)
	FROM `attributes` WHERE `direction` = 'lower' ORDER BY `study_id`, `sort`, `id`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_attributes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`name_zh` text,
	`description` text DEFAULT '' NOT NULL,
	`description_zh` text,
	`group_name` text,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "attributes_kind_ck" CHECK("__new_attributes"."kind" in ('quality', 'price')),
	CONSTRAINT "attributes_code_ck" CHECK("__new_attributes"."code" glob '[a-z]*' and length("__new_attributes"."code") <= 40)
);
--> statement-breakpoint
INSERT INTO `__new_attributes`("id", "study_id", "code", "kind", "name", "name_zh", "description", "description_zh", "group_name", "sort") SELECT "id", "study_id", "code", "kind", "name", "name_zh", "description", "description_zh", "group_name", "sort" FROM `attributes`;--> statement-breakpoint
DROP TABLE `attributes`;--> statement-breakpoint
ALTER TABLE `__new_attributes` RENAME TO `attributes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `attributes_study_code_uq` ON `attributes` (`study_id`,`code`);