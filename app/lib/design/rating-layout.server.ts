import { recordAuditEvent } from "../../../db/queries/audit";
import { updateRatingLayout, type Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";
import type { RatingLayout } from "../../../surveys/study-definition";
import { done, type DesignResult } from "./design-result";

/**
 * How the rating stage lays out its ratings: one offer per page, or one attribute with every
 * offer the respondent knows (issue 15). Published versions keep the layout frozen with them;
 * the next publication uses this one (the design page lists it as an unpublished change).
 */
export async function saveRatingLayout(db: Db, study: Study, userId: number, input: { ratingLayout: RatingLayout }): Promise<DesignResult> {
  const now = Date.now();
  await updateRatingLayout(db, { id: study.id, ratingLayout: input.ratingLayout, now });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "ratingLayout", detail: input.ratingLayout, now });
  return done("study.saved");
}
