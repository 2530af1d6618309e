import crypto from "node:crypto";
import { z } from "zod";
import { listAttributes, listOffers, createStudy, updateStudy, type Study } from "../../../db/queries/studies";
import { getMemberRole, getStudyById, listStudiesOfUser } from "../../../db/queries/members";
import { recordAuditEvent } from "../../../db/queries/audit";
import { addOffer, deleteOffer, updateOffer } from "../../../db/queries/offers";
import { addAttribute, deleteAttribute, updateAttribute } from "../../../db/queries/attributes";
import { getLatestQuestionnaire, publishQuestionnaire } from "../../../db/queries/questionnaires";
import { countResponses } from "../../../db/queries/responses";
import { getStudyDefinition } from "../../../db/queries/study-definition";
import { buildRatingQuestionnaire } from "../../../surveys/build-rating-questionnaire";
import { validateStudy, type StudyIssue } from "../../../surveys/validate-study";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import {
  addProfileQuestionTo,
  closeFieldworkNow,
  deleteProfileQuestionOf,
  loadFieldworkDesign,
  makeCode,
  moveProfileQuestionOf,
  openFieldworkNow,
  publishFocusGroup,
  saveFieldworkSettings,
  saveQuotasOf,
  updateProfileQuestionOf,
} from "./fieldwork-design.server";

export type FieldErrors = Partial<Record<string, MessageKey>>;
export type ActionResult = { ok: true } | { ok: false; errors: FieldErrors };

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null), z.string().max(max).nullable());
const requiredName = z.string().trim().min(1).max(120);

function newToken(): string {
  return crypto.randomBytes(9).toString("base64url");
}

function fieldErrors(error: z.ZodError, messages: Record<string, MessageKey>): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0]);
    out[field] ??= messages[field] ?? "study.error.nameRequired";
  }
  return out;
}

/** The studies the user owns or is a member of, with the user's role. */
export async function listStudiesFor(db: Db, userId: number) {
  const out = [];
  for (const s of await listStudiesOfUser(db, userId)) {
    out.push({ role: s.role, id: s.id, title: s.title, titleZh: s.titleZh, complete: (await countResponses(db, s.id)).complete });
  }
  return out;
}

export async function createStudyFor(db: Db, ownerId: number, form: FormData): Promise<{ ok: true; id: number } | { ok: false; errors: FieldErrors }> {
  const parsed = z.object({ title: z.string().trim().min(1).max(200) }).safeParse({ title: form.get("title") });
  if (!parsed.success) return { ok: false, errors: { title: "study.error.titleRequired" } };
  const study = await createStudy(db, {
    ownerId,
    publicToken: newToken(),
    title: parsed.data.title,
    titleZh: null,
    market: "",
    marketZh: null,
    languages: "en,zh-CN",
    now: Date.now(),
  });
  await recordAuditEvent(db, { studyId: study.id, userId: ownerId, action: "create", detail: study.title, now: Date.now() });
  return { ok: true, id: study.id };
}

export type StudyRole = "owner" | "editor" | "viewer";
const rank: Record<StudyRole, number> = { viewer: 1, editor: 2, owner: 3 };

/**
 * The study with the user's role in it when the role is at least `minimum`. A study the user
 * has no part in is a 404 (it does not exist for them); a member whose role is too low gets 403.
 */
export async function requireStudyRole(db: Db, userId: number, studyId: string | undefined, minimum: StudyRole): Promise<{ study: Study; role: StudyRole }> {
  const id = Number(studyId);
  const study = Number.isSafeInteger(id) ? await getStudyById(db, id) : null;
  const role: StudyRole | null = !study ? null : study.ownerId === userId ? "owner" : await getMemberRole(db, { studyId: study.id, userId });
  if (!study || !role) throw new Response("Not found", { status: 404 });
  if (rank[role] < rank[minimum]) throw new Response(`this requires the ${minimum} role in the study`, { status: 403 });
  return { study, role };
}

/** Everything the design screen shows. */
export async function loadStudyEditor(db: Db, study: Study) {
  const definition = await getStudyDefinition(db, study);
  const latest = await getLatestQuestionnaire(db, study.id);
  return {
    study: {
      id: study.id,
      title: study.title,
      titleZh: study.titleZh,
      market: study.market,
      marketZh: study.marketZh,
      languages: study.languages.split(","),
      publicToken: study.publicToken,
    },
    offers: await listOffers(db, study.id),
    attributes: await listAttributes(db, study.id),
    issues: validateStudy(definition).map((i: StudyIssue) => i.code),
    published: latest ? { version: latest.version, publishedAt: latest.publishedAt } : null,
    counts: await countResponses(db, study.id),
    ...(await loadFieldworkDesign(db, study)),
  };
}

export async function saveStudyDetails(db: Db, study: Study, form: FormData): Promise<ActionResult> {
  const parsed = z
    .object({
      title: z.string().trim().min(1).max(200),
      titleZh: optionalText(200),
      market: z.string().trim().max(1000),
      marketZh: optionalText(1000),
      languages: z.array(z.enum(["en", "zh-CN"])).min(1),
    })
    .safeParse({
      title: form.get("title"),
      titleZh: form.get("titleZh"),
      market: form.get("market") ?? "",
      marketZh: form.get("marketZh"),
      languages: form.getAll("languages"),
    });
  if (!parsed.success) {
    return { ok: false, errors: fieldErrors(parsed.error, { title: "study.error.titleRequired", languages: "study.error.languagesRequired" }) };
  }
  await updateStudy(db, {
    id: study.id,
    ownerId: study.ownerId,
    fields: { ...parsed.data, languages: parsed.data.languages.join(",") },
    now: Date.now(),
  });
  return { ok: true };
}

const OfferFormSchema = z.object({
  name: requiredName,
  nameZh: optionalText(120),
  isOwn: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

function offerForm(form: FormData) {
  return OfferFormSchema.safeParse({ name: form.get("name"), nameZh: form.get("nameZh"), isOwn: form.get("isOwn") });
}

export async function addOfferTo(db: Db, study: Study, form: FormData): Promise<ActionResult> {
  const parsed = offerForm(form);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, {}) };
  const taken = new Set([...(await listOffers(db, study.id)), ...(await listAttributes(db, study.id))].map((x) => x.code));
  await addOffer(db, { studyId: study.id, fields: { ...parsed.data, code: makeCode(parsed.data.name, `offer${taken.size + 1}`, taken) } });
  return { ok: true };
}

export async function updateOfferOf(db: Db, study: Study, form: FormData): Promise<ActionResult> {
  const parsed = offerForm(form);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, {}) };
  await updateOffer(db, { studyId: study.id, offerId: Number(form.get("offerId")), fields: parsed.data });
  return { ok: true };
}

export async function deleteOfferOf(db: Db, study: Study, form: FormData): Promise<ActionResult> {
  await deleteOffer(db, { studyId: study.id, offerId: Number(form.get("offerId")) });
  return { ok: true };
}

const AttributeFormSchema = z.object({
  name: requiredName,
  nameZh: optionalText(120),
  description: z.string().trim().max(500),
  descriptionZh: optionalText(500),
  groupName: optionalText(60),
});

function attributeForm(form: FormData) {
  return AttributeFormSchema.safeParse({
    name: form.get("name"),
    nameZh: form.get("nameZh"),
    description: form.get("description") ?? "",
    descriptionZh: form.get("descriptionZh"),
    groupName: form.get("groupName"),
  });
}

export async function addAttributeTo(db: Db, study: Study, form: FormData): Promise<ActionResult> {
  const parsed = attributeForm(form);
  const kind = z.enum(["quality", "price"]).safeParse(form.get("kind"));
  if (!parsed.success || !kind.success) return { ok: false, errors: parsed.success ? {} : fieldErrors(parsed.error, {}) };
  const taken = new Set([...(await listOffers(db, study.id)), ...(await listAttributes(db, study.id))].map((x) => x.code));
  const code = makeCode(parsed.data.name, `attr${taken.size + 1}`, taken);
  await addAttribute(db, { studyId: study.id, fields: { ...parsed.data, kind: kind.data, code } });
  return { ok: true };
}

export async function updateAttributeOf(db: Db, study: Study, form: FormData): Promise<ActionResult> {
  const parsed = attributeForm(form);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, {}) };
  await updateAttribute(db, { studyId: study.id, attributeId: Number(form.get("attributeId")), fields: parsed.data });
  return { ok: true };
}

export async function deleteAttributeOf(db: Db, study: Study, form: FormData): Promise<ActionResult> {
  await deleteAttribute(db, { studyId: study.id, attributeId: Number(form.get("attributeId")) });
  return { ok: true };
}

/** Validates the study and freezes a new questionnaire version built from it. */
export async function publishStudy(db: Db, study: Study): Promise<{ ok: true; version: number } | { ok: false; issues: MessageKey[] }> {
  const definition = await getStudyDefinition(db, study);
  const issues = validateStudy(definition);
  if (issues.length) return { ok: false, issues: issues.map((i) => i.code) };
  const q = await publishQuestionnaire(db, {
    studyId: study.id,
    definitionJson: JSON.stringify(definition),
    surveyJson: JSON.stringify(buildRatingQuestionnaire(definition)),
    now: Date.now(),
  });
  return { ok: true, version: q.version };
}

const studyIntents = {
  details: saveStudyDetails,
  addOffer: addOfferTo,
  updateOffer: updateOfferOf,
  deleteOffer: deleteOfferOf,
  addAttribute: addAttributeTo,
  updateAttribute: updateAttributeOf,
  deleteAttribute: deleteAttributeOf,
  publish: publishStudy,
  addProfileQuestion: addProfileQuestionTo,
  updateProfileQuestion: updateProfileQuestionOf,
  deleteProfileQuestion: deleteProfileQuestionOf,
  moveProfileQuestion: moveProfileQuestionOf,
  saveQuotas: saveQuotasOf,
  fieldworkSettings: saveFieldworkSettings,
  openFieldwork: openFieldworkNow,
  closeFieldwork: closeFieldworkNow,
  publishFocusGroup,
} as const;

export type StudyIntent = keyof typeof studyIntents;

export function isStudyIntent(intent: unknown): intent is StudyIntent {
  return typeof intent === "string" && Object.hasOwn(studyIntents, intent);
}

/** Runs one design-screen intent and, when it changed the study, records it in the audit log. */
export async function runStudyIntent(db: Db, study: Study, userId: number, intent: StudyIntent, form: FormData) {
  const result = await studyIntents[intent](db, study, form);
  if (result.ok) {
    const given = (result as { detail?: string }).detail;
    const detail =
      given !== undefined
        ? given
        : "version" in result
          ? `version ${result.version}`
          : String(form.get("name") ?? form.get("title") ?? "");
    await recordAuditEvent(db, { studyId: study.id, userId, action: intent, detail, now: Date.now() });
  }
  return result;
}
