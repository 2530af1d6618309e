ALTER TABLE "profile_questions" ADD COLUMN "ask_first" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD COLUMN "rating_layout" text DEFAULT 'offer' NOT NULL;--> statement-breakpoint
ALTER TABLE "studies" ADD CONSTRAINT "studies_rating_layout_ck" CHECK ("studies"."rating_layout" in ('offer', 'attribute'));