import { flagResponses, QUALITY_FLAGS, type QualityFlag } from "../../../analysis/data-quality";
import { answeredPageCount } from "../../../surveys/answered-page-count";
import type { SurveyJson } from "../../../surveys/build-rating-questionnaire";
import type { RatingResponse } from "../../../surveys/read-rating-response";
import type { StudyDefinition } from "../../../surveys/study-definition";
import { env } from "../platform/env.server";

/**
 * The data-quality checks a rating response can be held to on its own, when it completes
 * (analysis/data-quality.ts's rules): `speeder` under its absolute floor (answered pages times
 * RESPONDENT_MIN_SECONDS_PER_PAGE; the relative rule needs the other responses and is applied by
 * the report), `straight_liner`, `no_competitor`, and `duplicate` when the device already
 * completed a response to the study. A flagged response is stored and completes for the
 * respondent, but holds no quota place until the researcher includes it.
 */
export function completionQuality(args: {
  definition: StudyDefinition;
  survey: SurveyJson;
  answers: Record<string, unknown>;
  result: RatingResponse;
  startedAt: number;
  now: number;
  deviceHasComplete: boolean;
}): { flags: QualityFlag[]; minDurationMs: number | null } {
  const floorMs = env.RESPONDENT_MIN_SECONDS_PER_PAGE * 1000;
  const minDurationMs = floorMs > 0 ? Math.round(answeredPageCount(args.survey, args.answers) * floorMs) : null;
  const ratings: Record<string, Record<string, number>> = {};
  for (const r of args.result.ratings) (ratings[r.offer] ??= {})[r.attribute] = r.score;
  const id = "this";
  const flags =
    flagResponses(
      [
        {
          id,
          durationMs: args.now - args.startedAt,
          minDurationMs,
          completedAt: args.now,
          ratings,
          known: args.result.known,
        },
      ],
      { ownId: args.definition.offers.find((o) => o.own)?.code ?? "" },
    ).get(id) ?? [];
  if (args.deviceHasComplete && !flags.includes("duplicate")) flags.push("duplicate");
  return { flags: QUALITY_FLAGS.filter((f) => flags.includes(f)), minDurationMs };
}
