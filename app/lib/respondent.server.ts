import { z } from "zod";
import { getStudyByToken } from "../../db/queries/studies";
import { getLatestQuestionnaire, getPublishedByToken, getQuestionnaire, type Questionnaire } from "../../db/queries/questionnaires";
import { completeResponse, getResponseByClientId, saveResponseDraft, startResponse } from "../../db/queries/responses";
import { applyOfferOrder } from "../../surveys/apply-offer-order";
import type { SurveyJson } from "../../surveys/build-rating-questionnaire";
import { offerOrder } from "../../surveys/offer-order";
import { readRatingResponse } from "../../surveys/read-rating-response";
import { StudyDefinitionSchema, type StudyDefinition } from "../../surveys/study-definition";
import { db } from "./db.server";
import { env } from "./env.server";
import { jsonError } from "./http.server";

/** What the respondent page needs before the questionnaire loads. */
export function loadRespondentPage(token: string) {
  const study = getStudyByToken(db, token);
  if (!study) return null;
  const latest = getLatestQuestionnaire(db, study.id);
  return {
    title: study.title,
    titleZh: study.titleZh,
    languages: study.languages.split(","),
    published: latest !== null,
  };
}

const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "responseId requires 8-64 letters, digits, - or _");
// Kept as parsed (no copy): a record schema would assign keys one by one and turn a
// "__proto__" answer into the object's prototype.
const AnswersSchema = z.custom<Record<string, unknown>>(
  (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  "answers require a JSON object",
);

export const RespondentRequestSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), responseId: ClientIdSchema, locale: z.enum(["en", "zh-CN"]).default("en") }),
  z.object({
    intent: z.literal("draft"),
    responseId: ClientIdSchema,
    answers: AnswersSchema,
    pageNo: z.number().int().min(0).max(1000),
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    locale: z.enum(["en", "zh-CN"]).default("en"),
  }),
  z.object({
    intent: z.literal("complete"),
    responseId: ClientIdSchema,
    answers: AnswersSchema,
    locale: z.enum(["en", "zh-CN"]).default("en"),
  }),
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

function frozenQuestionnaire(id: number): Frozen | null {
  const cached = frozen.get(id);
  if (cached) return cached;
  const questionnaire = getQuestionnaire(db, id);
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

/** The questionnaire a response belongs to: the one it started on, else the newest of the study. */
function resolveQuestionnaire(token: string, clientId: string): (Frozen & { order: string[] }) | Response {
  const published = getPublishedByToken(db, token);
  if (!published) return jsonError(404, "unknown questionnaire link");
  const existing = getResponseByClientId(db, clientId);
  const id = existing ? existing.questionnaireId : published.questionnaireId;
  const entry = id === null ? null : frozenQuestionnaire(id);
  if (!entry) return jsonError(404, "this questionnaire is not published");
  if (entry.questionnaire.studyId !== published.studyId) return jsonError(409, "responseId belongs to another questionnaire");
  const order = existing
    ? (JSON.parse(existing.offerOrder) as string[])
    : offerOrder(entry.definition.offers.map((o) => o.code), clientId);
  return { ...entry, order };
}

/**
 * Handles the respondent's three requests: `start` (create or resume; returns the questionnaire
 * personalised with the stored offer order, the saved answers and page), `draft` (save as they
 * go) and `complete` (validate, then store once, in one transaction).
 */
export function handleRespondentRequest(token: string, request: RespondentRequest): Response {
  const resolved = resolveQuestionnaire(token, request.responseId);
  if (resolved instanceof Response) return resolved;
  const { questionnaire, definition, survey, order } = resolved;
  const now = Date.now();
  const base = { clientId: request.responseId, questionnaireId: questionnaire.id, offerOrder: order, locale: request.locale, now };
  switch (request.intent) {
    case "start": {
      const row = startResponse(db, base);
      return Response.json({
        ok: true,
        status: row.status,
        version: questionnaire.version,
        survey: applyOfferOrder(survey, order),
        answers: JSON.parse(row.answersJson) as unknown,
        pageNo: row.pageNo,
        seq: row.seq,
      });
    }
    case "draft": {
      const outcome = saveResponseDraft(db, {
        ...base,
        answersJson: JSON.stringify(request.answers),
        pageNo: request.pageNo,
        seq: request.seq,
      });
      return Response.json({ ok: true, outcome });
    }
    case "complete": {
      const read = readRatingResponse(definition, request.answers);
      if (!read.ok) return jsonError(400, "answers are incomplete or invalid", read.errors);
      const args = { ...base, answersJson: JSON.stringify(request.answers), result: read.value };
      if (env.VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT === "1") return acknowledgeBeforeCommit(args);
      const outcome = completeResponse(db, args);
      const status = getResponseByClientId(db, request.responseId)?.status;
      return Response.json({ ok: true, outcome, status });
    }
  }
}

/** How long the test-only unsafe mode waits before committing an acknowledged completion. */
const UNSAFE_COMMIT_DELAY_MS = 400;

/**
 * TEST ONLY (VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT, env.server.ts): answers "completed" at once and
 * commits 400 ms later, so a process killed in between loses a response the client was told is
 * stored. The crash test runs against this mode to prove it detects such a loss. Never use it.
 */
function acknowledgeBeforeCommit(args: Parameters<typeof completeResponse>[1]): Response {
  setTimeout(() => {
    try {
      completeResponse(db, args);
    } catch (error) {
      console.error("unsafe delayed commit failed", error);
    }
  }, UNSAFE_COMMIT_DELAY_MS);
  return Response.json({ ok: true, outcome: "completed", status: args.result.status });
}
