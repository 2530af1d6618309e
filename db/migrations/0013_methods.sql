CREATE TABLE `response_designs` (
	`response_id` integer PRIMARY KEY NOT NULL,
	`maxdiff_json` text NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `response_gabor_granger` (
	`response_id` integer NOT NULL,
	`price` real NOT NULL,
	`buy` integer NOT NULL,
	PRIMARY KEY(`response_id`, `price`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "response_gabor_granger_price_ck" CHECK("response_gabor_granger"."price" >= 0)
);
--> statement-breakpoint
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
);
--> statement-breakpoint
CREATE TABLE `response_prices` (
	`response_id` integer PRIMARY KEY NOT NULL,
	`too_cheap` real NOT NULL,
	`cheap` real NOT NULL,
	`expensive` real NOT NULL,
	`too_expensive` real NOT NULL,
	`likelihood_cheap` integer,
	`likelihood_expensive` integer,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "response_prices_order_ck" CHECK("response_prices"."too_cheap" >= 0 and "response_prices"."too_cheap" <= "response_prices"."cheap" and "response_prices"."cheap" <= "response_prices"."expensive" and "response_prices"."expensive" <= "response_prices"."too_expensive"),
	CONSTRAINT "response_prices_likelihood_ck" CHECK(("response_prices"."likelihood_cheap" is null or "response_prices"."likelihood_cheap" between 1 and 5) and ("response_prices"."likelihood_expensive" is null or "response_prices"."likelihood_expensive" between 1 and 5))
);
--> statement-breakpoint
CREATE TABLE `study_methods` (
	`study_id` integer PRIMARY KEY NOT NULL,
	`focus_group_quality` text DEFAULT 'points' NOT NULL,
	`focus_group_price` text DEFAULT 'points' NOT NULL,
	`rating_quality` text DEFAULT 'points' NOT NULL,
	`rating_price` text DEFAULT 'points' NOT NULL,
	`maxdiff_per_task` integer DEFAULT 4 NOT NULL,
	`price_research` integer DEFAULT false NOT NULL,
	`price_currency` text DEFAULT '' NOT NULL,
	`price_min` real,
	`price_max` real,
	`price_likelihoods` integer DEFAULT true NOT NULL,
	`price_ladder_json` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "study_methods_importance_ck" CHECK("study_methods"."focus_group_quality" in ('points', 'maxdiff') and "study_methods"."focus_group_price" in ('points', 'maxdiff') and "study_methods"."rating_quality" in ('points', 'maxdiff') and "study_methods"."rating_price" in ('points', 'maxdiff')),
	CONSTRAINT "study_methods_per_task_ck" CHECK("study_methods"."maxdiff_per_task" between 3 and 6),
	CONSTRAINT "study_methods_currency_ck" CHECK(length("study_methods"."price_currency") <= 12),
	CONSTRAINT "study_methods_prices_ck" CHECK(("study_methods"."price_min" is null or "study_methods"."price_min" >= 0) and ("study_methods"."price_max" is null or "study_methods"."price_max" > coalesce("study_methods"."price_min", 0))),
	CONSTRAINT "study_methods_block_ck" CHECK("study_methods"."price_research" = 0 or ("study_methods"."price_min" is not null and "study_methods"."price_max" is not null))
);
