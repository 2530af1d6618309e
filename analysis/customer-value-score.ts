import type { CustomerValueScoreResult, ValueBand } from "./types";

/**
 * Customer value score (method.md "The tools" (c), value profile):
 * `V = (q * Q + (100 - q) * S) / 100`, 100 = parity, with Q the quality score, S the
 * price-satisfaction score and q the quality share (0..100).
 *
 * PIMS bands: V > 110 "world-class"; 103 <= V <= 110 "above-parity"; 98 <= V < 103 "parity";
 * V < 98 "below-parity". method.md lists 98–102 as parity and 103–110 as above parity; the
 * gap between 102 and 103 is treated as parity here.
 *
 * Unavailable: "not-finite" (Q, S or q not finite), "quality-share-out-of-range".
 */
export function customerValueScore(
  quality: number,
  satisfaction: number,
  qualityShare: number,
): CustomerValueScoreResult {
  if (![quality, satisfaction, qualityShare].every(Number.isFinite)) {
    return { ok: false, reason: "not-finite" };
  }
  if (qualityShare < 0 || qualityShare > 100) {
    return { ok: false, reason: "quality-share-out-of-range" };
  }
  const value = (qualityShare * quality + (100 - qualityShare) * satisfaction) / 100;
  let band: ValueBand;
  if (value > 110) band = "world-class";
  else if (value >= 103) band = "above-parity";
  else if (value >= 98) band = "parity";
  else band = "below-parity";
  return { ok: true, value, band };
}
