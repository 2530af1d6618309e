import {
  aggregateWeights,
  analyzeStudy,
  customerValueScore,
  meanScores,
  valueMap,
  type FairValueLineSpec,
  type GroupedAttributeDef,
  type OfferDef,
  type StudyAnalysisReport,
} from "../../../analysis/index";
import type { Study } from "../../../db/queries/studies";
import { maxDiffKinds, type StudyMethods } from "../../../surveys/study-methods";
import type { Db } from "../../../db/client";
import { BOOTSTRAP_REPLICATES } from "./report-intervals";
import type { ReportOptions } from "./report-options.server";
import type { ReportKeyAccounts, TimelinePoint, WaveChoice } from "./report-view";
import type { CustomerLookup } from "../customers/customer-analysis.server";
import { reportKeyAccounts } from "./report-key-accounts.server";
import { respondentsAt } from "./report-respondents.server";
import { filterPasses } from "./report-filter-passes.server";
import { reuseWhileSame } from "./report-reuse.server";
import { analysisFromStatistics, cellFor, intervalMethodFor, reportStatisticsSettings, statisticsFor, waveFigures } from "./report-statistics.server";

/** What depends only on the data version and the respondent filter: computed once, cached. */
export interface ComputedReport {
  complete: number;
  leftOut: number;
  analysed: number;
  segmentCounts: Record<string, Record<string, number>>;
  waves: WaveChoice[];
  analysis: StudyAnalysisReport | null;
  /** the MaxDiff kind's weights as stated (points, or the study's stated weights), null without MaxDiff */
  statedShares: Record<string, number> | null;
  /** per offer, its position in each wave (segment and flagged filters, not the wave filter) */
  series: Array<{ offer: string; points: TimelinePoint[] }>;
  keyAccounts: ReportKeyAccounts | null;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);


/** The fair-value line the analysis draws for the report options. */
export function lineSpec(options: Pick<ReportOptions, "line" | "slope">): FairValueLineSpec {
  return options.line === "slope" && options.slope !== undefined ? { type: "slope", slope: options.slope } : { type: options.line === "slope" ? "weights" : options.line };
}

/** The value map for one fair-value line, from the analysis' weights and means. */
export function mapFor(
  analysis: StudyAnalysisReport,
  offers: OfferDef[],
  attributes: GroupedAttributeDef[],
  options: Pick<ReportOptions, "line" | "slope">,
): ReturnType<typeof valueMap> {
  const w = analysis.weights;
  if ("ok" in w) return w;
  return valueMap({
    offers,
    attributes,
    weights: w.weights,
    scores: analysis.means,
    qualityShare: w.qualityShare,
    line: lineSpec(options),
  });
}

/** Each offer's Q, RP and V in one wave, each against the rest of the market (no bootstrap), from its weights and means. */
function wavePoints(
  offers: OfferDef[],
  attributes: GroupedAttributeDef[],
  aggregated: Pick<ReturnType<typeof aggregateWeights>, "weights" | "qualityShare">,
  scores: ReturnType<typeof meanScores>,
) {
  const map = valueMap({ offers, attributes, weights: aggregated.weights, scores, qualityShare: aggregated.qualityShare, line: { type: "parity" } });
  if (!map.ok) return [];
  const q = aggregated.qualityShare;
  return map.points.map((p) => {
    const v = q !== null ? customerValueScore(p.quality, p.satisfaction, q) : null;
    return { offer: p.offerId, quality: p.quality, relativePrice: p.relativePrice, value: v && v.ok ? v.value : null, n: p.n };
  });
}

/**
 * The expensive, cacheable part of the report: reading the responses, `analyzeStudy` with its
 * intervals, the waves and each offer's position per wave, the key-account matrix. It depends
 * only on the data version and the respondent filter (segment, wave, flagged, customer).
 */
export async function computeReport(
  db: Db,
  study: Study,
  offers: OfferDef[],
  attributes: GroupedAttributeDef[],
  own: string | null,
  segmentQuestions: string[],
  options: ReportOptions,
  version: string,
  customers: ReadonlyMap<string, CustomerLookup> | null,
  methods: StudyMethods,
): Promise<ComputedReport> {
  const all = await respondentsAt(db, study, own, version);
  // The passes over every respondent (kept, segment counts, waves, the segment's outcomes), held
  // per filter and moved by difference after a new response (report-filter-passes.server.ts).
  const passes = filterPasses(all, {
    studyId: study.id,
    flagged: options.flagged,
    segment: options.segment,
    customer: options.customer,
    customers,
    segmentQuestions,
    statedJson: study.statedWeightsJson,
  });
  const segmentCounts = Object.fromEntries(Object.entries(passes.segmentCounts).map(([q, counts]) => [q, { ...counts }]));
  // A wave is dated by its first completed response; the timeline needs distinct dates in wave
  // order, so a wave starting on (or before) the previous one's day is dated the day after it.
  const waves: WaveChoice[] = [];
  for (const [wave, w] of [...passes.waves.entries()].sort((a, b) => a[0] - b[0])) {
    const previous = waves.at(-1);
    const first = isoDate(w.first);
    const date = previous && first <= previous.date ? isoDate(Date.parse(`${previous.date}T00:00:00Z`) + 86_400_000) : first;
    waves.push({ wave, date, n: w.n });
  }

  const inSegmentOutcomes = passes.inSegmentOutcomes;
  const waveList = options.wave !== undefined ? passes.byWave.get(options.wave) : undefined;
  const analysed = options.wave !== undefined ? (waveList?.respondents ?? []) : passes.inSegment;
  const outcomes = options.wave !== undefined ? (waveList?.outcomes ?? []) : inSegmentOutcomes;

  // MaxDiff shares replace the weights of the kind the rating questionnaire asked by MaxDiff
  // (docs/method.md §7); the price block's ladder feeds Gabor–Granger (§8).
  // Either kind or both may be asked by MaxDiff; each kind is analysed on its own (§7).
  const askedByMaxDiff = maxDiffKinds(methods, "rating");
  const ladder = methods.priceResearch?.ladder ?? [];
  // The analysis and the stated shares, reused while the analysed outcomes are the same objects
  // (a response outside this filter completed, a decision on one it leaves out).
  const design = JSON.stringify([offers, attributes, own, ladder, askedByMaxDiff]);
  const filterSlot = JSON.stringify([study.id, options.segment ?? null, options.wave ?? null, options.flagged, options.customer ?? null]);
  // Above the bootstrap threshold, the analysis and the waves' positions come from sufficient
  // statistics per wave, caught up by difference (report-statistics.server.ts); MaxDiff replaces
  // weights respondent by respondent, so a study that asks it keeps the respondent pass.
  const statistics =
    reportStatisticsSettings.enabled && own !== null && askedByMaxDiff.length === 0 && intervalMethodFor(inSegmentOutcomes.length) === "delta"
      ? statisticsFor(
          JSON.stringify([study.id, options.segment ?? null, options.flagged, options.customer ?? null]),
          design,
          offers,
          attributes,
          own,
          inSegmentOutcomes,
          passes.outcomeChanges,
        )
      : null;
  const priceResearch = ladder.length > 0 ? { priceResearch: { ladder } } : {};
  const { analysis, statedShares } = reuseWhileSame(`analysis|${filterSlot}`, design, outcomes, () => ({
    analysis:
      own !== null && outcomes.length > 0
        ? ((statistics !== null && intervalMethodFor(outcomes.length) === "delta"
            ? analysisFromStatistics({ offers, attributes, ...priceResearch, options: { bootstrap: false } }, cellFor(statistics, options.wave))
            : null) ??
          analyzeStudy({
            offers,
            attributes,
            respondents: outcomes,
            ...priceResearch,
            options: {
              bootstrap: intervalMethodFor(outcomes.length) === "bootstrap" ? { replicates: BOOTSTRAP_REPLICATES, seed: 1 } : false,
              ...(askedByMaxDiff.length > 0 ? { weightsFrom: "maxdiff" as const } : {}),
            },
          }))
        : null,
    statedShares:
      askedByMaxDiff.length > 0 && outcomes.length > 0
        ? Object.fromEntries(
            Object.entries(aggregateWeights(outcomes, attributes).weights).filter(([id]) =>
              attributes.some((a) => a.id === id && askedByMaxDiff.includes(a.kind)),
            ),
          )
        : null,
  }));

  // Per-wave positions for the timeline and the value map's trail.
  const seriesMap = new Map<string, TimelinePoint[]>();
  for (const wave of waves) {
    const list = passes.byWave.get(wave.wave)?.outcomes;
    if (!list || list.length === 0) continue;
    // A wave's positions are reused while its respondents are the same (new responses in another wave).
    const waveSlot = JSON.stringify([study.id, options.segment ?? null, options.flagged, options.customer ?? null, wave.wave]);
    const positions = () => {
      const cell = statistics?.cells.get(String(wave.wave));
      if (cell !== undefined) {
        const { aggregated, scores } = waveFigures(cell);
        return wavePoints(offers, attributes, aggregated, scores);
      }
      return wavePoints(offers, attributes, aggregateWeights(list, attributes), meanScores(list, offers, attributes));
    };
    for (const p of reuseWhileSame(`wave|${waveSlot}`, design, list, positions)) {
      const points = seriesMap.get(p.offer) ?? [];
      points.push({ wave: wave.wave, date: wave.date, quality: p.quality, relativePrice: p.relativePrice, value: p.value, n: p.n });
      seriesMap.set(p.offer, points);
    }
  }
  const series = offers.filter((o) => seriesMap.has(o.id)).map((o) => ({ offer: o.id, points: seriesMap.get(o.id)! }));

  const keyAccounts =
    customers && own !== null ? reportKeyAccounts(analysed.map((r, i) => ({ customerId: r.customerId, outcome: outcomes[i]! })), customers, offers, attributes) : null;
  return { complete: passes.complete, leftOut: passes.complete - passes.kept, analysed: analysed.length, segmentCounts, waves, analysis, statedShares, series, keyAccounts };
}
