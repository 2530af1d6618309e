import { z } from "zod";
import type { Study } from "../../../db/queries/studies";
import { updateFieldworkSettings } from "../../../db/queries/studies";
import {
  addProfileQuestion,
  deleteProfileQuestion,
  listProfileQuestionRows,
  moveProfileQuestion,
  updateProfileQuestion,
} from "../../../db/queries/profile-questions";
import { listQuotas, setQuotas } from "../../../db/queries/quotas";
import { getLatestQuestionnaire, publishQuestionnaire } from "../../../db/queries/questionnaires";
import { getStudyDefinition } from "../../../db/queries/study-definition";
import { buildFocusGroupQuestionnaire } from "../../../surveys/build-focus-group-questionnaire";
import { CodeSchema, type ProfileQuestionDefinition } from "../../../surveys/study-definition";
import { validateStudy } from "../../../surveys/validate-study";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";

export type DesignResult = { ok: true; detail?: string } | { ok: false; errors: Partial<Record<string, MessageKey>> };

/** A code from a name: lower-case ASCII letters and digits, unique among `taken`. */
export function makeCode(name: string, fallback: string, taken: Set<string>): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]/g, "").replace(/^[0-9]+/, "").slice(0, 32) || fallback;
  let code = base;
  for (let i = 2; taken.has(code); i++) code = `${base}${i}`;
  return code;
}

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v.trim() : "");
const optional = (v: FormDataEntryValue | null) => text(v) || null;

/**
 * Choices typed one per line as `code | English label | Chinese label`; the code may be left
 * empty (it is then made from the label) and so may the Chinese label.
 */
export function parseChoices(source: string): { ok: true; choices: ProfileQuestionDefinition["choices"] } | { ok: false; error: MessageKey } {
  const lines = source.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > 50) return { ok: false, error: "fieldwork.error.tooManyChoices" };
  const taken = new Set<string>();
  const given = new Set(lines.map((l) => l.split("|")[0]!.trim()).filter(Boolean));
  const choices: ProfileQuestionDefinition["choices"] = [];
  for (const [i, line] of lines.entries()) {
    const parts = line.split("|").map((p) => p.trim());
    const [code = "", label = "", labelZh = ""] = parts.length === 1 ? ["", parts[0]!, ""] : parts;
    if (parts.length > 3 || !label || label.length > 120 || labelZh.length > 120) return { ok: false, error: "fieldwork.error.choiceInvalid" };
    if (code && !CodeSchema.safeParse(code).success) return { ok: false, error: "fieldwork.error.choiceCodeInvalid" };
    if (code && taken.has(code)) return { ok: false, error: "fieldwork.error.choiceCodesUnique" };
    const finalCode = code || makeCode(label, `c${i + 1}`, new Set([...taken, ...given]));
    taken.add(finalCode);
    choices.push({ code: finalCode, label, labelZh: labelZh || null });
  }
  return { ok: true, choices };
}

async function profileQuestionForm(db: Db, 
  study: Study,
  form: FormData,
  questionId: number | null,
): Promise<{ ok: true; fields: ProfileQuestionDefinition } | { ok: false; errors: Partial<Record<string, MessageKey>> }> {
  const errors: Partial<Record<string, MessageKey>> = {};
  const questionText = text(form.get("text"));
  if (!questionText || questionText.length > 300) errors.text = "fieldwork.error.textRequired";
  const textZh = optional(form.get("textZh"));
  if (textZh && textZh.length > 300) errors.textZh = "fieldwork.error.textRequired";
  const kind = z.enum(["choice", "text"]).safeParse(form.get("kind"));
  if (!kind.success) errors.kind = "fieldwork.error.kindRequired";
  const rows = await listProfileQuestionRows(db, study.id);
  const others = rows.filter((q) => q.id !== questionId);
  const taken = new Set(others.map((q) => q.code));
  const current = rows.find((q) => q.id === questionId);
  let code = text(form.get("code"));
  if (!code) code = current?.code ?? makeCode(questionText, `q${others.length + 1}`, taken);
  if (!CodeSchema.safeParse(code).success) errors.code = "fieldwork.error.codeInvalid";
  else if (taken.has(code)) errors.code = "fieldwork.error.codeTaken";
  let choices: ProfileQuestionDefinition["choices"] = [];
  if (kind.success && kind.data === "choice") {
    const parsed = parseChoices(text(form.get("choices")));
    if (!parsed.ok) errors.choices = parsed.error;
    else if (parsed.choices.length === 0) errors.choices = "fieldwork.error.choicesRequired";
    else choices = parsed.choices;
  }
  if (Object.keys(errors).length || !kind.success) return { ok: false, errors };
  const isSegment = form.get("isSegment") === "on" || form.get("isSegment") === "true";
  return { ok: true, fields: { code, kind: kind.data, text: questionText, textZh, choices, isSegment } };
}

const idOf = (form: FormData, name: string) => {
  const id = Number(form.get(name));
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response(`${name} requires a number`, { status: 400 });
  return id;
};

export async function addProfileQuestionTo(db: Db, study: Study, form: FormData): Promise<DesignResult> {
  const parsed = await profileQuestionForm(db, study, form, null);
  if (!parsed.ok) return parsed;
  await addProfileQuestion(db, { studyId: study.id, fields: parsed.fields });
  return { ok: true, detail: parsed.fields.code };
}

export async function updateProfileQuestionOf(db: Db, study: Study, form: FormData): Promise<DesignResult> {
  const questionId = idOf(form, "questionId");
  const parsed = await profileQuestionForm(db, study, form, questionId);
  if (!parsed.ok) return parsed;
  if (!(await updateProfileQuestion(db, { studyId: study.id, questionId, fields: parsed.fields }))) throw new Response("profile question not found", { status: 404 });
  return { ok: true, detail: parsed.fields.code };
}

export async function deleteProfileQuestionOf(db: Db, study: Study, form: FormData): Promise<DesignResult> {
  const row = await deleteProfileQuestion(db, { studyId: study.id, questionId: idOf(form, "questionId") });
  if (!row) throw new Response("profile question not found", { status: 404 });
  return { ok: true, detail: row.code };
}

export async function moveProfileQuestionOf(db: Db, study: Study, form: FormData): Promise<DesignResult> {
  const direction = form.get("direction") === "up" ? "up" : "down";
  await moveProfileQuestion(db, { studyId: study.id, questionId: idOf(form, "questionId"), direction });
  return { ok: true, detail: direction };
}

/** Targets per choice of one choice question (`target_<choice>`; empty = no quota). */
export async function saveQuotasOf(db: Db, study: Study, form: FormData): Promise<DesignResult> {
  const question = (await listProfileQuestionRows(db, study.id)).find((q) => q.code === form.get("questionCode") && q.kind === "choice");
  if (!question) return { ok: false, errors: { quotas: "fieldwork.error.quotaQuestion" } };
  const targets: Record<string, number> = {};
  for (const choice of question.choices) {
    const raw = text(form.get(`target_${choice.code}`));
    if (!raw) continue;
    const target = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(target) || target < 1 || target > 1_000_000) {
      return { ok: false, errors: { quotas: "fieldwork.error.quotaTarget" } };
    }
    targets[choice.code] = target;
  }
  await setQuotas(db, { studyId: study.id, questionCode: question.code, targets });
  return { ok: true, detail: `${question.code}: ${Object.entries(targets).map(([k, v]) => `${k}=${v}`).join(", ")}` };
}

/** `YYYY-MM-DDTHH:mm` (a datetime-local field), read as UTC; empty = open-ended. */
export function parseUtcDateTime(value: string): number | null | "invalid" {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return "invalid";
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  return new Date(ms).toISOString().slice(0, 16) === value.slice(0, 16) ? ms : "invalid";
}

export async function saveFieldworkSettings(db: Db, study: Study, form: FormData): Promise<DesignResult> {
  const opensAt = parseUtcDateTime(text(form.get("opensAt")));
  const closesAt = parseUtcDateTime(text(form.get("closesAt")));
  if (opensAt === "invalid" || closesAt === "invalid") return { ok: false, errors: { window: "fieldwork.error.dateInvalid" } };
  if (opensAt !== null && closesAt !== null && closesAt <= opensAt) return { ok: false, errors: { window: "fieldwork.error.closesBeforeOpens" } };
  const onePerDevice = form.get("onePerDevice") === "on";
  const graceText = text(form.get("graceMinutes")).trim();
  const graceMinutes = graceText === "" ? 0 : Number(graceText);
  if (!/^\d{0,5}$/.test(graceText) || !Number.isSafeInteger(graceMinutes) || graceMinutes > 10_080) {
    return { ok: false, errors: { window: "fieldwork.error.graceMinutes" } };
  }
  await updateFieldworkSettings(db, { id: study.id, opensAt, closesAt, onePerDevice, graceMinutes, now: Date.now() });
  const iso = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString());
  return { ok: true, detail: `${iso(opensAt)} to ${iso(closesAt)}, one per device: ${onePerDevice ? "yes" : "no"}, grace: ${graceMinutes} min` };
}

/** Opens the fieldwork now (no end) or closes it now. */
export async function openFieldworkNow(db: Db, study: Study): Promise<DesignResult> {
  const now = Date.now();
  await updateFieldworkSettings(db, { id: study.id, opensAt: now, closesAt: null, onePerDevice: study.onePerDevice, now });
  return { ok: true, detail: new Date(now).toISOString() };
}

export async function closeFieldworkNow(db: Db, study: Study): Promise<DesignResult> {
  const now = Date.now();
  const opensAt = study.fieldworkOpensAt !== null && study.fieldworkOpensAt < now ? study.fieldworkOpensAt : null;
  await updateFieldworkSettings(db, { id: study.id, opensAt, closesAt: now, onePerDevice: study.onePerDevice, now });
  return { ok: true, detail: new Date(now).toISOString() };
}

export type WindowState = "open" | "scheduled" | "closed";
export function fieldworkState(study: Pick<Study, "fieldworkOpensAt" | "fieldworkClosesAt">, now: number): WindowState {
  if (study.fieldworkOpensAt !== null && now < study.fieldworkOpensAt) return "scheduled";
  if (study.fieldworkClosesAt !== null && now >= study.fieldworkClosesAt) return "closed";
  return "open";
}

const FOCUS_GROUP_ISSUES = new Set<MessageKey>(["study.issue.qualityAttributeRequired", "study.issue.priceAttributeRequired", "study.issue.duplicateCode", "study.issue.titleRequired"]);

/** What prevents publishing the focus-group stage (it needs no offers). */
export async function focusGroupIssues(db: Db, study: Study): Promise<MessageKey[]> {
  return validateStudy(await getStudyDefinition(db, study))
    .map((i) => i.code)
    .filter((c) => FOCUS_GROUP_ISSUES.has(c));
}

/** Freezes a new focus-group version (its own numbering). */
export async function publishFocusGroup(db: Db, study: Study): Promise<{ ok: true; version: number; detail: string } | { ok: false; issues: MessageKey[] }> {
  const issues = await focusGroupIssues(db, study);
  if (issues.length) return { ok: false, issues };
  const definition = await getStudyDefinition(db, study);
  const q = await publishQuestionnaire(db, {
    studyId: study.id,
    stage: "focus_group",
    definitionJson: JSON.stringify(definition),
    surveyJson: JSON.stringify(buildFocusGroupQuestionnaire(definition)),
    now: Date.now(),
  });
  return { ok: true, version: q.version, detail: `focus group version ${q.version}` };
}

/** The fieldwork part of the design screen. */
export async function loadFieldworkDesign(db: Db, study: Study) {
  const focusGroup = await getLatestQuestionnaire(db, study.id, "focus_group");
  const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString().slice(0, 16));
  return {
    profileQuestions: await listProfileQuestionRows(db, study.id),
    quotas: (await listQuotas(db, study.id)).map((q) => ({ questionCode: q.questionCode, value: q.value, target: q.target })),
    window: {
      opensAt: iso(study.fieldworkOpensAt),
      closesAt: iso(study.fieldworkClosesAt),
      state: fieldworkState(study, Date.now()),
      onePerDevice: study.onePerDevice,
      graceMinutes: study.fieldworkGraceMinutes,
    },
    focusGroup: focusGroup ? { version: focusGroup.version, publishedAt: focusGroup.publishedAt } : null,
    focusGroupIssues: await focusGroupIssues(db, study),
    statedWeightsAdopted: study.statedWeightsJson !== null,
  };
}
