import type { DemandCurvePoint, GaborGrangerRespondent, GaborGrangerResult } from "./types";

/**
 * Gabor–Granger price research (docs/method.md §8). The researcher's ladder of prices
 * (ascending, each >= 0); each respondent answers buy / not buy at some of them (asked from
 * the middle, up after yes, down after no: `gaborGrangerNextPrice`). Answers imply monotone
 * willingness: willing at every ladder price up to the highest yes, not willing from the lowest
 * no up; a respondent with a yes above a no, a price off the ladder, or no answer is dropped
 * and counted. Demand(p) = share willing at p among the kept respondents whose willingness at p
 * is known (`nKnown`; unknown only between a yes and a no that are not neighbours on the
 * ladder); revenue index = p · Demand(p); revenue-maximising price = the ladder price with the
 * highest revenue index, lowest on ties.
 *
 * Unavailable: "invalid-ladder" (empty, not strictly ascending, a price not finite or < 0),
 * "no-valid-answers".
 */
export function gaborGranger(ladder: number[], respondents: GaborGrangerRespondent[]): GaborGrangerResult {
  if (ladder.length === 0 || ladder.some((p, i) => !Number.isFinite(p) || p < 0 || (i > 0 && p <= (ladder[i - 1] as number)))) {
    return { ok: false, reason: "invalid-ladder" };
  }
  const onLadder = new Set(ladder);
  const kept: Array<{ highestYes: number; lowestNo: number }> = [];
  for (const respondent of respondents) {
    if (respondent.answers.length === 0 || respondent.answers.some((a) => !onLadder.has(a.price))) continue;
    const highestYes = Math.max(-Infinity, ...respondent.answers.filter((a) => a.buy).map((a) => a.price));
    const lowestNo = Math.min(Infinity, ...respondent.answers.filter((a) => !a.buy).map((a) => a.price));
    if (highestYes >= lowestNo) continue;
    kept.push({ highestYes, lowestNo });
  }
  if (kept.length === 0) return { ok: false, reason: "no-valid-answers" };
  const curve = ladder.map((price) => {
    const willing = kept.filter((k) => price <= k.highestYes).length;
    const known = kept.filter((k) => price <= k.highestYes || price >= k.lowestNo).length;
    const demand = known > 0 ? willing / known : 0;
    return { price, demand, revenue: price * demand, nKnown: known };
  });
  let revenueMaximising: DemandCurvePoint = curve[0] as DemandCurvePoint;
  for (const p of curve) if (p.revenue > revenueMaximising.revenue) revenueMaximising = p;
  const { price, demand, revenue } = revenueMaximising;
  return { ok: true, n: kept.length, dropped: respondents.length - kept.length, curve, revenueMaximising: { price, demand, revenue } };
}
