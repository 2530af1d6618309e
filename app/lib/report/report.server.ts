import { fairPrice, toReportValueMap, type GroupedAttributeDef, type OfferDef, type StudyAnalysisReport } from "../../../analysis/index";
import { listProfileQuestions } from "../../../db/queries/profile-questions";
import { listResponseWaves, reportDataVersion } from "../../../db/queries/report-data";
import { listAttributes, listOffers, type Study } from "../../../db/queries/studies";
import { inLocale, type Locale } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { LruCache } from "../platform/lru-cache.server";
import { reportQuery, type IgnoredParam, type ReportOptions } from "./report-options.server";
import { SMALL_N, type ReportView } from "./report-view";
import { customersDataVersion } from "../../../db/queries/customers";
import { loadCustomerAnalysis } from "../customers/customer-analysis.server";
import { computeReport, lineSpec, mapFor, type ComputedReport } from "./report-compute.server";
import { clearRespondentCache, reportRespondents } from "./report-respondents.server";
import { clearReuse } from "./report-reuse.server";
import { clearReportStatistics } from "./report-statistics.server";
import { clearFilterPasses } from "./report-filter-passes.server";
import { reportTimeline } from "./report-timeline.server";
import { reportWhatWho } from "./report-what-who.server";
import { reportMethods } from "./report-methods.server";
import { maxDiffKinds } from "../../../surveys/study-methods";

export type { ReportView };
export { lineSpec, reportRespondents };

/** The computed figures per (study, data version, respondent filter, method settings). */
const cache = new LruCache<ComputedReport>(64);

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
    clearRespondentCache();
    clearReuse();
    clearReportStatistics();
    clearFilterPasses();
  },
};

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
  // lowerIsBetter is for objective values given to the analysis library only. A price attribute
  // carries its Kotler cost group (delivered value per group, docs/method.md §4 (e)).
  const attributes: GroupedAttributeDef[] = attributeRows.map((a) => (a.kind === "price" ? { id: a.code, kind: a.kind, costGroup: a.costGroup } : { id: a.code, kind: a.kind }));
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
  // The methods frozen with the published version(s) the responses were collected under.
  const { methods, source: methodsSource } = await reportMethods(db, study.id);
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
    computed = await computeReport(db, study, offers, attributes, own, questions.map((q) => q.code), options, version, customers, methods);
    cache.set(key, computed);
  }

  const rawMap = computed.analysis ? mapFor(computed.analysis, offers, attributes, options) : null;
  const analysis: StudyAnalysisReport | null =
    computed.analysis && rawMap ? { ...computed.analysis, valueMap: toReportValueMap(rawMap) } : null;
  const priced = offerRows.map((o) => ({ id: o.code, own: o.isOwn, ...(o.price !== null ? { price: o.price } : {}) }));

  const names = {
    offers: Object.fromEntries(offerRows.map((o) => [o.code, inLocale(locale, o.name, o.nameZh)])),
    attributes: Object.fromEntries(attributeRows.map((a) => [a.code, inLocale(locale, a.name, a.nameZh)])),
  };

  const { timeline, events } = await reportTimeline(db, study.id, locale, computed.waves, computed.series);

  const whatWhoView = await reportWhatWho(db, study.id, locale, attributeRows, attributes, analysis?.qualityProfile);

  const versus = options.versus ?? competitors[0] ?? null;
  return {
    study: { id: study.id, title: inLocale(locale, study.title, study.titleZh), market: inLocale(locale, study.market, study.marketZh) },
    locale,
    options,
    query: reportQuery(options),
    ignored,
    smallN: SMALL_N,
    offers: offerRows.map((o) => ({ code: o.code, name: inLocale(locale, o.name, o.nameZh), own: o.isOwn, marketShare: o.marketShare, price: o.price })),
    attributes: attributeRows.map((a) => ({ code: a.code, name: inLocale(locale, a.name, a.nameZh), kind: a.kind })),
    names,
    own,
    counts: { complete: computed.complete, leftOut: computed.leftOut, analysed: computed.analysed },
    choices: {
      segments: questions.map((q) => ({
        question: q.code,
        label: inLocale(locale, q.text, q.textZh),
        values: q.choices.map((c) => ({ value: c.code, label: inLocale(locale, c.label, c.labelZh), n: computed.segmentCounts[q.code]?.[c.code] ?? 0 })),
      })),
      waves: computed.waves,
      competitors,
      lines: ["weights", "parity", "regression", "slope"],
    },
    analysis,
    methods: {
      maxDiff: computed.statedShares !== null ? { kinds: maxDiffKinds(methods, "rating"), stated: computed.statedShares } : null,
      price: methods.priceResearch ? { currency: methods.priceResearch.currency, ladder: methods.priceResearch.ladder.length > 0 } : null,
      source: methodsSource,
    },
    versus,
    fairPrice: rawMap && own !== null ? fairPrice(rawMap, priced) : null,
    timeline,
    events,
    whatWho: whatWhoView,
    dataVersion: version,
    hasCustomers,
    keyAccounts: computed.keyAccounts,
  };
}
