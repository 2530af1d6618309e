import type { DeltaMethodSettings } from "./delta-method-from-moments";
import type { DeltaMethodIntervalsResult } from "./delta-method-intervals";
import type { MaxDiffByKindResult } from "./maxdiff/maxdiff-weights-by-kind";
import type { StudyRespondent } from "./analyze-methods";
import type { AggregatedWeights, DerivedImportanceInput, DerivedImportanceResult, MeanScores, WonLostInput, WonLostResult } from "./types";
import type { WonLostReasonsInput, WonLostReasonsResult } from "./won-lost-reasons";

/**
 * Every figure `analyzeStudy` computes by a pass over its respondents, given from elsewhere:
 * `analyzeStudyFromStatistics` answers them from the sufficient statistics of the respondents
 * (analysis/sufficient/), so that the report after one new response merges cells instead of
 * passing over every respondent. Each must equal the respondent pass it stands for (to rounding).
 */
export interface RespondentLevel {
  /** respondents analysed */
  count: number;
  /** `maxDiffWeightsByKind` of the respondents, without them */
  maxDiff: Omit<MaxDiffByKindResult<StudyRespondent>, "respondents">;
  /** `aggregateWeights` */
  aggregated: AggregatedWeights;
  /** `meanScores` */
  scores: MeanScores;
  /** `ratingSpread` */
  spread: () => Record<string, Record<string, number | null>>;
  /** `deltaMethodIntervals` */
  delta: (input: DeltaMethodSettings) => DeltaMethodIntervalsResult;
  /** `derivedImportance` without its bootstrap */
  derived: (input: Omit<DerivedImportanceInput, "respondents" | "bootstrap">) => DerivedImportanceResult;
  /** `wonLost` */
  wonLost: (input: Omit<WonLostInput, "respondents">) => WonLostResult;
  /** `wonLostReasons` of the lost respondents */
  lostReasons: (input: Omit<WonLostReasonsInput, "lost">) => WonLostReasonsResult;
}
