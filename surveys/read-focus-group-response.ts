import { askedAttributes } from "./build-focus-group-questionnaire";
import { MAX_SUGGESTIONS, questionNames as q } from "./question-names";
import type { MaxDiffDesign } from "./apply-maxdiff-design";
import { readMaxDiffAnswers, type MaxDiffAnswer } from "./read-maxdiff-answers";
import type { StudyDefinition } from "./study-definition";
import { maxDiffItems } from "./study-methods";

/** A new attribute a focus-group respondent suggested, with the points they gave it (if any). */
export interface Suggestion {
  position: number;
  text: string;
  weight: number | null;
}
/**
 * The normalised content of one finished focus-group questionnaire (the rows H4m's consolidation
 * reads): a weight for every listed attribute (0 when it does not matter; quality codes sum to
 * 100, price codes sum to 100, as in the rating stage), the quality share and the suggestions.
 */
export interface FocusGroupResponse {
  qualityShare: number;
  matters: string[];
  weights: Array<{ attribute: string; weight: number }>;
  suggestions: Suggestion[];
  /** MaxDiff tasks of the kinds asked by MaxDiff (their attributes that matter have no weight row: see `readKind`) */
  maxDiff?: MaxDiffAnswer[];
}
export type FocusGroupReadResult = { ok: true; value: FocusGroupResponse } | { ok: false; errors: string[] };

const SUGGESTION_MAX = 120;
const isPoints = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 100;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const get = (record: Record<string, unknown>, key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);

function readKind(study: StudyDefinition, kind: "quality" | "price", answers: Record<string, unknown>, errors: string[], out: FocusGroupResponse) {
  const all = study.attributes.filter((a) => a.kind === kind);
  const asked = askedAttributes(study, kind);
  if (asked.length === 0) {
    // A single attribute of its kind is not asked about: it matters and carries the 100 points.
    for (const a of all) {
      out.matters.push(a.code);
      out.weights.push({ attribute: a.code, weight: 100 });
    }
    return;
  }
  const name = q.matters(kind);
  const ticked = get(answers, name);
  const codes = new Set(asked.map((a) => a.code));
  if (!Array.isArray(ticked) || ticked.length === 0 || !ticked.every((c) => typeof c === "string" && codes.has(c))) {
    errors.push(`${name} requires a non-empty list of ${kind} attribute codes`);
    return;
  }
  const matters = new Set(ticked as string[]);
  if (maxDiffItems(study, "focusGroup", kind).length > 0) {
    // MaxDiff: 0 for what does not matter; the weights of what matters come from the MaxDiff
    // shares, renormalised over them when the focus group is consolidated.
    for (const a of asked) {
      if (matters.has(a.code)) out.matters.push(a.code);
      else out.weights.push({ attribute: a.code, weight: 0 });
    }
    return;
  }
  let sum = 0;
  for (const a of asked) {
    if (!matters.has(a.code)) {
      out.weights.push({ attribute: a.code, weight: 0 });
      continue;
    }
    const v = get(answers, q.points(a.code));
    if (!isPoints(v)) {
      errors.push(`${q.points(a.code)} requires a number from 0 to 100`);
      continue;
    }
    sum += v;
    out.matters.push(a.code);
    out.weights.push({ attribute: a.code, weight: v });
  }
  if (Math.abs(sum - 100) > 1e-6 && !errors.some((e) => e.startsWith("points_"))) {
    errors.push(`${q.pointsTotal(kind)} requires the points of the ${kind} attributes that matter to sum to 100 (got ${sum})`);
  }
}

function readSuggestions(answers: Record<string, unknown>, errors: string[]): Suggestion[] {
  const suggestions: Suggestion[] = [];
  for (let n = 1; n <= MAX_SUGGESTIONS; n++) {
    const text = get(answers, q.suggestion(n));
    const points = get(answers, q.suggestionPoints(n));
    if (text === undefined || text === null || (typeof text === "string" && text.trim() === "")) continue;
    if (typeof text !== "string" || text.length > SUGGESTION_MAX) {
      errors.push(`${q.suggestion(n)} requires a text of at most ${SUGGESTION_MAX} characters`);
      continue;
    }
    if (points !== undefined && points !== null && !isPoints(points)) {
      errors.push(`${q.suggestionPoints(n)} requires a number from 0 to 100`);
      continue;
    }
    suggestions.push({ position: n, text: text.trim(), weight: isPoints(points) ? points : null });
  }
  return suggestions;
}

/**
 * Turns a finished focus-group result into normalised rows, validating every value (the API
 * refuses names the questionnaire does not have with `unknownAnswerNames` first).
 */
export function readFocusGroupResponse(study: StudyDefinition, answers: unknown, options: { maxDiffDesign?: MaxDiffDesign } = {}): FocusGroupReadResult {
  if (!isRecord(answers)) return { ok: false, errors: ["answers require a JSON object"] };
  const errors: string[] = [];
  const out: FocusGroupResponse = { qualityShare: 0, matters: [], weights: [], suggestions: [] };
  readKind(study, "quality", answers, errors, out);
  readKind(study, "price", answers, errors, out);
  out.suggestions = readSuggestions(answers, errors);
  out.maxDiff = readMaxDiffAnswers(study, "focusGroup", answers, options.maxDiffDesign, errors);
  const share = get(answers, q.qualityShare);
  if (isPoints(share)) out.qualityShare = share;
  else errors.push(`${q.qualityShare} requires a number from 0 to 100`);
  if (errors.length) return { ok: false, errors };
  // Weights in the study's attribute order.
  const rank = new Map(study.attributes.map((a, i) => [a.code, i]));
  out.weights.sort((a, b) => rank.get(a.attribute)! - rank.get(b.attribute)!);
  return { ok: true, value: out };
}
