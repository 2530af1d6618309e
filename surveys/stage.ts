import { z } from "zod";

/**
 * The two questionnaires of a study, in the one spelling the database, the respondent API and
 * the code use: the focus group (which attributes matter, their weights; Gale steps 1-2) and the
 * rating stage (the offers rated).
 */
export const STAGES = ["focus_group", "rating"] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

/** How a stage is spelled in a URL's `stage` parameter (`/s/<token>?stage=focus-group`). */
export type StageParam = "rating" | "focus-group";

const PARAMS: Record<Stage, StageParam> = { focus_group: "focus-group", rating: "rating" };

/** The URL spelling of a stage (the one parseStageParam reads). */
export function stageParam(stage: Stage): StageParam {
  return PARAMS[stage];
}

/**
 * The stage a URL's `stage` parameter names (`rating` or `focus-group`, exactly), or null when
 * it is absent or names none. Each page decides what null means: the respondent page and the QR
 * codes default to the rating stage, the responses list shows both stages.
 */
export function parseStageParam(value: string | null | undefined): Stage | null {
  if (value === "rating") return "rating";
  if (value === "focus-group") return "focus_group";
  return null;
}
