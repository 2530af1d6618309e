/** Customer value analysis (method.md), in reading order. */
export * from "./types";
export { UNAVAILABLE_REASONS, isUnavailableReason, type UnavailableReason } from "./unavailable-reasons";
export { aggregateWeights } from "./aggregate-weights";
export { meanScores } from "./mean-scores";
export { referenceScores } from "./reference-scores";
export { attributeProfile } from "./attribute-profile";
export { qualityProfile } from "./quality-profile";
export { priceProfile } from "./price-profile";
export { relativePriceFromPrices } from "./relative-price-from-prices";
export { customerValueScore } from "./customer-value-score";
export { fairValueLine } from "./fair-value-line";
export { quantileType7 } from "./quantile-type7";
export { valueMap } from "./value-map";
export { seededRandom } from "./seeded-random";
export { twoLevelWeights } from "./two-level-weights";
export { meanOfRatios } from "./mean-of-ratios";
export { meanDifference } from "./mean-difference";
export { headToHead } from "./head-to-head";
export { wonLostOutcome } from "./won-lost-outcome";
export { wonLost } from "./won-lost";
export { keyEventsTimeline } from "./key-events-timeline";
export { whatWho } from "./what-who";
export { derivedImportance } from "./derived-importance";
export { differenceMethod } from "./difference-method";
export { keyAccountMatrix } from "./key-account-matrix";
export { studyWeights } from "./study-weights";
export { filterRespondents, type RespondentFilter } from "./filter-respondents";
export {
  bootstrapIntervals,
  type BootstrapFigures,
  type BootstrapInterval,
  type BootstrapIntervalsInput,
  type BootstrapIntervalsResult,
} from "./bootstrap-intervals";
export {
  deltaMethodIntervals,
  type DeltaFigures,
  type DeltaInterval,
  type DeltaMethodIntervalsInput,
  type DeltaMethodIntervalsResult,
} from "./delta-method-intervals";
export { analyzeMethods, type AnalyzeMethodsInput, type MethodsReport, type StudyRespondent } from "./analyze-methods";
export {
  analyzeStudy,
  toReportValueMap,
  type ReportCustomerValue,
  type ReportMapPoint,
  type ReportPriceProfile,
  type ReportProfileRow,
  type ReportQualityProfile,
  type ReportValueMap,
  type StudyAnalysisInput,
  type StudyAnalysisReport,
} from "./analyze-study";
export { flagResponses, isIncluded, QUALITY_FLAGS, type QualityFlag, type QualityInput, type QualityOptions } from "./data-quality";
export { responseFlags, type ResponseFlagsContext } from "./response-flags";
export { duplicateKeys } from "./duplicate-keys";
export { earlierResponse } from "./earlier-response";
export { medianOfSorted } from "./median-of-sorted";
export { solveLinearSystem } from "./matrix/solve-linear-system";
export { symmetricEigen } from "./matrix/symmetric-eigen";
export { relativeWeights } from "./importance/relative-weights";
export { shapleyImportance, SHAPLEY_MAX_ATTRIBUTES } from "./importance/shapley-importance";
export { importancePerformance } from "./importance/importance-performance";
export { importanceQuadrant, type ImportanceQuadrantInput, type ImportanceQuadrantResult } from "./importance/importance-quadrant";
export * from "./importance/types";
export { ratingSpread } from "./rating-spread";
export { differenceMethodByOffer } from "./difference-method-by-offer";
export {
  relativeDeliveredValue,
  type RelativeDeliveredValueGroup,
  type RelativeDeliveredValueInput,
  type RelativeDeliveredValueResult,
} from "./relative-delivered-value";
export { wonLostReasons, type LostByKind, type WeightedLostReason, type WonLostReasonsInput, type WonLostReasonsResult } from "./won-lost-reasons";
export * from "./maxdiff/types";
export { maxDiffDesign } from "./maxdiff/maxdiff-design";
export { maxDiffCounts } from "./maxdiff/maxdiff-counts";
export { maxDiffPosterior, type IndexedTask } from "./maxdiff/maxdiff-posterior";
export { maxDiffShares } from "./maxdiff/maxdiff-shares";
export { maxDiffUtilities } from "./maxdiff/maxdiff-utilities";
export * from "./price-research/types";
export { curveIntersection } from "./price-research/curve-intersection";
export { validPriceAnswer } from "./price-research/valid-price-answer";
export { vanWestendorp } from "./price-research/van-westendorp";
export { newtonMillerSmith, DEFAULT_CALIBRATION } from "./price-research/newton-miller-smith";
export { gaborGranger } from "./price-research/gabor-granger";
export { gaborGrangerNextPrice } from "./price-research/gabor-granger-next-price";
export { logGamma } from "./statistics/log-gamma";
export { regularizedIncompleteBeta } from "./statistics/regularized-incomplete-beta";
export { studentTCdf } from "./statistics/student-t-cdf";
export { attributeGapTests, type AttributeGapTest, type AttributeGapTestsInput, type AttributeGapTestsResult } from "./attribute-gap-tests";
export { maxDiffWeights, type MaxDiffWeightsResult } from "./maxdiff/maxdiff-weights";
export { maxDiffWeightsByKind, type MaxDiffByKindResult } from "./maxdiff/maxdiff-weights-by-kind";
export * from "./customers";
export * from "./scenarios";
export { analyzeStudyFromStatistics, type StudyAnalysisFromStatistics } from "./analyze-study-from-statistics";
export { statisticsLayout } from "./sufficient/statistics-layout";
export { emptyStatistics } from "./sufficient/empty-statistics";
export { addRespondent } from "./sufficient/add-respondent";
export { studyStatistics } from "./sufficient/study-statistics";
export { respondentLevelFromStatistics } from "./sufficient/respondent-level-from-statistics";
export type { RespondentLevel } from "./respondent-level";
export { mergeStatistics } from "./sufficient/merge-statistics";
export type { StatisticsLayout, StudyStatistics } from "./sufficient/types";
