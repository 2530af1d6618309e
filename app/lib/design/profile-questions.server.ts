import { recordAuditEvent } from "../../../db/queries/audit";
import {
  addProfileQuestion as addQuestionRow,
  deleteProfileQuestion as deleteQuestionRow,
  listProfileQuestionRows,
  moveProfileQuestion as moveQuestionRow,
  updateProfileQuestion as updateQuestionRow,
} from "../../../db/queries/profile-questions";
import type { Study } from "../../../db/queries/studies";
import { makeCode } from "../../../surveys/make-code";
import type { ProfileQuestionDefinition } from "../../../surveys/study-definition";
import type { Db } from "../../../db/client";
import { done, refused, type DesignResult, type FieldErrors } from "./design-result";
import { frozenCodes } from "./design-codes.server";
import { nameKey } from "./same-name";

export interface ChoiceInput {
  label: string;
  labelZh?: string;
  /** Empty: made from the label (snake_case). */
  code?: string;
}

export interface ProfileQuestionInput {
  /** Empty: made from the question (new questions), or kept (existing ones). */
  code?: string;
  kind: "choice" | "text";
  text: string;
  textZh?: string;
  /** Rows of the choice editor (ignored for a text question). */
  choices: ChoiceInput[];
  isSegment: boolean;
  /** Asked right after the familiarity screen (questions with a quota are asked there anyway). */
  askFirst?: boolean;
}

type QuestionRow = ProfileQuestionDefinition & { id: number };

/** Checks a question against the study's others and makes its codes; errors by field path. */
async function questionFields(db: Db, study: Study, input: ProfileQuestionInput, current: QuestionRow | null): Promise<{ ok: true; fields: ProfileQuestionDefinition } | { ok: false; errors: FieldErrors }> {
  const rows = await listProfileQuestionRows(db, study.id);
  const others = rows.filter((q) => q.id !== current?.id);
  const taken = new Set(others.map((q) => q.code));
  const errors: FieldErrors = {};
  const frozen = await frozenCodes(db, study.id);
  let code = input.code || current?.code || makeCode(input.text, `q${others.length + 1}`, taken);
  if (current && code !== current.code && frozen.questions.has(current.code)) {
    errors.code = ["study.error.codeFrozen"];
    code = current.code;
  } else if (taken.has(code)) errors.code = ["fieldwork.error.codeTaken"];
  const choices: ProfileQuestionDefinition["choices"] = [];
  if (input.kind === "choice") {
    if (input.choices.length === 0) errors.choices = ["fieldwork.error.choicesRequired"];
    const given = new Set(input.choices.map((c) => c.code).filter((c): c is string => Boolean(c)));
    const used = new Set<string>();
    const labels = new Set<string>();
    for (const [i, choice] of input.choices.entries()) {
      if (labels.has(nameKey(choice.label))) errors[`choices[${i}].label`] = ["study.error.choiceLabelTaken"];
      labels.add(nameKey(choice.label));
      if (choice.code && used.has(choice.code)) errors[`choices[${i}].code`] = ["fieldwork.error.choiceCodesUnique"];
      const choiceCode = choice.code || makeCode(choice.label, `c${i + 1}`, new Set([...used, ...given]));
      used.add(choiceCode);
      choices.push({ code: choiceCode, label: choice.label, labelZh: choice.labelZh ?? null });
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fields: { code, kind: input.kind, text: input.text, textZh: input.textZh ?? null, choices, isSegment: input.isSegment, ...(input.askFirst ? { askFirst: true } : {}) } };
}

async function questionOf(db: Db, study: Study, questionId: number): Promise<QuestionRow> {
  const row = (await listProfileQuestionRows(db, study.id)).find((q) => q.id === questionId);
  if (!row) throw new Response("profile question not found", { status: 404 });
  return row;
}

const audit = (db: Db, study: Study, userId: number, action: "addProfileQuestion" | "updateProfileQuestion" | "deleteProfileQuestion" | "moveProfileQuestion", detail: string) =>
  recordAuditEvent(db, { studyId: study.id, userId, action, detail, now: Date.now() });

export async function addProfileQuestion(db: Db, study: Study, userId: number, input: ProfileQuestionInput): Promise<DesignResult> {
  const parsed = await questionFields(db, study, input, null);
  if (!parsed.ok) return refused(parsed.errors);
  await addQuestionRow(db, { studyId: study.id, fields: parsed.fields });
  await audit(db, study, userId, "addProfileQuestion", parsed.fields.code);
  return done("study.saved");
}

/** Changes a question; quotas of choices it no longer has are dropped with it. */
export async function updateProfileQuestion(db: Db, study: Study, userId: number, input: ProfileQuestionInput & { questionId: number }): Promise<DesignResult> {
  const current = await questionOf(db, study, input.questionId);
  const parsed = await questionFields(db, study, input, current);
  if (!parsed.ok) return refused(parsed.errors);
  await updateQuestionRow(db, { studyId: study.id, questionId: current.id, fields: parsed.fields });
  await audit(db, study, userId, "updateProfileQuestion", parsed.fields.code);
  return done("study.saved");
}

/** Removes a question and its quotas (the route asks for confirmation first). */
export async function deleteProfileQuestion(db: Db, study: Study, userId: number, input: { questionId: number }): Promise<DesignResult> {
  const row = await deleteQuestionRow(db, { studyId: study.id, questionId: input.questionId });
  if (!row) throw new Response("profile question not found", { status: 404 });
  await audit(db, study, userId, "deleteProfileQuestion", row.code);
  return done("study.notice.deleted", { name: row.text });
}

/** Moves a question one place up or down. */
export async function moveProfileQuestion(db: Db, study: Study, userId: number, input: { questionId: number; direction: "up" | "down" }): Promise<DesignResult> {
  const row = await questionOf(db, study, input.questionId);
  await moveQuestionRow(db, { studyId: study.id, questionId: row.id, direction: input.direction });
  await audit(db, study, userId, "moveProfileQuestion", `${row.code} ${input.direction}`);
  return done("study.saved");
}
