import { curveIntersection } from "./curve-intersection";
import type { PriceSensitivityAnswer, VanWestendorpCurvePoint, VanWestendorpResult } from "./types";
import { validPriceAnswer } from "./valid-price-answer";

/**
 * Van Westendorp's price sensitivity meter (docs/method.md §8). Respondents whose prices break
 * too cheap ≤ cheap ≤ expensive ≤ too expensive (or are not finite, or < 0) are dropped and
 * counted. At every price any kept respondent named (ascending), the empirical cumulative
 * shares: too cheap TC(p) and cheap C(p) descending (share who named a price ≥ p), expensive
 * E(p) and too expensive TE(p) ascending (share who named a price ≤ p); not cheap = 1 − C,
 * not expensive = 1 − E. Intersections by linear interpolation between those prices
 * (`curveIntersection`): PMC = TC ∩ not cheap, PME = TE ∩ not expensive, OPP = TC ∩ TE,
 * IPP = C ∩ E; acceptable range [PMC, PME]. The curve points are returned for charts.
 *
 * Unavailable: "no-valid-answers"; an intersection "no-intersection".
 */
export function vanWestendorp(answers: PriceSensitivityAnswer[]): VanWestendorpResult {
  const kept = answers.filter(validPriceAnswer);
  const n = kept.length;
  if (n === 0) return { ok: false, reason: "no-valid-answers" };
  const prices = [...new Set(kept.flatMap((a) => [a.tooCheap, a.cheap, a.expensive, a.tooExpensive]))].sort((a, b) => a - b);
  const share = (test: (a: PriceSensitivityAnswer) => boolean) => kept.filter(test).length / n;
  const curves: VanWestendorpCurvePoint[] = prices.map((price) => {
    const cheap = share((a) => a.cheap >= price);
    const expensive = share((a) => a.expensive <= price);
    return {
      price,
      tooCheap: share((a) => a.tooCheap >= price),
      cheap,
      notCheap: 1 - cheap,
      expensive,
      notExpensive: 1 - expensive,
      tooExpensive: share((a) => a.tooExpensive <= price),
    };
  });
  const column = (key: keyof VanWestendorpCurvePoint) => curves.map((c) => c[key]);
  const pmc = curveIntersection(prices, column("tooCheap"), column("notCheap"));
  const pme = curveIntersection(prices, column("tooExpensive"), column("notExpensive"));
  const opp = curveIntersection(prices, column("tooCheap"), column("tooExpensive"));
  const ipp = curveIntersection(prices, column("cheap"), column("expensive"));
  return {
    ok: true,
    n,
    dropped: answers.length - n,
    curves,
    pmc,
    pme,
    opp,
    ipp,
    range: pmc.ok && pme.ok ? { ok: true, lower: pmc.price, upper: pme.price } : { ok: false, reason: "no-intersection" },
  };
}
