import { sql } from "drizzle-orm";
import { z } from "zod";
import { getQuestionnaire, type Questionnaire } from "../../../db/queries/questionnaires";
import {
  completeFocusGroupResponse,
  completeResponse,
  getInvitation,
  getRespondentStudy,
  getResponseByClientId,
  saveResponseDraft,
  screenResponseEarly,
  startResponse,
  type ResponseRow,
  type RespondentStudy,
} from "../../../db/queries/responses";
import { unknownAnswerNames } from "../../../surveys/answer-names";
import { personalSurveyJson } from "./personal-survey.server";
import { responseMaxDiffDesign } from "./maxdiff-design.server";
import { questionNames } from "../../../surveys/question-names";
import { quotaQuestionCodes } from "../../../db/queries/quotas";
import { asksConsideredSet, type SurveyJson } from "../../../surveys/build-rating-questionnaire";
import { offerOrder } from "../../../surveys/offer-order";
import { readFocusGroupResponse } from "../../../surveys/read-focus-group-response";
import { readRatingResponse } from "../../../surveys/read-rating-response";
import { StageSchema, type Stage } from "../../../surveys/stage";
import { StudyDefinitionSchema, type StudyDefinition } from "../../../surveys/study-definition";
import type { Db } from "../../../db/client";
import { env } from "../platform/env.server";
import { addressMayComplete, countAddressCompletion, deviceVerdict } from "./completion-caps.server";
import { completionQuality } from "./completion-quality.server";
import { jsonError } from "../platform/http.server";
import { refuse } from "./respondent-refusal.server";
import { outcomeOf, panelRedirect, RID_PATTERN } from "./panel-links.server";
import { fieldworkWindowState } from "./fieldwork-window";

/** Whether the fieldwork window admits new responses now (the rule: fieldwork-window.ts). */
const fieldworkOpen = (study: { opensAt: number | null; closesAt: number | null }, now: number) => fieldworkWindowState(study, now) === "open";

/**
 * Whether a response started before the close may still be saved and completed now: until the
 * close plus the study's grace period (0 by default: the close applies to it at once).
 */
export function draftsStillAccepted(study: { closesAt: number | null; graceMinutes: number }, now: number): boolean {
  return study.closesAt === null || now < study.closesAt + study.graceMinutes * 60_000;
}

/**
 * What the respondent page needs before the questionnaire loads: the study's names, and the
 * newest published questionnaire of the stage (the server renders its first page as a plain
 * form; null when the stage is not published).
 */
export async function loadRespondentPage(db: Db, token: string, stage: Stage, now = Date.now()) {
  const study = await getRespondentStudy(db, token);
  if (!study) return null;
  const [row] = await db.rows<{ title: string; titleZh: string | null; languages: string }>(
    sql`select title, title_zh as "titleZh", languages from studies where id = ${study.studyId}`,
  );
  if (!row) return null;
  const id = stage === "focus_group" ? study.focusGroupId : study.ratingId;
  const entry = id === null ? null : await frozenQuestionnaire(db, id);
  return {
    title: row.title,
    titleZh: row.titleZh,
    languages: row.languages.split(","),
    published: entry !== null,
    open: fieldworkOpen(study, now),
    survey: entry?.survey ?? null,
  };
}

const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "responseId requires 8-64 letters, digits, - or _");
// Any text up to 200 characters: one that is no invitation of the study gets the polite 404.
const InviteSchema = z.string().max(200, "invite requires the token of a personal link");
// Kept as parsed (no copy): a record schema would assign keys one by one and turn a
// "__proto__" answer into the object's prototype.
const AnswersSchema = z.custom<Record<string, unknown>>(
  (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  "answers require a JSON object",
);
const common = {
  responseId: ClientIdSchema,
  locale: z.enum(["en", "zh-CN"]).default("en"),
  /** Which questionnaire a NEW response starts on; an existing response keeps its own. */
  stage: StageSchema.default("rating"),
  /** A personal invitation token (`?invite=`): binds the response to it, one response each. */
  invite: InviteSchema.optional(),
  /** The page proof `GET /s/:token` gave this device (page-proof.server.ts): `start` and `complete` require it. */
  proof: z.string().max(200).optional(),
  /** A panel's respondent id (`?rid=`), stored with a new response; `test` marks the panel's test link. */
  rid: z.string().regex(RID_PATTERN, "rid requires 1-200 printable characters without spaces").optional(),
  test: z.boolean().optional(),
};

export const RespondentRequestSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), ...common }),
  z.object({
    intent: z.literal("draft"),
    ...common,
    answers: AnswersSchema,
    pageNo: z.number().int().min(0).max(1000),
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  }),
  z.object({ intent: z.literal("complete"), ...common, answers: AnswersSchema }),
  /** After the profile questions asked first: ends the response at once when its quota cell is full. */
  z.object({ intent: z.literal("screen"), ...common, answers: AnswersSchema }),
]);
export type RespondentRequest = z.infer<typeof RespondentRequestSchema>;

/** A published questionnaire, parsed once: published versions never change. */
interface Frozen {
  questionnaire: Questionnaire;
  definition: StudyDefinition;
  survey: SurveyJson;
}
const frozen = new Map<number, Frozen>();
const FROZEN_LIMIT = 500;

async function frozenQuestionnaire(db: Db, id: number): Promise<Frozen | null> {
  const cached = frozen.get(id);
  if (cached) return cached;
  const questionnaire = await getQuestionnaire(db, id);
  if (!questionnaire) return null;
  const entry = {
    questionnaire,
    definition: StudyDefinitionSchema.parse(JSON.parse(questionnaire.definitionJson)),
    survey: JSON.parse(questionnaire.surveyJson) as SurveyJson,
  };
  if (frozen.size >= FROZEN_LIMIT) frozen.delete(frozen.keys().next().value!);
  frozen.set(id, entry);
  return entry;
}

interface Resolved extends Frozen {
  study: RespondentStudy;
  clientId: string;
  existing: ResponseRow | null;
  order: string[];
  invitationId: number | null;
}

/** Who is asking, beyond the request: the IP address (per-address completion cap). */
export interface RespondentOrigin {
  address?: string;
}

/**
 * The response a request is about and the questionnaire it belongs to. An existing response
 * keeps the version it started on (a newer publication never breaks it). Only `start` creates a
 * response: inside the fieldwork window, bound to its personal invitation, and, on the public
 * link, not from a device that already answered when the study allows one response per device,
 * nor beyond the per-device and per-address caps. A draft or completion of a response never
 * started is refused; one started before the fieldwork closed is refused once the close (plus
 * the study's grace period) has passed. An invitation that already has a response resumes that
 * one (any device). Every refusal stores nothing.
 */
async function resolve(db: Db, token: string, request: RespondentRequest, deviceId: string, origin: RespondentOrigin, now: number): Promise<Resolved | Response> {
  const locale = request.locale;
  const study = await getRespondentStudy(db, token);
  if (!study) return refuse(404, "unknown", "unknown questionnaire link", locale);
  let clientId = request.responseId;
  let invitationId: number | null = null;
  if (request.invite !== undefined) {
    const invitation = await getInvitation(db, study.studyId, request.invite);
    if (!invitation) return refuse(404, "invitation", "unknown invitation link: ask the researcher for your personal link", locale);
    invitationId = invitation.id;
    if (invitation.responseClientId !== null) clientId = invitation.responseClientId;
  }
  const existing = await getResponseByClientId(db, clientId);
  // The same answer whether the id is unknown elsewhere or used by another study's response.
  const conflict = () => refuse(409, "conflict", "responseId cannot be used with this questionnaire link: start a new response", locale);
  if (!existing) {
    if (request.intent !== "start") {
      return refuse(409, "notStarted", `${request.intent} requires a response started from the questionnaire page (intent "start")`, locale);
    }
    if (!fieldworkOpen(study, now)) {
      const redirect = await panelRedirect(db, study.studyId, "closed", request.rid);
      return refuse(403, "closed", "fieldwork is closed: this questionnaire does not take new responses", locale, { redirect });
    }
    if (invitationId === null) {
      const { verdict } = await deviceVerdict(db, study, deviceId);
      if (verdict === "onePerDevice") return refuse(409, "device", "already answered from this device: one response per device", locale);
      if (verdict === "cap") {
        return refuse(429, "deviceCap", `this device has finished ${env.RESPONDENT_COMPLETIONS_PER_DEVICE} responses to this questionnaire, the most allowed`, locale);
      }
      const address = origin.address === undefined ? ({ ok: true } as const) : await addressMayComplete(db, study.studyId, origin.address);
      if (!address.ok) return addressCapReached(address.retryAfterSeconds, locale);
    }
  }
  const id = existing ? existing.questionnaireId : request.stage === "focus_group" ? study.focusGroupId : study.ratingId;
  const entry = id === null ? null : await frozenQuestionnaire(db, id);
  if (existing && entry && entry.questionnaire.studyId !== study.studyId) return conflict();
  if (!entry) return refuse(404, "unpublished", "this questionnaire is not published", locale);
  if (existing && invitationId !== null && existing.invitationId !== invitationId) return conflict();
  if (existing && existing.status === "draft" && !draftsStillAccepted(study, now)) {
    return refuse(403, "closed", "fieldwork is closed: responses started before the close can no longer be saved or completed", locale);
  }
  const order = existing
    ? (JSON.parse(existing.offerOrder) as string[])
    : entry.questionnaire.stage === "focus_group"
      ? []
      : offerOrder(entry.definition.offers.map((o) => o.code), clientId);
  return { ...entry, study, clientId, existing, order, invitationId };
}

function addressCapReached(retryAfterSeconds: number, locale: RespondentRequest["locale"]): Response {
  return refuse(
    429,
    "addressCap",
    `this address has sent ${env.RESPONDENT_COMPLETIONS_PER_ADDRESS} completions to this questionnaire within 24 hours, the most allowed: try again in ${retryAfterSeconds} seconds`,
    locale,
    { params: { hours: Math.max(1, Math.ceil(retryAfterSeconds / 3600)) }, retryAfterSeconds },
  );
}

/**
 * Handles the respondent's requests: `start` (create or resume; returns the response id
 * to use, which differs from the one sent when a personal link resumes its response elsewhere,
 * the questionnaire personalised with the stored offer order and with the profile questions that
 * carry a quota asked right after the screening, the saved answers and page), `draft` (save as
 * they go), `screen` (after those profile questions: a full quota cell ends the response there,
 * `status: "screened_out"`, else `status: "draft"` and nothing changes) and `complete` (refuse
 * names the questionnaire does not have, validate, then store once, in one transaction; quotas
 * apply there again).
 */
export async function handleRespondentRequest(
  db: Db,
  token: string,
  request: RespondentRequest,
  deviceId: string,
  origin: RespondentOrigin = {},
): Promise<Response> {
  const now = Date.now();
  const resolved = await resolve(db, token, request, deviceId, origin, now);
  if (resolved instanceof Response) return resolved;
  const { questionnaire, definition, survey, order, clientId } = resolved;
  const base = {
    clientId,
    questionnaireId: questionnaire.id,
    offerOrder: order,
    locale: request.locale,
    now,
    invitationId: resolved.invitationId,
    deviceId,
    wave: resolved.study.currentWave,
    respondentRef: request.rid ?? null,
    origin: request.test ? ("test" as const) : ("web" as const),
  };
  switch (request.intent) {
    case "start": {
      const row = await startResponse(db, base);
      const quotaCodes = questionnaire.stage === "rating" ? await quotaQuestionCodes(db, resolved.study.studyId) : [];
      // The respondent's MaxDiff tasks, made and stored when the response starts (seeded by its id).
      const design = await responseMaxDiffDesign(db, definition, questionnaire.stage, row, row.clientId);
      const rest = JSON.stringify({
        ok: true,
        responseId: row.clientId,
        stage: questionnaire.stage,
        status: row.status,
        screenReason: row.screenReason,
        version: questionnaire.version,
        answers: JSON.parse(row.answersJson) as unknown,
        pageNo: row.pageNo,
        seq: row.seq,
        redirect: await panelRedirect(db, resolved.study.studyId, outcomeOf(row.status, row.screenReason), row.respondentRef),
      });
      // `survey` spliced in as the kept text of the personalised questionnaire (personal-survey.server.ts).
      const body = `{"survey":${personalSurveyJson(questionnaire, survey, order, quotaCodes, design)},${rest.slice(1)}`;
      return new Response(body, { headers: { "Content-Type": "application/json" } });
    }
    case "draft": {
      const outcome = await saveResponseDraft(db, {
        ...base,
        answersJson: JSON.stringify(request.answers),
        pageNo: request.pageNo,
        seq: request.seq,
      });
      return Response.json({ ok: true, outcome });
    }
    case "complete":
      return complete(db, resolved, request, base, origin);
    case "screen":
      return screenEarly(db, resolved, request.answers, base, definition, survey);
  }
}

/** The valid answers of choice profile questions (what quota cells are made of). */
function profileChoices(definition: StudyDefinition, answers: Record<string, unknown>): Array<{ question: string; value: string }> {
  return (definition.profileQuestions ?? []).flatMap((p) => {
    const name = questionNames.profile(p.code);
    const value = Object.hasOwn(answers, name) ? answers[name] : undefined;
    return p.kind === "choice" && typeof value === "string" && p.choices.some((c) => c.code === value) ? [{ question: p.code, value }] : [];
  });
}

async function screenEarly(db: Db,
  resolved: Resolved,
  answers: Record<string, unknown>,
  base: Omit<Parameters<typeof completeResponse>[1], "answersJson" | "result">,
  definition: StudyDefinition,
  survey: SurveyJson,
): Promise<Response> {
  if (resolved.questionnaire.stage !== "rating") return jsonError(400, "only the rating stage has quotas to screen against");
  if (!resolved.existing) return jsonError(409, "screen requires a started response: send start first");
  if (resolved.existing.status !== "draft") return finished(db, "already-finished", resolved);
  const unknown = unknownAnswerNames(survey, answers);
  if (unknown.length > 0) {
    return jsonError(400, `answers name questions this questionnaire does not have: ${unknown.slice(0, 10).join(", ")}`, unknown.slice(0, 50));
  }
  const outcome = await screenResponseEarly(db, { ...base, answersJson: JSON.stringify(answers), profile: profileChoices(definition, answers) });
  return finished(db, outcome, resolved);
}

async function complete(
  db: Db,
  resolved: Resolved,
  request: Extract<RespondentRequest, { intent: "complete" }>,
  base: Omit<Parameters<typeof completeResponse>[1], "answersJson" | "result">,
  origin: RespondentOrigin,
): Promise<Response> {
  const { definition, survey, existing, study } = resolved;
  const { answers, locale } = request;
  if (existing && existing.status !== "draft") {
    // Idempotent: a finished response is final, whatever this second submission carries.
    return finished(db, "already-finished", resolved);
  }
  const unknown = unknownAnswerNames(survey, answers);
  if (unknown.length > 0) {
    return refuse(400, "malformed", `answers name questions this questionnaire does not have: ${unknown.slice(0, 10).join(", ")}`, locale, {
      details: unknown.slice(0, 50),
    });
  }
  const focusGroup = resolved.questionnaire.stage === "focus_group";
  // The MaxDiff tasks were made when the response started; the answers are read against them.
  const design = await responseMaxDiffDesign(db, definition, resolved.questionnaire.stage, existing, resolved.clientId);
  const designed = design ? { maxDiffDesign: design } : {};
  // Versions published before the considered set was part of the purchase question asked it optionally.
  const read = focusGroup
    ? readFocusGroupResponse(definition, answers, designed)
    : readRatingResponse(definition, answers, { consideredSetRequired: asksConsideredSet(survey), ...designed });
  if (!read.ok) return refuse(400, "malformed", "answers are incomplete or invalid", locale, { details: read.errors });
  // The caps: the public link's device and address (a personal link is its own respondent).
  let deviceHasComplete = false;
  if (resolved.invitationId === null) {
    const device = await deviceVerdict(db, study, base.deviceId ?? "");
    deviceHasComplete = device.hasComplete;
    if (device.verdict === "onePerDevice") return refuse(409, "device", "already answered from this device: one response per device", locale);
    if (device.verdict === "cap") {
      return refuse(429, "deviceCap", `this device has finished ${env.RESPONDENT_COMPLETIONS_PER_DEVICE} responses to this questionnaire, the most allowed`, locale);
    }
    if (origin.address !== undefined) {
      const counted = await countAddressCompletion(db, study.studyId, origin.address);
      if (!counted.ok) return addressCapReached(counted.retryAfterSeconds, locale);
    }
  }
  const answersJson = JSON.stringify(answers);
  if (focusGroup) {
    const value = read.value as Parameters<typeof completeFocusGroupResponse>[1]["result"];
    const outcome = await completeFocusGroupResponse(db, { ...base, answersJson, result: value });
    return finished(db, outcome, resolved);
  }
  const result = read.value as Parameters<typeof completeResponse>[1]["result"];
  const quality = completionQuality({ definition, survey, answers, result, startedAt: existing?.startedAt ?? base.now, now: base.now, deviceHasComplete });
  const args = { ...base, answersJson, result, minDurationMs: quality.minDurationMs, completionFlags: quality.flags.join(",") };
  if (env.VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT === "1") return acknowledgeBeforeCommit(db, args);
  return finished(db, await completeResponse(db, args), resolved);
}

/** The answer to a completion: the response's final state and, for a panel respondent, where to send them next. */
async function finished(db: Db, outcome: string, resolved: Resolved): Promise<Response> {
  const row = await getResponseByClientId(db, resolved.clientId);
  const redirect = await panelRedirect(db, resolved.study.studyId, outcomeOf(row?.status, row?.screenReason), row?.respondentRef);
  return Response.json({ ok: true, outcome, status: row?.status, screenReason: row?.screenReason ?? null, redirect });
}

/** How long the test-only unsafe mode waits before committing an acknowledged completion. */
const UNSAFE_COMMIT_DELAY_MS = 400;

/**
 * TEST ONLY (VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT, env.server.ts): answers "completed" at once and
 * commits 400 ms later, so a process killed in between loses a response the client was told is
 * stored. The crash test runs against this mode to prove it detects such a loss. Never use it.
 */
function acknowledgeBeforeCommit(db: Db, args: Parameters<typeof completeResponse>[1]): Response {
  setTimeout(() => {
    completeResponse(db, args).catch((error: unknown) => console.error("unsafe delayed commit failed", error));
  }, UNSAFE_COMMIT_DELAY_MS);
  return Response.json({ ok: true, outcome: "completed", status: args.result.status });
}
