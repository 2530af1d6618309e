import { listAttributes, listOffers, type Study } from "../../db/queries/studies";
import { countResponses, listCompleteRespondents } from "../../db/queries/responses";
import {
  aggregateWeights,
  bootstrapIntervals,
  customerValueScore,
  meanScores,
  priceProfile,
  qualityProfile,
  valueMap,
  type AttributeDef,
  type FairValueLineSpec,
  type OfferDef,
  type RespondentInput,
} from "../../analysis";
import type { Locale } from "~/i18n";
import { db } from "./db.server";

const label = (locale: Locale, name: string, nameZh: string | null) => (locale === "zh-CN" && nameZh ? nameZh : name);

export type ReportLine = "weights" | "parity";

/**
 * The report's view model: profiles of the own offer against its competitors, the customer value
 * score and the value map (method.md (a)(b)(c)), with n, computed from complete responses.
 */
export function loadReport(study: Study, locale: Locale, line: ReportLine) {
  const offerRows = listOffers(db, study.id);
  const attributeRows = listAttributes(db, study.id);
  const offers: OfferDef[] = offerRows.map((o) => ({ id: o.code, own: o.isOwn }));
  const attributes: AttributeDef[] = attributeRows.map((a) => ({
    id: a.code,
    kind: a.kind,
    ...(a.direction === "lower" ? { lowerIsBetter: true } : {}),
  }));
  const respondents: RespondentInput[] = listCompleteRespondents(db, study.id).map((r) => ({
    id: String(r.id),
    weights: r.weights,
    ...(r.qualityShare !== null ? { qualityShare: r.qualityShare } : {}),
    ratings: r.ratings,
  }));
  const own = offerRows.find((o) => o.isOwn) ?? null;
  const names = {
    offers: Object.fromEntries(offerRows.map((o) => [o.code, label(locale, o.name, o.nameZh)])),
    attributes: Object.fromEntries(attributeRows.map((a) => [a.code, label(locale, a.name, a.nameZh)])),
  };
  const base = {
    study: { id: study.id, title: label(locale, study.title, study.titleZh) },
    counts: countResponses(db, study.id),
    names,
    ownName: own ? label(locale, own.name, own.nameZh) : null,
  };
  if (respondents.length === 0 || !own) return { ...base, analysis: null };

  const aggregated = aggregateWeights(respondents, attributes);
  const scores = meanScores(respondents, offers, attributes);
  const profileInput = { attributes, weights: aggregated.weights, scores, offerId: own.code, offers };
  const quality = qualityProfile(profileInput);
  const price = priceProfile(profileInput);
  const q = aggregated.qualityShare;
  const value = quality.ok && price.ok && q !== null ? customerValueScore(quality.score, price.satisfaction, q) : null;
  const spec: FairValueLineSpec = { type: line };
  const map = valueMap({ offers, attributes, weights: aggregated.weights, scores, qualityShare: q, line: spec });
  // 95 % percentile bootstrap over respondents (method.md "Beyond Gale"), seeded so a report reads the same twice.
  const intervals = bootstrapIntervals({ respondents, offers, attributes, replicates: 1000, seed: 1 });
  return {
    ...base,
    analysis: {
      respondents: respondents.length,
      qualityShare: q,
      nOffer: scores.nOffer,
      quality,
      price,
      value: value && value.ok ? value : null,
      map,
      line,
      intervals: intervals.ok ? intervals : null,
    },
  };
}

export type ReportView = ReturnType<typeof loadReport>;
