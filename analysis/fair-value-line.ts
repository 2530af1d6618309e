import { linearRegression, mean } from "simple-statistics";
import type { FairValueLineResult, FairValueLineSpec } from "./types";

/**
 * Fair-value line of the customer value map, `RP = intercept + slope * Q`
 * (method.md "The tools" (c)):
 * - "parity": slope 1 through (100, 100);
 * - "weights" (default of the map): slope `b = q / (100 - q)` through (100, 100), q the mean
 *   quality share;
 * - "regression": least squares of RP on Q over `points` (at least 3), through
 *   (mean Q, mean RP);
 * - "slope": the given slope through the market means (mean Q, mean RP) of `points`.
 *
 * Unavailable: "no-quality-share" (weights, q null), "quality-share-out-of-range",
 * "quality-share-100" (weights, q = 100: vertical line), "too-few-offers" (regression with
 * < 3 points), "zero-variance" (regression, all Q equal), "no-points" (slope, no points),
 * "invalid-slope" (slope not finite), "not-finite" (a point not finite).
 */
export function fairValueLine(
  spec: FairValueLineSpec,
  points: Array<{ quality: number; relativePrice: number }>,
  qualityShare: number | null,
): FairValueLineResult {
  const parityPoint = { quality: 100, relativePrice: 100 };
  switch (spec.type) {
    case "parity":
      return { ok: true, type: "parity", slope: 1, intercept: 0, through: parityPoint };
    case "weights": {
      if (qualityShare === null) return { ok: false, reason: "no-quality-share" };
      if (!Number.isFinite(qualityShare) || qualityShare < 0 || qualityShare > 100) {
        return { ok: false, reason: "quality-share-out-of-range" };
      }
      if (qualityShare === 100) return { ok: false, reason: "quality-share-100" };
      const slope = qualityShare / (100 - qualityShare);
      return { ok: true, type: "weights", slope, intercept: 100 - slope * 100, through: parityPoint };
    }
    case "regression":
    case "slope": {
      if (points.some((p) => !Number.isFinite(p.quality) || !Number.isFinite(p.relativePrice))) {
        return { ok: false, reason: "not-finite" };
      }
      if (spec.type === "regression" && points.length < 3) {
        return { ok: false, reason: "too-few-offers" };
      }
      if (points.length === 0) return { ok: false, reason: "no-points" };
      const through = {
        quality: mean(points.map((p) => p.quality)),
        relativePrice: mean(points.map((p) => p.relativePrice)),
      };
      let slope: number;
      if (spec.type === "regression") {
        const qualities = points.map((p) => p.quality);
        if (Math.max(...qualities) === Math.min(...qualities)) {
          return { ok: false, reason: "zero-variance" };
        }
        slope = linearRegression(points.map((p) => [p.quality, p.relativePrice])).m;
        if (!Number.isFinite(slope)) return { ok: false, reason: "zero-variance" };
      } else {
        if (!Number.isFinite(spec.slope)) return { ok: false, reason: "invalid-slope" };
        slope = spec.slope;
      }
      const intercept = through.relativePrice - slope * through.quality;
      return { ok: true, type: spec.type, slope, intercept, through };
    }
  }
}
