import { describe, it, expect } from "vitest";
import { deltaMethodIntervals } from "../../analysis";
import { attributes, offers, simulateStudy, trueQuality } from "../../bench/coverage-model";
import { seededRandom } from "../../analysis/seeded-random";

/**
 * Simulation check of the delta-method interval of Q (method.md "Beyond Gale": the large-n
 * interval the report shows above its bootstrap limit). Studies drawn from the known model of
 * bench/coverage-model.ts with the respondents' weights varying around the model's weights
 * (expectation unchanged, so the true Q is still 107.7265) and quality shares 60 ± 20; ratings
 * with little noise (sigma 0.3), so that the weights' sampling error matters.
 *
 * 1000 studies x 200 respondents, seed 2026 (fixed before the first run): the propagated
 * interval must cover the true Q in 93-97 % of the studies (binomial standard error 0.7
 * points). The same studies with the weights held fixed (the study's two-level weights, here
 * equal to the flat ones) must cover clearly less: that is the error the propagation removes.
 */
describe("delta-method coverage of Q with varying weights", () => {
  it("covers the true Q in 93-97 % of 1000 studies, and holding the weights fixed does not", () => {
    const random = seededRandom(2026);
    let covered = 0;
    let coveredFixed = 0;
    let missedLow = 0;
    let missedHigh = 0;
    const studies = 1000;
    const inside = (i: { ok: boolean; lower?: number; upper?: number }) =>
      i.ok && (i.lower as number) <= trueQuality && trueQuality <= (i.upper as number);
    for (let s = 0; s < studies; s += 1) {
      const respondents = simulateStudy(200, 0.3, random, 1);
      const propagated = deltaMethodIntervals({ respondents, offers, attributes });
      const fixed = deltaMethodIntervals({
        respondents,
        offers,
        attributes: attributes.map((a) => ({ ...a, group: a.kind })),
        groups: [
          { id: "quality", weight: 100 },
          { id: "price", weight: 100 },
        ],
      });
      if (!propagated.ok || !fixed.ok) throw new Error(`study ${s}: no result`);
      const q = propagated.own.quality;
      if (inside(q)) covered += 1;
      else if (q.ok && q.upper < trueQuality) missedLow += 1;
      else missedHigh += 1;
      if (inside(fixed.own.quality)) coveredFixed += 1;
    }
    expect(covered / studies).toBeGreaterThanOrEqual(0.93);
    expect(covered / studies).toBeLessThanOrEqual(0.97);
    expect(Math.min(missedLow, missedHigh)).toBeGreaterThan(0);
    expect(coveredFixed / studies).toBeLessThan(0.9);
  }, 90_000);
});
