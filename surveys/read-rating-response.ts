import { DONT_KNOW, NONE_OFFER, ONLY_BOUGHT, questionNames as q } from "./question-names";
import type { MaxDiffDesign } from "./apply-maxdiff-design";
import { readMaxDiffAnswers, type MaxDiffAnswer } from "./read-maxdiff-answers";
import { readLadderAnswers, readPriceAnswers, type LadderAnswer, type PriceAnswers } from "./read-price-answers";
import type { StudyDefinition } from "./study-definition";
import { maxDiffItems } from "./study-methods";

export interface RatingRow {
  offer: string;
  attribute: string;
  score: number;
}
export interface OfferAnswer {
  offer: string;
  known: boolean;
  worth: number | null;
  overall: number | null;
  chose: boolean;
  /** Named among the offers considered; the offer bought always is, once a set was given. */
  considered: boolean;
}
/** A profile answer: the choice code, or the text given. */
export interface ProfileAnswer {
  question: string;
  value: string;
}
/** The normalised content of one finished questionnaire. */
export interface RatingResponse {
  status: "complete" | "screened_out";
  known: string[];
  qualityShare: number | null;
  /** The respondent's weights, or the study's adopted stated weights when it has them. */
  weights: Array<{ attribute: string; weight: number }>;
  /** "Don't know" answers have no row. */
  ratings: RatingRow[];
  offers: OfferAnswer[];
  profile?: ProfileAnswer[];
  /** MaxDiff tasks answered (kinds the rating stage asks by MaxDiff); none otherwise */
  maxDiff?: MaxDiffAnswer[];
  /** the price research block's four prices and likelihoods; null without the block */
  prices?: PriceAnswers | null;
  /** Gabor–Granger answers along the asked path, by ascending price */
  ladder?: LadderAnswer[];
}
export type ReadResult = { ok: true; value: RatingResponse } | { ok: false; errors: string[] };

export interface ReadOptions {
  /**
   * The questionnaire answered asks the considered set as a required part of the purchase
   * question (`asksConsideredSet`; default true). Versions published before asked it as an
   * optional question: a respondent who left it empty then has no considered set ("unknown").
   */
  consideredSetRequired?: boolean;
  /** The respondent's MaxDiff design (stored when the response started); required when the study asks MaxDiff. */
  maxDiffDesign?: MaxDiffDesign;
}

const isScore = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 10;
const isPoints = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 100;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** An answer by name: own properties only, so keys like `__proto__` or `constructor` are plain data. */
const get = (record: Record<string, unknown>, key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);

/** Reads one optional 1-10 score ("don't know" is no score); a present but invalid value is an error. */
function optionalScore(answers: Record<string, unknown>, name: string, errors: string[]): number | null {
  const v = get(answers, name);
  if (v === undefined || v === null || v === DONT_KNOW) return null;
  if (!isScore(v)) {
    errors.push(`${name} requires a whole number from 1 to 10 or "${DONT_KNOW}"`);
    return null;
  }
  return v;
}

function readCodes(value: unknown, allowed: Set<string>, name: string, errors: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && allowed.has(v))) {
    errors.push(`${name} requires a list of offer codes`);
    return [];
  }
  return [...new Set(value as string[])];
}

function readWeights(study: StudyDefinition, answers: Record<string, unknown>, errors: string[]) {
  const weights: RatingResponse["weights"] = [];
  const stated = study.statedWeights;
  if (stated) return study.attributes.map((a) => ({ attribute: a.code, weight: stated.weights[a.code] ?? 0 }));
  for (const kind of ["quality", "price"] as const) {
    const attrs = study.attributes.filter((a) => a.kind === kind);
    // A kind asked by MaxDiff has no points: its weights come from the MaxDiff shares (analysis).
    if (maxDiffItems(study, "rating", kind).length > 0) continue;
    if (attrs.length === 1) {
      weights.push({ attribute: attrs[0]!.code, weight: 100 });
      continue;
    }
    const given = get(answers, q.weights(kind));
    if (!isRecord(given)) {
      errors.push(`${q.weights(kind)} requires points for each attribute`);
      continue;
    }
    let sum = 0;
    for (const a of attrs) {
      const v = get(given, a.code) ?? 0;
      if (!isPoints(v)) {
        errors.push(`${q.weights(kind)}.${a.code} requires a number from 0 to 100`);
        continue;
      }
      sum += v;
      weights.push({ attribute: a.code, weight: v });
    }
    if (Math.abs(sum - 100) > 1e-6) errors.push(`${q.weights(kind)} requires a sum of 100 (got ${sum})`);
  }
  return weights;
}

const PROFILE_TEXT_MAX = 200;

/** Profile answers: a choice question requires one of its codes, a text question is optional. */
function readProfile(study: StudyDefinition, answers: Record<string, unknown>, errors: string[]): ProfileAnswer[] {
  const profile: ProfileAnswer[] = [];
  for (const p of study.profileQuestions ?? []) {
    const name = q.profile(p.code);
    const v = get(answers, name);
    if (p.kind === "choice") {
      if (typeof v === "string" && p.choices.some((c) => c.code === v)) profile.push({ question: p.code, value: v });
      else errors.push(`${name} requires one of ${p.choices.map((c) => c.code).join(", ")}`);
      continue;
    }
    if (v === undefined || v === null) continue;
    if (typeof v !== "string" || v.length > PROFILE_TEXT_MAX) {
      errors.push(`${name} requires a text of at most ${PROFILE_TEXT_MAX} characters`);
      continue;
    }
    if (v.trim() !== "") profile.push({ question: p.code, value: v.trim() });
  }
  return profile;
}

/**
 * The offers considered. With a purchase: the codes given plus the offer bought, or the offer
 * bought alone for "I only considered what I bought" (exclusive); nothing given is an error when
 * the set is required, else no set (old questionnaire versions). Without a purchase: the codes
 * given (old versions asked it of everyone), "only bought" refused.
 */
function readConsidered(answers: Record<string, unknown>, codes: Set<string>, bought: string | null, required: boolean, errors: string[]): string[] {
  const name = q.consideredOffers;
  const value = get(answers, name);
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    if (bought !== null && required) errors.push(`${name} requires the other offers considered or "${ONLY_BOUGHT}"`);
    return [];
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && (codes.has(v) || v === ONLY_BOUGHT))) {
    errors.push(`${name} requires a list of offer codes or "${ONLY_BOUGHT}"`);
    return [];
  }
  const given = [...new Set(value as string[])];
  const offers = given.filter((v) => v !== ONLY_BOUGHT);
  if (given.includes(ONLY_BOUGHT)) {
    if (bought === null) {
      errors.push(`${name} "${ONLY_BOUGHT}" requires an offer as ${q.lastPurchase}`);
      return [];
    }
    // The bought offer may linger in the answer (its choice is hidden, not cleared): it is no other offer.
    if (offers.some((o) => o !== bought)) {
      errors.push(`${name} "${ONLY_BOUGHT}" requires no other offer`);
      return [];
    }
  }
  return bought === null ? offers : [bought, ...offers.filter((o) => o !== bought)];
}

/**
 * Turns a finished SurveyJS result into normalised rows. Reads only the question names the
 * builder made (survey.data also carries computed values; `unknownAnswerNames` refuses the
 * rest at the API). Screened-out respondents (who do not know the own offer and at least one
 * competitor) keep only their screening answer. "Don't know" gives no rating row. When the
 * study adopted stated weights (focus group), they are this response's weights and quality
 * share, so every complete response carries the weights it was asked under and analysis is
 * unchanged. The considered set comes with the purchase (see `readConsidered`). A kind asked by
 * MaxDiff has no weights of its own (its tasks are read against the respondent's design,
 * `readMaxDiffAnswers`); the price research block gives `prices` and `ladder`.
 */
export function readRatingResponse(study: StudyDefinition, answers: unknown, options: ReadOptions = {}): ReadResult {
  if (!isRecord(answers)) return { ok: false, errors: ["answers require a JSON object"] };
  const errors: string[] = [];
  const codes = new Set(study.offers.map((o) => o.code));
  const known = readCodes(get(answers, q.knownOffers), codes, q.knownOffers, errors);
  const own = study.offers.find((o) => o.own)?.code;
  const qualified = own !== undefined && known.includes(own) && known.some((c) => c !== own);
  if (errors.length) return { ok: false, errors };
  if (!qualified) {
    const offers = study.offers.map((o) => ({
      offer: o.code, known: known.includes(o.code), worth: null, overall: null, chose: false, considered: false,
    }));
    return { ok: true, value: { status: "screened_out", known, qualityShare: null, weights: [], ratings: [], offers, profile: [] } };
  }

  const weights = readWeights(study, answers, errors);
  const share = study.statedWeights ? study.statedWeights.qualityShare : get(answers, q.qualityShare);
  if (!isPoints(share)) errors.push(`${q.qualityShare} requires a number from 0 to 100`);

  const ratings: RatingRow[] = [];
  for (const offer of known) {
    for (const a of study.attributes) {
      const score = optionalScore(answers, q.rating(offer, a.code), errors);
      if (score !== null) ratings.push({ offer, attribute: a.code, score });
    }
  }
  const last = get(answers, q.lastPurchase);
  if (last !== undefined && last !== NONE_OFFER && !(typeof last === "string" && codes.has(last))) {
    errors.push(`${q.lastPurchase} requires an offer code or "${NONE_OFFER}"`);
  }
  const bought = typeof last === "string" && codes.has(last) ? last : null;
  const considered = readConsidered(answers, codes, bought, options.consideredSetRequired ?? true, errors);
  const offers = study.offers.map((o) => {
    const isKnown = known.includes(o.code);
    return {
      offer: o.code,
      known: isKnown,
      worth: isKnown ? optionalScore(answers, q.worth(o.code), errors) : null,
      overall: isKnown ? optionalScore(answers, q.overall(o.code), errors) : null,
      chose: last === o.code,
      considered: considered.includes(o.code),
    };
  });
  const profile = readProfile(study, answers, errors);
  const maxDiff = readMaxDiffAnswers(study, "rating", answers, options.maxDiffDesign, errors);
  const prices = readPriceAnswers(study, answers, errors);
  const ladder = readLadderAnswers(study, answers, errors);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: { status: "complete", known, qualityShare: share as number, weights, ratings, offers, profile, maxDiff, prices, ladder },
  };
}
