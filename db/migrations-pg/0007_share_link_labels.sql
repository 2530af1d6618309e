-- Share links carry a label and the last characters of their token, so a study's links can be
-- told apart (issue 17). Links made before have neither.
ALTER TABLE "share_links" ADD COLUMN "label" text;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "token_tail" text;