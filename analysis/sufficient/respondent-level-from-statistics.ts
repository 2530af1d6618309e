import { deltaMethodFromMoments } from "../delta-method-from-moments";
import { derivedImportanceFromMoments, type ImportanceMoments } from "../importance/derived-importance-from-moments";
import type { RespondentLevel } from "../respondent-level";
import type { AggregatedWeights, AttributeDef, AttributeKind, MeanScores } from "../types";
import { wonLostFromTallies } from "../won-lost-from-tallies";
import { wonLostReasonsFromSums } from "../won-lost-reasons-from-sums";
import type { StudyStatistics } from "./types";

/** Means, counts and n_j from sums, counts and knows laid out offer-major (`meanScores`' shape). */
function scoresOf(offers: string[], attributes: AttributeDef[], at: (o: number, t: number) => [sum: number, count: number], knows: (o: number) => number): MeanScores {
  const scores: MeanScores = { means: {}, n: {}, nOffer: {} };
  offers.forEach((offer, o) => {
    const means: Record<string, number | null> = {};
    const n: Record<string, number> = {};
    attributes.forEach((attribute, t) => {
      const [sum, count] = at(o, t);
      means[attribute.id] = count > 0 ? sum / count : null;
      n[attribute.id] = count;
    });
    scores.means[offer] = means;
    scores.n[offer] = n;
    scores.nOffer[offer] = knows(o);
  });
  return scores;
}

/** A kind's weights normalised to 100 over its attributes (`wonLostReasons`' market weights), empty when they sum to 0. */
function normalised(weights: Record<string, number>, set: AttributeDef[]): Map<string, number> {
  const raw = set.map((a) => {
    const w = weights[a.id];
    return w !== undefined && Number.isFinite(w) && w > 0 ? w : 0;
  });
  const sum = raw.reduce((s, w) => s + w, 0);
  return sum > 0 ? new Map(set.map((a, i) => [a.id, (100 * (raw[i] ?? 0)) / sum])) : new Map();
}

/**
 * `analyzeStudy`'s respondent passes answered from one cell of sufficient statistics: the final
 * formulas of `aggregateWeights`, `meanScores`, `ratingSpread` (sd² = (Σx² − (Σx)²/n) / (n − 1)),
 * the delta method (pair sums about the means: Σ(x_a − m_a) = S_a − n_ab m_a and
 * Σ(x_a − m_a)(x_b − m_b) = P_ab − m_b S_a − m_a S_b + n_ab m_a m_b), derived importance
 * (centred moments from raw ones), won/lost and the weighted lost reasons (the market's weights
 * and share applied to the sums of the respondents who gave none). Equal to the respondent
 * passes up to rounding (the sums are taken in another order and about zero).
 */
export function respondentLevelFromStatistics(cell: StudyStatistics): RespondentLevel {
  const { layout, sums } = cell;
  const { offers, attributes, O, A, R, M, quality, offsets: at } = layout;
  const get = (i: number) => sums[i] as number;
  const count = get(at.count);

  const weights: Record<string, number> = {};
  const n = { quality: 0, price: 0 };
  for (const kind of ["quality", "price"] as const) {
    const set = attributes.flatMap((a, t) => (a.kind === kind ? [t] : []));
    if (set.length === 0) continue;
    const first = R + (set[0] as number);
    const included = get(at.pairN + first * M + first);
    n[kind] = included;
    for (const t of set) {
      const v = R + t;
      // Nobody gave it a weight: exactly 0 (sums of respondents taken out again leave rounding).
      const sum = get(at.weightsGiven + t) > 0 ? get(at.pairSum + v * M + v) : 0;
      weights[(attributes[t] as AttributeDef).id] = included > 0 ? sum / included : 100 / set.length;
    }
  }
  const shareVar = R + A;
  const nQualityShare = get(at.pairN + shareVar * M + shareVar);
  const aggregated: AggregatedWeights = {
    weights,
    n,
    qualityShare: nQualityShare > 0 ? get(at.pairSum + shareVar * M + shareVar) / nQualityShare : null,
    nQualityShare,
  };
  /** a mean's own entry in the M x M sums */
  const diagonal = (a: number) => a * M + a;
  const scores = scoresOf(
    offers,
    attributes,
    (o, t) => [get(at.pairSum + diagonal(o * A + t)), get(at.pairN + diagonal(o * A + t))],
    (o) => get(at.knows + o),
  );
  const groupScores = (group: number) =>
    scoresOf(
      offers,
      attributes,
      (o, t) => [get(at.groupSums + group * R + o * A + t), get(at.groupCounts + group * R + o * A + t)],
      (o) => get(at.groupKnows + group * O + o),
    );

  let spread: Record<string, Record<string, number | null>> | null = null;
  const p = quality.length;
  const noMaxDiff = { ok: false as const, reason: "no-maxdiff" as const };
  return {
    count,
    maxDiff: { byKind: { quality: noMaxDiff, price: noMaxDiff }, skippedTasks: 0 },
    aggregated,
    scores,
    spread: () => {
      if (spread !== null) return spread;
      spread = {};
      offers.forEach((offer, o) => {
        const row: Record<string, number | null> = {};
        attributes.forEach((attribute, t) => {
          const d = diagonal(o * A + t);
          const k = get(at.pairN + d);
          const s = get(at.pairSum + d);
          row[attribute.id] = k < 2 ? null : Math.sqrt(Math.max(0, get(at.pairProduct + d) - (s * s) / k) / (k - 1));
        });
        (spread as Record<string, Record<string, number | null>>)[offer] = row;
      });
      return spread;
    },
    delta: (settings) =>
      deltaMethodFromMoments(settings, {
        n: count,
        aggregated,
        scores,
        pairs: (delta) => {
          if (delta.M !== M) throw new Error("respondentLevelFromStatistics: the delta method's layout differs from the statistics'");
          const pairN = new Float64Array(M * M);
          const pairSum = new Float64Array(M * M);
          const pairProduct = new Float64Array(M * M);
          // Only the means the respondent pass would have counted (weights of kinds it propagates, q when there is one).
          const counted = (a: number) => a < R || (a < R + A ? delta.weightKind[a - R] !== 0 : delta.q !== null);
          for (let a = 0; a < M; a += 1) {
            if (!counted(a)) continue;
            const ma = delta.mean[a] as number;
            for (let b = a; b < M; b += 1) {
              if (!counted(b)) continue;
              const nab = get(at.pairN + a * M + b);
              if (nab === 0) continue;
              const mb = delta.mean[b] as number;
              const sa = get(at.pairSum + a * M + b);
              const sb = get(at.pairSum + b * M + a);
              pairN[a * M + b] = nab;
              pairSum[a * M + b] = sa - nab * ma;
              if (a !== b) pairSum[b * M + a] = sb - nab * mb;
              pairProduct[a * M + b] = get(at.pairProduct + a * M + b) - mb * sa - ma * sb + nab * ma * mb;
            }
          }
          return { pairN, pairSum, pairProduct };
        },
      }),
    derived: (settings) =>
      derivedImportanceFromMoments(settings, () => {
        const k = get(at.obsN);
        const meanY = get(at.obsY) / Math.max(1, k);
        const meanX = Float64Array.from({ length: p }, (_, i) => get(at.obsX + i) / Math.max(1, k));
        const cross = new Float64Array(p * p);
        const xy = new Float64Array(p);
        const squares = new Float64Array(p);
        for (let i = 0; i < p; i += 1) {
          squares[i] = get(at.obsXX + i * p + i);
          xy[i] = get(at.obsXY + i) - k * (meanX[i] as number) * meanY;
          for (let j = i; j < p; j += 1) cross[i * p + j] = get(at.obsXX + i * p + j) - k * (meanX[i] as number) * (meanX[j] as number);
        }
        const moments: ImportanceMoments = { n: k, meanX, meanY, cross, xy, ssTotal: get(at.obsYY) - k * meanY * meanY, squares };
        return { moments, nRespondents: get(at.obsRespondents) };
      }),
    wonLost: (settings) =>
      wonLostFromTallies(settings, {
        won: get(at.outcomes),
        lost: get(at.outcomes + 1),
        withoutConsideringOwn: get(at.outcomes + 2),
        considerationUnknown: get(at.outcomes + 3),
        other: get(at.outcomes + 4),
        lostCounts: cell.lostCounts,
        gaps: attributes.map((_, t) => ({ count: get(at.gaps + 3 * t), n: get(at.gaps + 3 * t + 1), gapSum: get(at.gaps + 3 * t + 2) })),
        wonScores: groupScores(0),
        lostScores: groupScores(1),
      }),
    lostReasons: (settings) => {
      const market: Record<AttributeKind, Map<string, number>> = {
        quality: normalised(settings.weights, attributes.filter((a) => a.kind === "quality")),
        price: normalised(settings.weights, attributes.filter((a) => a.kind === "price")),
      };
      const marketWeight = (t: number) => {
        const attribute = attributes[t] as AttributeDef;
        return market[attribute.kind].get(attribute.id) ?? 0;
      };
      // Terms added and taken out again leave a rounding residue where the respondent pass sums
      // to exactly 0 (no term left that is not 0): then it is that 0, so that "impact > 0"
      // picks the same reasons.
      const ownImpact = (t: number) => (get(at.impactOwnTerms + t) > 0 ? get(at.impactOwn + t) : 0);
      const q = settings.qualityShare ?? null;
      const usesMarketShare = q !== null && Number.isFinite(q);
      const split = {
        n: get(at.ownShare) + (usesMarketShare ? get(at.marketShare) : 0),
        quality: get(at.ownShareOwnWeights),
        price: get(at.ownShareOwnWeights + 1),
      };
      if (usesMarketShare) {
        split.quality += (q * get(at.marketShareOwnWeights)) / 100;
        split.price += ((100 - q) * get(at.marketShareOwnWeights + 1)) / 100;
      }
      attributes.forEach((attribute, t) => {
        const w = marketWeight(t);
        const part = attribute.kind === "quality" ? "quality" : "price";
        split[part] += (w * get(at.ownShareMarketWeights + t)) / 10000;
        if (usesMarketShare) split[part] += ((part === "quality" ? q : 100 - q) * w * get(at.marketShareMarketWeights + t)) / 10000;
      });
      return wonLostReasonsFromSums(settings, {
        lost: get(at.outcomes + 1),
        attributes: attributes.map((_, t) => ({
          n: get(at.gaps + 3 * t + 1),
          count: get(at.gaps + 3 * t),
          gapSum: get(at.gaps + 3 * t + 2),
          impactSum: ownImpact(t) + (marketWeight(t) * get(at.gapMarketWeights + t)) / 100,
        })),
        split,
      });
    },
  };
}
