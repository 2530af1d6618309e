import {
  aggregateWeights,
  meanScores,
  valueLeadsShare,
  valueMap,
  type FairValueLineSpec,
  type GroupedAttributeDef,
  type OfferDef,
  type RespondentOutcome,
  type ShareWave,
} from "../../../analysis/index";
import type { WaveSharesTable } from "./market-data.server";
import type { ValueLeadsPoint, ValueLeadsShareView } from "./scenario-view";
export type { ValueLeadsPoint, ValueLeadsShareView };

/**
 * Value leads share (docs/method.md §10) from the study's waves: v_{j,t} is offer j's vertical
 * value on wave t's own map (that wave's respondents, weights and means; the page's fair-value
 * line; relative price from price satisfaction), the shares are the ones entered per wave.
 * The waves are every wave that has respondents or entered shares, in order.
 */
export function studyValueLeadsShare(
  respondents: RespondentOutcome[],
  offers: OfferDef[],
  attributes: GroupedAttributeDef[],
  line: FairValueLineSpec,
  table: WaveSharesTable,
): ValueLeadsShareView {
  const byWave = new Map<number, RespondentOutcome[]>();
  for (const r of respondents) {
    const wave = Number(r.wave);
    if (!Number.isInteger(wave)) continue;
    byWave.set(wave, [...(byWave.get(wave) ?? []), r]);
  }
  const waves = [...new Set([...byWave.keys(), ...table.waves])].sort((a, b) => a - b);
  const values = new Map<number, Record<string, number>>();
  for (const [wave, list] of byWave) {
    const weights = aggregateWeights(list, attributes);
    const map = valueMap({ offers, attributes, weights: weights.weights, scores: meanScores(list, offers, attributes), qualityShare: weights.qualityShare, line });
    values.set(wave, map.ok ? Object.fromEntries(map.points.map((p) => [p.offerId, p.value])) : {});
  }
  const shareWaves: ShareWave[] = waves.map((wave) => ({ wave: String(wave), shares: table.shares[String(wave)] ?? {}, values: values.get(wave) ?? {} }));
  const points: ValueLeadsPoint[] = [];
  for (let t = 0; t + 1 < waves.length; t += 1) {
    const now = shareWaves[t]!;
    const next = shareWaves[t + 1]!;
    for (const offer of offers) {
      const v = now.values[offer.id];
      const from = now.shares[offer.id];
      const to = next.shares[offer.id];
      if (v !== undefined && from !== undefined && to !== undefined) points.push({ offer: offer.id, wave: waves[t]!, next: waves[t + 1]!, value: v, change: to - from });
    }
  }
  return {
    waves,
    surveyed: [...byWave.keys()].sort((a, b) => a - b),
    withShares: table.waves.filter((w) => offers.every((o) => table.shares[String(w)]?.[o.id] !== undefined)),
    points,
    result: valueLeadsShare(shareWaves),
  };
}
