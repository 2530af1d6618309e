import { compareDescending } from "./compare-descending";
import { priceProfile } from "./price-profile";
import { qualityProfile } from "./quality-profile";
import type { MeanScores, WonLostGroupProfile, WonLostInput, WonLostReason, WonLostResult } from "./types";

/** What `wonLost` counts over the respondents (its rules are documented there). */
export interface WonLostTallies {
  won: number;
  lost: number;
  withoutConsideringOwn: number;
  considerationUnknown: number;
  other: number;
  /** lost respondents by the offer they chose */
  lostCounts: ReadonlyMap<string, number>;
  /** per attribute (input order), over the lost respondents who rated both their choice and own */
  gaps: Array<{ count: number; n: number; gapSum: number }>;
  /** the won and the lost respondents' mean scores (`meanScores` of each group) */
  wonScores: MeanScores;
  lostScores: MeanScores;
}

/**
 * `wonLost` (documented there) from its tallies instead of the respondents: the win rate, the
 * offers lost to, the top reasons and the two groups' profiles. The respondent path (`wonLost`)
 * and the sufficient-statistics path (`analyzeStudyFromStatistics`) both end here.
 */
export function wonLostFromTallies(input: Omit<WonLostInput, "respondents">, tallies: WonLostTallies): WonLostResult {
  const { offers, attributes, weights, ownId } = input;
  if (!offers.some((o) => o.id === ownId)) return { ok: false, reason: "unknown-offer" };
  const decided = tallies.won + tallies.lost;
  const lostTo = [...tallies.lostCounts]
    .map(([offerId, count]) => ({ offerId, count }))
    .sort((a, b) => b.count - a.count || (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0));
  const candidates: WonLostReason[] = attributes.map((attribute, i) => {
    const { count, n, gapSum } = tallies.gaps[i] ?? { count: 0, n: 0, gapSum: 0 };
    return { id: attribute.id, kind: attribute.kind, count, n, meanGap: n > 0 ? gapSum / n : 0 };
  });
  const top = Math.max(0, Math.floor(input.topReasons ?? 3));
  const reasons = candidates
    .map((reason, index) => ({ reason, index }))
    .filter(({ reason }) => reason.count > 0)
    .sort((a, b) => b.reason.count - a.reason.count || compareDescending(a.reason.meanGap, b.reason.meanGap) || a.index - b.index)
    .slice(0, top)
    .map(({ reason }) => reason);

  const profile = (n: number, scores: MeanScores): WonLostGroupProfile => {
    const profileInput = { attributes, weights, scores, offers, offerId: ownId };
    return { n, quality: qualityProfile(profileInput), price: priceProfile(profileInput) };
  };

  return {
    ok: true,
    won: tallies.won,
    lost: tallies.lost,
    boughtCompetitorWithoutConsideringOwn: tallies.withoutConsideringOwn,
    boughtCompetitorConsiderationUnknown: tallies.considerationUnknown,
    other: tallies.other,
    winRate: decided > 0 ? { ok: true, rate: tallies.won / decided } : { ok: false, reason: "no-decisions" },
    lostTo,
    reasons,
    profiles: { won: profile(tallies.won, tallies.wonScores), lost: profile(tallies.lost, tallies.lostScores) },
  };
}
