import { meanScores } from "./mean-scores";
import { priceProfile } from "./price-profile";
import { qualityProfile } from "./quality-profile";
import type { RespondentOutcome, WonLostGroupProfile, WonLostInput, WonLostReason, WonLostResult } from "./types";

/**
 * Won/lost analysis (method.md "The tools" (d)).
 *
 * Every respondent falls in exactly one group:
 * - won: `chose` is the own offer;
 * - lost: `chose` is a competitor and `considered` includes the own offer;
 * - boughtCompetitorWithoutConsideringOwn: `chose` is a competitor and `considered` is given
 *   (not empty) without the own offer. The questionnaire asks the considered set with the
 *   purchase and counts the bought offer in it, so an answered set is never empty;
 * - boughtCompetitorConsiderationUnknown: `chose` is a competitor and `considered` is missing or
 *   empty (answers from questionnaires that asked it as an optional question, left unanswered):
 *   neither lost nor "without considering own" can be claimed for them;
 * - other: no purchase given (`chose` missing).
 * Win rate = won / (won + lost): won against the buyers who weighed the own offer.
 *
 * Lost to: lost respondents counted by the offer they chose, most first, ties by id.
 *
 * Reasons: per attribute (quality and price), among lost respondents who rated both their
 * chosen offer c and own on it (n), `count` = those with `s_{r,c,i} > s_{r,own,i}` (`<` when
 * lowerIsBetter; for price satisfaction a higher rating = the winner felt cheaper), and
 * `meanGap` = mean over n of `s_{r,c,i} - s_{r,own,i}` (turned for lowerIsBetter). The
 * `topReasons` (default 3) attributes with count > 0, by count, then meanGap, then input order.
 *
 * Profiles: own vs every other offer in `offers` (`qualityProfile`, `priceProfile`) from the
 * mean scores of the won and of the lost respondents separately, with the market `weights` for
 * both so that they compare side by side. An empty group gives Unavailable profiles
 * ("offer-not-rated").
 *
 * Unavailable: "unknown-offer" (own not in `offers`); win rate "no-decisions" (won + lost = 0).
 */
export function wonLost(input: WonLostInput): WonLostResult {
  const { respondents, offers, attributes, weights, ownId } = input;
  if (!offers.some((o) => o.id === ownId)) return { ok: false, reason: "unknown-offer" };
  const won: RespondentOutcome[] = [];
  const lost: RespondentOutcome[] = [];
  let withoutConsideringOwn = 0;
  let considerationUnknown = 0;
  for (const r of respondents) {
    if (r.chose === undefined) continue;
    if (r.chose === ownId) won.push(r);
    else if (r.considered?.includes(ownId) === true) lost.push(r);
    else if (r.considered !== undefined && r.considered.length > 0) withoutConsideringOwn += 1;
    else considerationUnknown += 1;
  }
  const decided = won.length + lost.length;

  const lostCounts = new Map<string, number>();
  for (const r of lost) lostCounts.set(r.chose ?? "", (lostCounts.get(r.chose ?? "") ?? 0) + 1);
  const lostTo = [...lostCounts]
    .map(([offerId, count]) => ({ offerId, count }))
    .sort((a, b) => b.count - a.count || (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0));

  const candidates: WonLostReason[] = attributes.map((attribute) => {
    let count = 0;
    let n = 0;
    let gapSum = 0;
    for (const r of lost) {
      const own = r.ratings[ownId]?.[attribute.id];
      const winner = r.ratings[r.chose ?? ""]?.[attribute.id];
      if (own === undefined || winner === undefined || !Number.isFinite(own) || !Number.isFinite(winner)) continue;
      const gap = attribute.lowerIsBetter === true ? own - winner : winner - own;
      n += 1;
      gapSum += gap;
      if (gap > 0) count += 1;
    }
    return { id: attribute.id, kind: attribute.kind, count, n, meanGap: n > 0 ? gapSum / n : 0 };
  });
  const top = Math.max(0, Math.floor(input.topReasons ?? 3));
  const reasons = candidates
    .map((reason, index) => ({ reason, index }))
    .filter(({ reason }) => reason.count > 0)
    .sort((a, b) => b.reason.count - a.reason.count || b.reason.meanGap - a.reason.meanGap || a.index - b.index)
    .slice(0, top)
    .map(({ reason }) => reason);

  const profile = (group: RespondentOutcome[]): WonLostGroupProfile => {
    const scores = meanScores(group, offers, attributes);
    const profileInput = { attributes, weights, scores, offers, offerId: ownId };
    return { n: group.length, quality: qualityProfile(profileInput), price: priceProfile(profileInput) };
  };

  return {
    ok: true,
    won: won.length,
    lost: lost.length,
    boughtCompetitorWithoutConsideringOwn: withoutConsideringOwn,
    boughtCompetitorConsiderationUnknown: considerationUnknown,
    other: respondents.length - decided - withoutConsideringOwn - considerationUnknown,
    winRate: decided > 0 ? { ok: true, rate: won.length / decided } : { ok: false, reason: "no-decisions" },
    lostTo,
    reasons,
    profiles: { won: profile(won), lost: profile(lost) },
  };
}
