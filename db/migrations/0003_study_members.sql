CREATE TABLE `study_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "study_invitations_role_ck" CHECK("study_invitations"."role" in ('editor', 'viewer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_invitations_token_hash_unique` ON `study_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `study_invitations_study_idx` ON `study_invitations` (`study_id`);--> statement-breakpoint
CREATE TABLE `study_members` (
	`study_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`study_id`, `user_id`),
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "study_members_role_ck" CHECK("study_members"."role" in ('editor', 'viewer'))
);
--> statement-breakpoint
CREATE INDEX `study_members_user_idx` ON `study_members` (`user_id`);