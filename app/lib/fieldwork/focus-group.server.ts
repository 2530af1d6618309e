import { listFocusGroupAnswers, listFocusGroupMaxDiff, listFocusGroupSuggestions } from "../../../db/queries/focus-group";
import { withMaxDiffPoints } from "./focus-group-maxdiff.server";
import { recordAuditEvent } from "../../../db/queries/audit";
import { getLatestQuestionnaire } from "../../../db/queries/questionnaires";
import { listAttributes, setStatedWeights, type Study } from "../../../db/queries/studies";
import { consolidateFocusGroup } from "../../../analysis/consolidate-focus-group";
import { groupSuggestions } from "../../../analysis/group-suggestions";
import { readStatedWeights } from "../../../surveys/read-stated-weights";
import { StatedWeightsSchema } from "../../../surveys/study-definition";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { addAttributes } from "../design/attributes.server";
import type { MergeSuggestions } from "./merge-suggestions-schema";

/** The focus group's answers consolidated; the kinds asked by MaxDiff take their points from the shares. */
async function consolidation(db: Db, study: Study) {
  const attributes = await listAttributes(db, study.id);
  const answers = withMaxDiffPoints(await listFocusGroupAnswers(db, study.id), await listFocusGroupMaxDiff(db, study.id), attributes);
  return { attributes, result: consolidateFocusGroup(answers, attributes) };
}

/** Everything the focus-group page shows. */
export async function loadFocusGroup(db: Db, study: Study) {
  const { attributes, result } = await consolidation(db, study);
  const byCode = new Map(attributes.map((a) => [a.code, a]));
  const stated = readStatedWeights(study.statedWeightsJson);
  const published = await getLatestQuestionnaire(db, study.id, "focus_group");
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh, publicToken: study.publicToken },
    published: published ? { version: published.version, publishedAt: published.publishedAt } : null,
    n: result.n,
    attributes: result.attributes.map((a) => ({ ...a, name: byCode.get(a.code)?.name ?? a.code, nameZh: byCode.get(a.code)?.nameZh ?? null })),
    split: result.split,
    adoptable: result.stated.ok ? { ok: true as const, weights: result.stated.weights, qualityShare: result.stated.qualityShare } : { ok: false as const, reason: result.stated.reason },
    stated,
    suggestions: groupSuggestions(await listFocusGroupSuggestions(db, study.id)),
  };
}

export type FocusGroupResult = { ok: true; notice: MessageKey } | { ok: false; error: MessageKey };

/** A focus-group suggestion as a new attribute (app/routes/studies.$id.focus-group/schema.ts). */
export interface SuggestionMerge {
  name: string;
  nameZh?: string;
  kind: "quality" | "price";
}

/** Adds a suggestion to the attribute list as a quality or price attribute (names stay unique; audited). */
export async function mergeSuggestion(db: Db, study: Study, userId: number, input: SuggestionMerge): Promise<FocusGroupResult> {
  const row = { kind: input.kind, name: input.name, ...(input.nameZh ? { nameZh: input.nameZh } : {}) };
  const result = await addAttributes(db, study, userId, [row], "mergeSuggestion");
  if (!result.ok) return { ok: false, error: Object.values(result.errors).flat()[0] ?? "study.error.nameRequired" };
  return { ok: true, notice: "fieldwork.focus.merged" };
}

/**
 * Merges suggestions by hand: the ones checked (spellings and languages the automatic grouping
 * keeps apart, "Waterproofing (IP rating)" and "防水性能") become one attribute, named by the
 * researcher; the audit event lists the suggestions merged.
 */
export async function mergeSuggestions(db: Db, study: Study, userId: number, input: MergeSuggestions): Promise<FocusGroupResult> {
  const known = new Set(groupSuggestions(await listFocusGroupSuggestions(db, study.id)).map((g) => g.text));
  if (input.texts.some((text) => !known.has(text))) return { ok: false, error: "fieldwork.focus.mergePick" };
  const row = { kind: input.kind, name: input.name, ...(input.nameZh ? { nameZh: input.nameZh } : {}) };
  const result = await addAttributes(db, study, userId, [row], "mergeSuggestion", ` <- ${input.texts.join(" | ")}`);
  if (!result.ok) return { ok: false, error: Object.values(result.errors).flat()[0] ?? "study.error.nameRequired" };
  return { ok: true, notice: "fieldwork.focus.merged" };
}

/** Adopts the consolidated weights as the study's stated weights (the rating stage then does not ask for weights). */
export async function adoptWeights(db: Db, study: Study, userId: number): Promise<FocusGroupResult> {
  const { result } = await consolidation(db, study);
  if (!result.stated.ok) return { ok: false, error: `fieldwork.focus.notAdoptable.${result.stated.reason}` };
  const stated = StatedWeightsSchema.parse({ qualityShare: result.stated.qualityShare, weights: result.stated.weights });
  await setStatedWeights(db, { id: study.id, statedWeightsJson: JSON.stringify(stated), now: Date.now() });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "adoptWeights", detail: `n = ${result.n}`, now: Date.now() });
  return { ok: true, notice: "fieldwork.focus.adopted" };
}

export async function dropWeights(db: Db, study: Study, userId: number): Promise<FocusGroupResult> {
  await setStatedWeights(db, { id: study.id, statedWeightsJson: null, now: Date.now() });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "dropWeights", now: Date.now() });
  return { ok: true, notice: "fieldwork.focus.dropped" };
}
