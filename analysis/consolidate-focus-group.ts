import { mean, sampleStandardDeviation } from "simple-statistics";

type Kind = "quality" | "price";

export interface FocusGroupPoints {
  /** Points of 100 given to the quality side (the rest goes to price); null when not given. */
  qualityShare: number | null;
  /** attribute code -> points within its kind (0 = does not matter; absent = not asked). */
  points: Record<string, number>;
}

/** Mean, sample standard deviation (n - 1; null for n < 2) and n of a set of points; mean null for n = 0. */
export interface Spread {
  n: number;
  mean: number | null;
  sd: number | null;
}

export interface ConsolidatedAttribute extends Spread {
  code: string;
  kind: Kind;
  /** Share (0..1) of the respondents asked who gave it more than 0 points; null for n = 0. */
  mattersShare: number | null;
}

export type AdoptableWeights =
  | { ok: true; qualityShare: number; weights: Record<string, number> }
  | { ok: false; reason: "no-responses" | "no-quality-points" | "no-price-points" | "no-quality-share" };

export interface FocusGroupConsolidation {
  n: number;
  attributes: ConsolidatedAttribute[];
  /** The quality/price split (points given to quality). */
  split: Spread;
  /** The consolidated weights as the study's stated weights (StatedWeightsSchema's shape). */
  stated: AdoptableWeights;
}

function spread(values: number[]): Spread {
  return {
    n: values.length,
    mean: values.length ? mean(values) : null,
    sd: values.length >= 2 ? sampleStandardDeviation(values) : null,
  };
}

/**
 * Consolidates the focus-group stage (Gale steps 1-2): per attribute the mean, the sample
 * standard deviation and n of the points respondents gave it (0 counts: "does not matter"), and
 * the share who said it matters; the mean quality/price split.
 *
 * Stated weights to adopt: within each kind the attribute means renormalised to sum 100
 * (`w_i = 100 * mean_i / sum_k mean_k`; attributes with no answers get 0; a kind with a single
 * attribute gives it 100), and `qualityShare` = the mean split. Not adoptable when there is no
 * response, a kind with 2+ attributes got no points at all, or nobody gave the split.
 */
export function consolidateFocusGroup(answers: FocusGroupPoints[], attributes: Array<{ code: string; kind: Kind }>): FocusGroupConsolidation {
  const consolidated: ConsolidatedAttribute[] = attributes.map((a) => {
    const values = answers.flatMap((r) => {
      const p = r.points[a.code];
      return p !== undefined && Number.isFinite(p) ? [p] : [];
    });
    return { code: a.code, kind: a.kind, ...spread(values), mattersShare: values.length ? values.filter((v) => v > 0).length / values.length : null };
  });
  const split = spread(answers.flatMap((r) => (r.qualityShare !== null && Number.isFinite(r.qualityShare) ? [r.qualityShare] : [])));
  return { n: answers.length, attributes: consolidated, split, stated: adoptable(answers.length, consolidated, split) };
}

function adoptable(n: number, attributes: ConsolidatedAttribute[], split: Spread): AdoptableWeights {
  if (n === 0) return { ok: false, reason: "no-responses" };
  const weights: Record<string, number> = {};
  for (const kind of ["quality", "price"] as const) {
    const set = attributes.filter((a) => a.kind === kind);
    if (set.length === 1) {
      weights[set[0]!.code] = 100;
      continue;
    }
    const total = set.reduce((s, a) => s + (a.mean ?? 0), 0);
    if (set.length && total <= 0) return { ok: false, reason: kind === "quality" ? "no-quality-points" : "no-price-points" };
    for (const a of set) weights[a.code] = (100 * (a.mean ?? 0)) / total;
  }
  if (split.mean === null) return { ok: false, reason: "no-quality-share" };
  return { ok: true, qualityShare: split.mean, weights };
}
