import { meanScores } from "./mean-scores";
import { wonLostOutcome } from "./won-lost-outcome";
import type { RespondentOutcome, WonLostInput, WonLostResult } from "./types";
import { wonLostFromTallies } from "./won-lost-from-tallies";

/**
 * Won/lost analysis (method.md "The tools" (d)).
 *
 * Every respondent falls in exactly one group (`wonLostOutcome` states the rule): won (bought
 * own), lost (bought a competitor after considering own), boughtCompetitorWithoutConsideringOwn,
 * boughtCompetitorConsiderationUnknown (no considered set given: older questionnaires asked it
 * optionally) and other (no purchase given). Win rate = won / (won + lost): won among the
 * buyers who weighed the own offer.
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
  const { respondents, offers, attributes, ownId } = input;
  if (!offers.some((o) => o.id === ownId)) return { ok: false, reason: "unknown-offer" };
  const won: RespondentOutcome[] = [];
  const lost: RespondentOutcome[] = [];
  let withoutConsideringOwn = 0;
  let considerationUnknown = 0;
  let other = 0;
  for (const r of respondents) {
    const outcome = wonLostOutcome(r, ownId);
    if (outcome === "won") won.push(r);
    else if (outcome === "lost") lost.push(r);
    else if (outcome === "bought-competitor-without-considering-own") withoutConsideringOwn += 1;
    else if (outcome === "bought-competitor-consideration-unknown") considerationUnknown += 1;
    else other += 1;
  }
  const lostCounts = new Map<string, number>();
  for (const r of lost) lostCounts.set(r.chose ?? "", (lostCounts.get(r.chose ?? "") ?? 0) + 1);
  const gaps = attributes.map((attribute) => {
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
    return { count, n, gapSum };
  });
  return wonLostFromTallies(input, {
    won: won.length,
    lost: lost.length,
    withoutConsideringOwn,
    considerationUnknown,
    other,
    lostCounts,
    gaps,
    wonScores: meanScores(won, offers, attributes),
    lostScores: meanScores(lost, offers, attributes),
  });
}
