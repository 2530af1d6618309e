import { ladderStart } from "./price-research-questions";
import { BUY_NO, BUY_YES, questionNames as q } from "./question-names";
import type { StudyDefinition } from "./study-definition";

/** Van Westendorp's four prices of one respondent, in order, and the likelihoods 1..5 when asked. */
export interface PriceAnswers {
  tooCheap: number;
  cheap: number;
  expensive: number;
  tooExpensive: number;
  likelihoodCheap: number | null;
  likelihoodExpensive: number | null;
}

/** One Gabor–Granger answer: would buy at this ladder price or not. */
export interface LadderAnswer {
  price: number;
  buy: boolean;
}

const get = (record: Record<string, unknown>, key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);

/**
 * The price research answers (docs/method.md §8) of a study with the block, else null: each of
 * the four prices a number within the study's range and at least the one before
 * (too cheap ≤ cheap ≤ expensive ≤ too expensive); the likelihoods whole numbers 1..5 when asked.
 */
export function readPriceAnswers(study: StudyDefinition, answers: Record<string, unknown>, errors: string[]): PriceAnswers | null {
  const price = study.methods?.priceResearch;
  if (!price) return null;
  const names = [q.priceTooCheap, q.priceCheap, q.priceExpensive, q.priceTooExpensive];
  const values = names.map((name) => {
    const v = get(answers, name);
    if (typeof v === "number" && Number.isFinite(v) && v >= price.min && v <= price.max) return v;
    errors.push(`${name} requires a number from ${price.min} to ${price.max}`);
    return null;
  });
  for (let i = 1; i < values.length; i++) {
    const [before, here] = [values[i - 1], values[i]];
    if (before != null && here != null && here < before) errors.push(`${names[i]} requires at least ${names[i - 1]}`);
  }
  const likelihood = (name: string): number | null => {
    if (!price.likelihoods) return null;
    const v = get(answers, name);
    if (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5) return v;
    errors.push(`${name} requires a whole number from 1 to 5`);
    return null;
  };
  const likelihoodCheap = likelihood(q.priceLikelyCheap);
  const likelihoodExpensive = likelihood(q.priceLikelyExpensive);
  const [tooCheap, cheap, expensive, tooExpensive] = values;
  if (tooCheap == null || cheap == null || expensive == null || tooExpensive == null) return null;
  return { tooCheap, cheap, expensive, tooExpensive, likelihoodCheap, likelihoodExpensive };
}

/**
 * The Gabor–Granger answers along the path the questionnaire asks (from the middle of the
 * ladder, up after yes, down after no, until a yes sits next to a no or the ladder ends): each
 * asked price requires "yes" or "no"; answers off the path are ignored. Empty without a ladder.
 */
export function readLadderAnswers(study: StudyDefinition, answers: Record<string, unknown>, errors: string[]): LadderAnswer[] {
  const ladder = study.methods?.priceResearch?.ladder ?? [];
  if (ladder.length === 0) return [];
  const out: LadderAnswer[] = [];
  const answerAt = (i: number): boolean | null => {
    const name = q.priceLadder(i + 1);
    const v = get(answers, name);
    if (v === BUY_YES || v === BUY_NO) {
      out.push({ price: ladder[i]!, buy: v === BUY_YES });
      return v === BUY_YES;
    }
    errors.push(`${name} requires "${BUY_YES}" or "${BUY_NO}"`);
    return null;
  };
  const start = ladderStart(ladder.length);
  const first = answerAt(start);
  if (first === null) return out;
  const step = first ? 1 : -1;
  for (let i = start + step; i >= 0 && i < ladder.length; i += step) {
    const buy = answerAt(i);
    if (buy === null || buy !== first) break;
  }
  return out.sort((a, b) => a.price - b.price);
}
