import {
  aggregateWeights,
  analyzeStudy,
  customerValueScore,
  isIncluded,
  meanScores,
  valueMap,
  type FairValueLineSpec,
  type GroupedAttributeDef,
  type OfferDef,
  type RespondentOutcome,
  type StudyAnalysisReport,
} from "../../../analysis/index";
import type { Study } from "../../../db/queries/studies";
import { maxDiffKinds, type StudyMethods } from "../../../surveys/study-methods";
import type { Db } from "../../../db/client";
import { BOOTSTRAP_REPLICATES } from "./report-intervals";
import type { ReportOptions } from "./report-options.server";
import type { ReportKeyAccounts, TimelinePoint, WaveChoice } from "./report-view";
import type { CustomerLookup } from "../customers/customer-analysis.server";
import type { CustomerFilter } from "../customers/customer-codes";
import { reportKeyAccounts } from "./report-key-accounts.server";
import { outcomeOf, respondentsAt } from "./report-respondents.server";
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

/** Whether a respondent's customer is in the report's customer filter. */
function inCustomerFilter(customer: CustomerLookup | undefined, filter: CustomerFilter): boolean {
  if (!customer) return false;
  if (filter.kind === "segment") return customer.segment === filter.value;
  if (filter.kind === "tier") return customer.tier === filter.value;
  return customer.silent !== null && customer.silent === (filter.value === "silent");
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
  const customerFilter = options.customer;
  const kept = all.filter(
    (r) =>
      isIncluded(r.flags, r.review, options.flagged) &&
      (!customerFilter || (customers !== null && r.customerId !== null && inCustomerFilter(customers.get(r.customerId), customerFilter))),
  );
  const segmentCounts: Record<string, Record<string, number>> = {};
  for (const question of segmentQuestions) segmentCounts[question] = {};
  const waveFirst = new Map<number, { first: number; n: number }>();
  for (const r of all) {
    const w = waveFirst.get(r.wave);
    if (!w) waveFirst.set(r.wave, { first: r.completedAt, n: 0 });
    else w.first = Math.min(w.first, r.completedAt);
  }
  for (const r of kept) {
    for (const question of segmentQuestions) {
      const value = r.profile[question];
      if (value !== undefined) segmentCounts[question]![value] = (segmentCounts[question]![value] ?? 0) + 1;
    }
    const w = waveFirst.get(r.wave);
    if (w) w.n += 1;
  }
  // A wave is dated by its first completed response; the timeline needs distinct dates in wave
  // order, so a wave starting on (or before) the previous one's day is dated the day after it.
  const waves: WaveChoice[] = [];
  for (const [wave, w] of [...waveFirst.entries()].sort((a, b) => a[0] - b[0])) {
    const previous = waves.at(-1);
    const first = isoDate(w.first);
    const date = previous && first <= previous.date ? isoDate(Date.parse(`${previous.date}T00:00:00Z`) + 86_400_000) : first;
    waves.push({ wave, date, n: w.n });
  }

  const inSegment = options.segment ? kept.filter((r) => r.profile[options.segment!.question] === options.segment!.value) : kept;
  // One outcome per respondent, shared by the analysis and the per-wave positions.
  const inSegmentOutcomes = inSegment.map((r) => outcomeOf(r, study.statedWeightsJson));
  const analysed = options.wave !== undefined ? inSegment.filter((r) => r.wave === options.wave) : inSegment;
  const outcomes = options.wave !== undefined ? inSegmentOutcomes.filter((o) => o.wave === String(options.wave)) : inSegmentOutcomes;

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
  const byWave = new Map<number, RespondentOutcome[]>();
  inSegment.forEach((r, i) => {
    const list = byWave.get(r.wave) ?? [];
    list.push(inSegmentOutcomes[i]!);
    byWave.set(r.wave, list);
  });
  const seriesMap = new Map<string, TimelinePoint[]>();
  for (const wave of waves) {
    const list = byWave.get(wave.wave);
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
  return { complete: all.length, leftOut: all.length - kept.length, analysed: analysed.length, segmentCounts, waves, analysis, statedShares, series, keyAccounts };
}
