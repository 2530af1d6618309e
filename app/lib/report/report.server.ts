import {
  aggregateWeights,
  analyzeStudy,
  toReportValueMap,
  customerValueScore,
  fairPrice,
  isIncluded,
  keyEventsTimeline,
  meanScores,
  valueMap,
  whatWho,
  type FairValueLineSpec,
  type GroupedAttributeDef,
  type OfferDef,
  type RespondentOutcome,
  type StudyAnalysisReport,
  type StudyRespondent,
  type Unavailable,
  type WhatWhoCell,
  type WhatWhoResult,
} from "../../../analysis/index";
import { listAnalysisRespondents, type AnalysisRespondent } from "../../../db/queries/analysis-respondents";
import { listFirmFunctions, listWhatWhoCells } from "../../../db/queries/firm-functions";
import { listKeyEvents } from "../../../db/queries/key-events";
import { listProfileQuestions } from "../../../db/queries/profile-questions";
import { listResponseWaves, reportDataVersion } from "../../../db/queries/report-data";
import { listAttributes, listOffers, type Study } from "../../../db/queries/studies";
import { getStudyMethods } from "../../../db/queries/study-methods";
import type { StudyMethods } from "../../../surveys/study-methods";
import { readStatedWeights } from "../../../surveys/read-stated-weights";
import type { Locale } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { BOOTSTRAP_REPLICATES, reportIntervalMethod } from "./report-intervals";
import { LruCache } from "../platform/lru-cache.server";
import { reportQuery, type IgnoredParam, type ReportOptions } from "./report-options.server";
import {
  SMALL_N,
  type ReportTimeline,
  type ReportKeyAccounts,
  type ReportView,
  type TimelineEvent,
  type TimelinePoint,
  type WaveChoice,
} from "./report-view";

export type { ReportView };
import { customersDataVersion } from "../../../db/queries/customers";
import { loadCustomerAnalysis, type CustomerLookup } from "../customers/customer-analysis.server";
import type { CustomerFilter } from "../customers/customer-codes";
import { reportKeyAccounts } from "./report-key-accounts.server";

const label = (locale: Locale, name: string, nameZh: string | null | undefined) => (locale === "zh-CN" && nameZh ? nameZh : name);

/** What depends only on the data version and the respondent filter: computed once, cached. */
interface ComputedReport {
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

const cache = new LruCache<ComputedReport>(64);
/**
 * The respondents of the latest data versions, so that switching a filter does not read every
 * response again; only studies of at most `RESPONDENT_CACHE_MAX` respondents are kept (memory).
 */
const respondentCache = new LruCache<AnalysisRespondent[]>(2);
const RESPONDENT_CACHE_MAX = 25_000;

/** The computed-figures caches (for tests and the benchmark: hits, misses, clear). */
export const reportCache = {
  get hits() {
    return cache.hits;
  },
  get misses() {
    return cache.misses;
  },
  clear() {
    cache.clear();
    respondentCache.clear();
  },
};

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function toOutcome(r: AnalysisRespondent, stated: { weights: Record<string, number>; qualityShare: number } | null): StudyRespondent {
  const hasWeights = Object.keys(r.weights).length > 0;
  const weights = hasWeights || !stated ? r.weights : stated.weights;
  const qualityShare = r.qualityShare ?? (hasWeights ? null : (stated?.qualityShare ?? null));
  return {
    id: String(r.id),
    weights,
    ...(qualityShare !== null ? { qualityShare } : {}),
    ratings: r.ratings,
    overall: r.overall,
    ...(r.chose !== null ? { chose: r.chose } : {}),
    considered: r.considered,
    wave: String(r.wave),
    ...(r.maxDiff.length > 0 ? { maxDiff: r.maxDiff.map(({ items, best, worst }) => ({ items, best, worst })) } : {}),
    ...(r.prices
      ? {
          priceSensitivity: {
            tooCheap: r.prices.tooCheap,
            cheap: r.prices.cheap,
            expensive: r.prices.expensive,
            tooExpensive: r.prices.tooExpensive,
            ...(r.prices.likelihoodCheap !== null ? { likelihoodAtCheap: r.prices.likelihoodCheap } : {}),
            ...(r.prices.likelihoodExpensive !== null ? { likelihoodAtExpensive: r.prices.likelihoodExpensive } : {}),
          },
        }
      : {}),
    ...(r.ladder.length > 0 ? { gaborGranger: r.ladder } : {}),
  };
}

/** The fair-value line the analysis draws for the report options. */
export function lineSpec(options: Pick<ReportOptions, "line" | "slope">): FairValueLineSpec {
  return options.line === "slope" && options.slope !== undefined ? { type: "slope", slope: options.slope } : { type: options.line === "slope" ? "weights" : options.line };
}

/** The value map for one fair-value line, from the analysis' weights and means. */
function mapFor(
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

/** Each offer's Q, RP and V in one wave, each against the rest of the market (no bootstrap). */
function wavePoints(respondents: RespondentOutcome[], offers: OfferDef[], attributes: GroupedAttributeDef[]) {
  const aggregated = aggregateWeights(respondents, attributes);
  const scores = meanScores(respondents, offers, attributes);
  const map = valueMap({ offers, attributes, weights: aggregated.weights, scores, qualityShare: aggregated.qualityShare, line: { type: "parity" } });
  if (!map.ok) return [];
  const q = aggregated.qualityShare;
  return map.points.map((p) => {
    const v = q !== null ? customerValueScore(p.quality, p.satisfaction, q) : null;
    return { offer: p.offerId, quality: p.quality, relativePrice: p.relativePrice, value: v && v.ok ? v.value : null, n: p.n };
  });
}

/** Every complete response of the study at this data version, read once (the respondent cache). */
async function respondentsAt(db: Db, study: Study, own: string | null, version: string): Promise<AnalysisRespondent[]> {
  const listKey = `${study.id}|${version}`;
  let all = respondentCache.get(listKey);
  if (!all) {
    all = await listAnalysisRespondents(db, study.id, own);
    if (all.length <= RESPONDENT_CACHE_MAX) respondentCache.set(listKey, all);
  }
  return all;
}

/**
 * The respondents the report analyses for `options` (flagged and segment filters, and the wave
 * filter unless `allWaves`), as the analysis library's outcomes (each with its wave), read
 * through the report's own cache: the scenarios and value leads share use exactly the report's
 * respondents. `options` as `loadReport` returns them (unknown segments and waves dropped).
 */
export async function reportRespondents(
  db: Db,
  study: Study,
  options: Pick<ReportOptions, "segment" | "wave" | "flagged">,
  { allWaves = false }: { allWaves?: boolean } = {},
): Promise<RespondentOutcome[]> {
  const own = (await listOffers(db, study.id)).find((o) => o.isOwn)?.code ?? null;
  const all = await respondentsAt(db, study, own, await reportDataVersion(db, study.id));
  const stated = readStatedWeights(study.statedWeightsJson);
  return all
    .filter((r) => isIncluded(r.flags, r.review, options.flagged))
    .filter((r) => !options.segment || r.profile[options.segment.question] === options.segment.value)
    .filter((r) => allWaves || options.wave === undefined || r.wave === options.wave)
    .map((r) => toOutcome(r, stated));
}

async function compute(db: Db, 
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
  const stated = readStatedWeights(study.statedWeightsJson);
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
  const inSegmentOutcomes = inSegment.map((r) => toOutcome(r, stated));
  const analysed = options.wave !== undefined ? inSegment.filter((r) => r.wave === options.wave) : inSegment;
  const outcomes = options.wave !== undefined ? inSegmentOutcomes.filter((o) => o.wave === String(options.wave)) : inSegmentOutcomes;

  // MaxDiff shares replace the weights of the kind the rating questionnaire asked by MaxDiff
  // (method-more.md §3); the price block's ladder feeds Gabor–Granger (§4).
  const maxDiffKind = methods.importance.rating.quality === "maxdiff" ? "quality" : methods.importance.rating.price === "maxdiff" ? "price" : null;
  const ladder = methods.priceResearch?.ladder ?? [];
  const analysis =
    own !== null && outcomes.length > 0
      ? analyzeStudy({
          offers,
          attributes,
          respondents: outcomes,
          ...(ladder.length > 0 ? { priceResearch: { ladder } } : {}),
          options: {
            bootstrap: reportIntervalMethod(outcomes.length) === "bootstrap" ? { replicates: BOOTSTRAP_REPLICATES, seed: 1 } : false,
            ...(maxDiffKind !== null ? { weightsFrom: "maxdiff" as const } : {}),
          },
        })
      : null;
  const statedShares =
    maxDiffKind !== null && outcomes.length > 0
      ? Object.fromEntries(
          Object.entries(aggregateWeights(outcomes, attributes).weights).filter(([id]) => attributes.find((a) => a.id === id)?.kind === maxDiffKind),
        )
      : null;

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
    for (const p of wavePoints(list, offers, attributes)) {
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

/**
 * The report of a study for one reader's locale and one set of options. The expensive part
 * (reading the responses, `analyzeStudy` with its intervals, the per-wave positions) is computed
 * once per (study, data version, respondent filter) and kept in a bounded in-memory LRU; the
 * fair-value line, names, events and what/who are applied per request.
 */
export async function loadReport(db: Db, study: Study, locale: Locale, requested: ReportOptions, ignoredParams: IgnoredParam[] = []): Promise<ReportView> {
  const ignored = [...ignoredParams];
  const offerRows = await listOffers(db, study.id);
  const attributeRows = await listAttributes(db, study.id);
  const offers: OfferDef[] = offerRows.map((o) => ({ id: o.code, own: o.isOwn }));
  // Every attribute of a study is rated (10 = best, price: most satisfied), so none is inverted:
  // lowerIsBetter is for objective values given to the analysis library only.
  const attributes: GroupedAttributeDef[] = attributeRows.map((a) => ({ id: a.code, kind: a.kind }));
  const own = offerRows.find((o) => o.isOwn)?.code ?? null;
  const competitors = offerRows.filter((o) => !o.isOwn).map((o) => o.code);
  const questions = (await listProfileQuestions(db, study.id)).filter((q) => q.isSegment && q.kind === "choice");

  // Drop options naming what the study does not have.
  const options: ReportOptions = { ...requested };
  if (options.segment) {
    const question = questions.find((q) => q.code === options.segment!.question);
    if (!question || !question.choices.some((c) => c.code === options.segment!.value)) {
      delete options.segment;
      if (!ignored.includes("segment")) ignored.push("segment");
    }
  }
  if (options.versus !== undefined && !competitors.includes(options.versus)) {
    delete options.versus;
    if (!ignored.includes("versus")) ignored.push("versus");
  }

  if (options.wave !== undefined && !(await listResponseWaves(db, study.id)).includes(options.wave)) {
    delete options.wave;
    if (!ignored.includes("wave")) ignored.push("wave");
  }

  const version = await reportDataVersion(db, study.id);
  const methods = await getStudyMethods(db, study.id);
  // The customers' figures (segment, tier, silence, CLV, account per customer) when the study
  // has transactions: the customer filter and the key-account matrix read them.
  const customersVersion = await customersDataVersion(db, study.id);
  const hasCustomers = !customersVersion.startsWith(`${study.id}:0:`);
  const customers = hasCustomers ? (await loadCustomerAnalysis(db, study.id)).lookup : null;
  if (options.customer && !hasCustomers) {
    delete options.customer;
    if (!ignored.includes("customer")) ignored.push("customer");
  }
  const key = JSON.stringify([
    study.id,
    version,
    options.segment?.question ?? null,
    options.segment?.value ?? null,
    options.wave ?? null,
    options.flagged,
    options.customer ? `${options.customer.kind}:${options.customer.value}` : null,
    customersVersion,
    methods,
  ]);
  let computed = cache.get(key);
  if (!computed) {
    computed = await compute(db, study, offers, attributes, own, questions.map((q) => q.code), options, version, customers, methods);
    cache.set(key, computed);
  }

  const rawMap = computed.analysis ? mapFor(computed.analysis, offers, attributes, options) : null;
  const analysis: StudyAnalysisReport | null =
    computed.analysis && rawMap ? { ...computed.analysis, valueMap: toReportValueMap(rawMap) } : null;
  const priced = offerRows.map((o) => ({ id: o.code, own: o.isOwn, ...(o.price !== null ? { price: o.price } : {}) }));

  const names = {
    offers: Object.fromEntries(offerRows.map((o) => [o.code, label(locale, o.name, o.nameZh)])),
    attributes: Object.fromEntries(attributeRows.map((a) => [a.code, label(locale, a.name, a.nameZh)])),
  };

  const eventRows = await listKeyEvents(db, study.id);
  const waveDates = new Set(computed.waves.map((w) => w.date));
  const timelineResult =
    computed.waves.length === 0
      ? ({ ok: false, reason: "no-waves" } as const)
      : waveDates.size !== computed.waves.length
        ? ({ ok: false, reason: "duplicate-wave-date" } as const)
        : keyEventsTimeline({
            waves: computed.waves.map((w) => ({ wave: String(w.wave), date: w.date, points: [] })),
            events: eventRows.map((e) => ({ date: e.occurredOn, offerId: e.offerCode, kind: String(e.id), label: label(locale, e.label, e.labelZh) })),
          });
  const eventsById = new Map(eventRows.map((e) => [String(e.id), e]));
  const events: TimelineEvent[] = timelineResult.ok
    ? timelineResult.events.map((e) => ({
        id: Number(e.kind),
        offer: e.offerId,
        date: e.date,
        wave: eventsById.get(e.kind)?.wave ?? null,
        label: e.label,
        position: e.position,
        afterWave: e.afterWave !== null ? Number(e.afterWave) : null,
        beforeWave: e.beforeWave !== null ? Number(e.beforeWave) : null,
      }))
    : eventRows.map((e) => ({
        id: e.id,
        offer: e.offerCode,
        date: e.occurredOn,
        wave: e.wave,
        label: label(locale, e.label, e.labelZh),
        position: "between" as const,
        afterWave: null,
        beforeWave: null,
      }));
  const timeline: ReportTimeline = timelineResult.ok
    ? { ok: true, waves: computed.waves, series: computed.series, events }
    : { ok: false, reason: timelineResult.reason };

  const functionRows = await listFirmFunctions(db, study.id);
  const attributeCode = new Map(attributeRows.map((a) => [a.id, a.code]));
  const cells: Record<string, Record<string, WhatWhoCell>> = {};
  for (const c of await listWhatWhoCells(db, study.id)) {
    const code = attributeCode.get(c.attributeId);
    if (code !== undefined) (cells[String(c.functionId)] ??= {})[code] = c.strength;
  }
  const byAttribute: Record<string, Record<string, WhatWhoCell>> = {};
  for (const [fn, row] of Object.entries(cells)) for (const [code, cell] of Object.entries(row)) (byAttribute[code] ??= {})[fn] = cell;
  const quality = analysis?.qualityProfile;
  const whatWhoResult: WhatWhoResult | Unavailable =
    functionRows.length === 0
      ? { ok: false, reason: "no-functions" }
      : !quality || !quality.ok
        ? { ok: false, reason: quality ? quality.reason : "no-responses" }
        : whatWho({
            attributes: attributes.filter((a) => a.kind === "quality"),
            weights: Object.fromEntries(quality.attributes.map((r) => [r.id, r.weight])),
            ratios: Object.fromEntries(quality.attributes.map((r) => [r.id, r.ratio])),
            functions: functionRows.map((f) => String(f.id)),
            cells: byAttribute,
          });

  const versus = options.versus ?? competitors[0] ?? null;
  return {
    study: { id: study.id, title: label(locale, study.title, study.titleZh), market: label(locale, study.market, study.marketZh) },
    locale,
    options,
    query: reportQuery(options),
    ignored,
    smallN: SMALL_N,
    offers: offerRows.map((o) => ({ code: o.code, name: label(locale, o.name, o.nameZh), own: o.isOwn, marketShare: o.marketShare, price: o.price })),
    attributes: attributeRows.map((a) => ({ code: a.code, name: label(locale, a.name, a.nameZh), kind: a.kind })),
    names,
    own,
    counts: { complete: computed.complete, leftOut: computed.leftOut, analysed: computed.analysed },
    choices: {
      segments: questions.map((q) => ({
        question: q.code,
        label: label(locale, q.text, q.textZh),
        values: q.choices.map((c) => ({ value: c.code, label: label(locale, c.label, c.labelZh), n: computed.segmentCounts[q.code]?.[c.code] ?? 0 })),
      })),
      waves: computed.waves,
      competitors,
      lines: ["weights", "parity", "regression", "slope"],
    },
    analysis,
    methods: {
      maxDiff: computed.statedShares !== null ? { stated: computed.statedShares } : null,
      price: methods.priceResearch ? { currency: methods.priceResearch.currency, ladder: methods.priceResearch.ladder.length > 0 } : null,
    },
    versus,
    fairPrice: rawMap && own !== null ? fairPrice(rawMap, priced) : null,
    timeline,
    events,
    whatWho: {
      functions: functionRows.map((f) => ({ id: f.id, key: String(f.id), name: label(locale, f.name, f.nameZh) })),
      cells,
      result: whatWhoResult,
    },
    dataVersion: version,
    hasCustomers,
    keyAccounts: computed.keyAccounts,
  };
}
