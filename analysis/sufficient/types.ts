import type { AttributeDef } from "../types";

/**
 * Where each sum of a study's sufficient statistics sits in a cell's one flat array (offsets
 * into `StudyStatistics.sums`), for one study design: its offers, attributes and own offer.
 * The vector of means is the delta method's: ratings `o * A + t` (R = O * A of them), then one
 * weight per attribute (R + t), then the quality share (R + A); M entries in all.
 */
export interface StatisticsLayout {
  offers: string[];
  attributes: AttributeDef[];
  ownId: string;
  O: number;
  A: number;
  R: number;
  M: number;
  /** attribute indices of the quality attributes (derived importance's predictors), in order */
  quality: number[];
  offsets: {
    /** respondents counted */
    count: number;
    /** respondents whose answers need the respondent pass (MaxDiff tasks, price answers) */
    unsupported: number;
    /** per offer: respondents who rated it on at least one attribute */
    knows: number;
    /** per attribute: respondents whose normalised weight on it is above 0 (none: the mean weight is exactly 0, whatever rounding was left by respondents taken out) */
    weightsGiven: number;
    /** M x M: respondents who gave both a and b (upper triangle used) */
    pairN: number;
    /** M x M: sum of a's values over the respondents who gave both a and b (both halves) */
    pairSum: number;
    /** M x M: sum of a's value times b's (upper triangle) */
    pairProduct: number;
    /** derived importance's observations: n, respondents with one, sums of x, y, x x' (upper), x y, y y */
    obsN: number;
    obsRespondents: number;
    obsX: number;
    obsY: number;
    obsXX: number;
    obsXY: number;
    obsYY: number;
    /** won, lost, bought a competitor without considering own, consideration unknown, other */
    outcomes: number;
    /** per attribute over the lost respondents who rated both their choice and own: count (winner better), n, sum of gaps */
    gaps: number;
    /** meanScores of the won (group 0) and the lost (group 1): sums and counts (2 x R), knows (2 x O) */
    groupSums: number;
    groupCounts: number;
    groupKnows: number;
    /** lost reasons: per attribute, sum of w g / 100 with the respondent's own weights, sum of g where the market's are used */
    impactOwn: number;
    /** per attribute, how many of impactOwn's terms are not 0 (none: it is exactly 0) */
    impactOwnTerms: number;
    gapMarketWeights: number;
    /** lost respondents with their own quality share: n, the quality and price parts with own weights (2), q' g per attribute with the market's */
    ownShare: number;
    ownShareOwnWeights: number;
    ownShareMarketWeights: number;
    /** lost respondents without a quality share (the market's is used): n, their leads with own weights (2), g per attribute with the market's */
    marketShare: number;
    marketShareOwnWeights: number;
    marketShareMarketWeights: number;
    /** length of `sums` */
    size: number;
  };
}

/**
 * One cell of sufficient statistics: the sums over a group of respondents from which
 * `analyzeStudyFromStatistics` computes what `analyzeStudy` computes from the respondents.
 * Cells of the same layout add up (`mergeStatistics`); a respondent is added or taken out with
 * `addRespondent`.
 */
export interface StudyStatistics {
  layout: StatisticsLayout;
  sums: Float64Array;
  /** lost respondents by the offer they chose (no zero entries) */
  lostCounts: Map<string, number>;
}
