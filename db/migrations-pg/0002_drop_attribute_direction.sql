-- Survey ratings are always oriented (10 = best; for price attributes 10 = most satisfied with
-- what it costs), so a "lower is better" direction on a rated attribute inverted a figure that was
-- already right. Every attribute that had it is reset (the column goes) and each reset is written
-- to the study's audit log before the column is dropped.
INSERT INTO "audit_events" ("study_id", "user_id", "actor_email", "action", "detail", "at")
	SELECT "study_id", NULL, 'system (migration)', 'resetAttributeDirection', "code" || ' (' || "name" || ')',
		(extract(epoch from clock_timestamp()) * 1000)::bigint
	FROM "attributes" WHERE "direction" = 'lower' ORDER BY "study_id", "sort", "id";--> statement-breakpoint
ALTER TABLE "attributes" DROP CONSTRAINT "attributes_direction_ck";--> statement-breakpoint
ALTER TABLE "attributes" DROP COLUMN "direction";