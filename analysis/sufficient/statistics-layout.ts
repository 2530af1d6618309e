import type { AttributeDef } from "../types";
import type { StatisticsLayout } from "./types";

/** The layout of the sufficient statistics for one study design (see `StatisticsLayout`). */
export function statisticsLayout(offers: string[], attributes: AttributeDef[], ownId: string): StatisticsLayout {
  const O = offers.length;
  const A = attributes.length;
  const R = O * A;
  const M = R + A + 1;
  const quality = attributes.flatMap((a, t) => (a.kind === "quality" ? [t] : []));
  const p = quality.length;
  const sizes: Array<[keyof StatisticsLayout["offsets"], number]> = [
    ["count", 1],
    ["unsupported", 1],
    ["knows", O],
    ["weightsGiven", A],
    ["pairN", M * M],
    ["pairSum", M * M],
    ["pairProduct", M * M],
    ["obsN", 1],
    ["obsRespondents", 1],
    ["obsX", p],
    ["obsY", 1],
    ["obsXX", p * p],
    ["obsXY", p],
    ["obsYY", 1],
    ["outcomes", 5],
    ["gaps", 3 * A],
    ["groupSums", 2 * R],
    ["groupCounts", 2 * R],
    ["groupKnows", 2 * O],
    ["impactOwn", A],
    ["impactOwnTerms", A],
    ["gapMarketWeights", A],
    ["ownShare", 1],
    ["ownShareOwnWeights", 2],
    ["ownShareMarketWeights", A],
    ["marketShare", 1],
    ["marketShareOwnWeights", 2],
    ["marketShareMarketWeights", A],
  ];
  const offsets = {} as StatisticsLayout["offsets"];
  let at = 0;
  for (const [name, size] of sizes) {
    offsets[name] = at;
    at += size;
  }
  offsets.size = at;
  return { offers: [...offers], attributes: attributes.map((a) => ({ ...a })), ownId, O, A, R, M, quality, offsets };
}
