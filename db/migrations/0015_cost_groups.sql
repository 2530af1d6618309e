-- Price attributes get a Kotler cost group (money, time, energy, psychic); every existing
-- attribute starts as "money". SQLite adds the CHECK by copying the table: the copy writes
-- 'money' (drizzle-kit's copy read the new column from the old table, which has none).
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
	`cost_group` text DEFAULT 'money' NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "attributes_kind_ck" CHECK("__new_attributes"."kind" in ('quality', 'price')),
	CONSTRAINT "attributes_cost_group_ck" CHECK("__new_attributes"."cost_group" in ('money', 'time', 'energy', 'psychic')),
	CONSTRAINT "attributes_code_ck" CHECK("__new_attributes"."code" glob '[a-z]*' and length("__new_attributes"."code") <= 40)
);
--> statement-breakpoint
INSERT INTO `__new_attributes`("id", "study_id", "code", "kind", "name", "name_zh", "description", "description_zh", "group_name", "cost_group", "sort") SELECT "id", "study_id", "code", "kind", "name", "name_zh", "description", "description_zh", "group_name", 'money', "sort" FROM `attributes`;--> statement-breakpoint
DROP TABLE `attributes`;--> statement-breakpoint
ALTER TABLE `__new_attributes` RENAME TO `attributes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `attributes_study_code_uq` ON `attributes` (`study_id`,`code`);