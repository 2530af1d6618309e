import { meanScores } from "./mean-scores";
import { ratingSpread } from "./rating-spread";
import { regularizedIncompleteBeta } from "./statistics/regularized-incomplete-beta";
import { studentTQuantile } from "./scenarios/student-t-quantile";
import type { AttributeDef, MeanScores, OfferDef, RespondentInput, Unavailable } from "./types";

export interface AttributeGapTestsInput {
  /** the respondents of the segment */
  respondents: RespondentInput[];
  offers: OfferDef[];
  attributes: AttributeDef[];
  ownId: string;
  /** reference set R; default every offer but own */
  referenceIds?: string[];
  /** market shares for a share-weighted reference mean */
  shares?: Record<string, number>;
  /** confidence level; default 0.95 (a gap is significant when p < 1 − level) */
  level?: number;
  /** the respondents' means (`meanScores`) and spreads (`ratingSpread`) when already computed
   * (the sufficient-statistics path); by default computed from `respondents` */
  summary?: { scores: MeanScores; spread: Record<string, Record<string, number | null>> };
}

/** One attribute's gap and its test. */
export type AttributeGapTest =
  | {
      ok: true;
      id: string;
      /** the test used */
      test: "welch-t";
      own: number;
      reference: number;
      /** m_own − m_R, turned for lowerIsBetter so that > 0 = own better */
      gap: number;
      standardError: number;
      t: number;
      /** Welch–Satterthwaite degrees of freedom */
      df: number;
      /** two-sided p-value */
      p: number;
      significant: boolean;
      /** confidence interval of the gap at `level` */
      lower: number;
      upper: number;
      /** ratings behind own's mean and the fewest behind a reference offer's mean */
      nOwn: number;
      nReference: number;
    }
  | { ok: false; id: string; reason: "offer-not-rated" | "no-reference-ratings" | "too-few-ratings" | "zero-variance" };

export type AttributeGapTestsResult =
  | { ok: true; level: number; attributes: AttributeGapTest[] }
  | Unavailable;

/**
 * Significance of the own offer's attribute gaps against the reference (docs/method.md §4 (g);
 * segment comparison: run it on a segment's respondents). Per attribute, with the method's
 * means (`meanScores`), sample standard deviations s (`ratingSpread`) and counts n:
 * `m_R = sum_k a_k m_k` over the reference offers that were rated (a_k = 1 / |R|, or
 * s_k / sum s with `shares`), gap `m_own − m_R` (turned for lowerIsBetter), standard error
 * `SE = sqrt(s_own² / n_own + sum_k a_k² s_k² / n_k)`, `t = gap / SE`, Welch–Satterthwaite
 * `df = SE⁴ / (sum over the terms v of v² / (n − 1))` (with one reference offer: Welch's
 * t-test), two-sided `p = I_{df / (df + t²)}(df / 2, 1 / 2)` (`regularizedIncompleteBeta`),
 * significant when p < 1 − level; interval `gap ± t_{(1 + level) / 2, df} SE` (the quantile of
 * `scenarios/student-t-quantile`). The samples are
 * treated as independent although one respondent may rate several offers (the covariance of
 * such pairs is left out).
 *
 * Per attribute Unavailable: "offer-not-rated", "no-reference-ratings", "too-few-ratings"
 * (n < 2 for own or a reference offer), "zero-variance" (SE = 0). Whole result: "unknown-offer",
 * "no-reference", "zero-share", "missing-share", "invalid-level".
 */
export function attributeGapTests(input: AttributeGapTestsInput): AttributeGapTestsResult {
  const level = input.level ?? 0.95;
  if (!(level > 0 && level < 1)) return { ok: false, reason: "invalid-level" };
  if (!input.offers.some((o) => o.id === input.ownId)) return { ok: false, reason: "unknown-offer" };
  const referenceIds = (input.referenceIds ?? input.offers.map((o) => o.id)).filter((id) => id !== input.ownId);
  if (referenceIds.length === 0) return { ok: false, reason: "no-reference" };
  if (referenceIds.some((id) => !input.offers.some((o) => o.id === id))) return { ok: false, reason: "unknown-offer" };
  if (input.shares !== undefined) {
    for (const id of referenceIds) {
      const share = input.shares[id];
      if (share === undefined) return { ok: false, reason: "missing-share" };
      if (!(share > 0) || share === Infinity) return { ok: false, reason: "zero-share" };
    }
  }
  const scores = input.summary?.scores ?? meanScores(input.respondents, input.offers, input.attributes);
  const spread = input.summary?.spread ?? ratingSpread(input.respondents, input.offers, input.attributes);
  const critical = (df: number) => {
    const quantile = studentTQuantile((1 + level) / 2, df);
    return quantile.ok ? quantile.value : 0;
  };

  const attributes: AttributeGapTest[] = input.attributes.map((attribute) => {
    const id = attribute.id;
    const own = scores.means[input.ownId]?.[id] ?? null;
    if (own === null) return { ok: false, id, reason: "offer-not-rated" };
    const rated = referenceIds.filter((k) => (scores.means[k]?.[id] ?? null) !== null);
    if (rated.length === 0) return { ok: false, id, reason: "no-reference-ratings" };
    const shareSum = rated.reduce((s, k) => s + (input.shares?.[k] ?? 1), 0);
    const terms: Array<{ v: number; n: number }> = [];
    const nOwn = scores.n[input.ownId]?.[id] ?? 0;
    const sOwn = spread[input.ownId]?.[id] ?? null;
    if (sOwn === null || nOwn < 2) return { ok: false, id, reason: "too-few-ratings" };
    terms.push({ v: (sOwn * sOwn) / nOwn, n: nOwn });
    let reference = 0;
    let nReference = Infinity;
    for (const k of rated) {
      const a = (input.shares?.[k] ?? 1) / shareSum;
      const n = scores.n[k]?.[id] ?? 0;
      const s = spread[k]?.[id] ?? null;
      if (s === null || n < 2) return { ok: false, id, reason: "too-few-ratings" };
      reference += a * (scores.means[k]?.[id] as number);
      terms.push({ v: (a * a * s * s) / n, n });
      nReference = Math.min(nReference, n);
    }
    const variance = terms.reduce((sum, term) => sum + term.v, 0);
    if (!(variance > 0)) return { ok: false, id, reason: "zero-variance" };
    const standardError = Math.sqrt(variance);
    const gap = attribute.lowerIsBetter === true ? reference - own : own - reference;
    const t = gap / standardError;
    const df = (variance * variance) / terms.reduce((sum, term) => sum + (term.v * term.v) / (term.n - 1), 0);
    const p = regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
    const margin = critical(df) * standardError;
    return {
      ok: true,
      id,
      test: "welch-t",
      own,
      reference,
      gap,
      standardError,
      t,
      df,
      p,
      significant: p < 1 - level,
      lower: gap - margin,
      upper: gap + margin,
      nOwn,
      nReference,
    };
  });
  return { ok: true, level, attributes };
}
