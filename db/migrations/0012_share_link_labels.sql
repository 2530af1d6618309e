-- Share links carry a label and the last characters of their token, so a study's links can be
-- told apart (issue 17). Links made before have neither.
ALTER TABLE `share_links` ADD `label` text;--> statement-breakpoint
ALTER TABLE `share_links` ADD `token_tail` text;