import {
  getInvitation,
  getRespondentStudyAndResponse,
  getResponseByClientId,
  saveResponseDraft,
  startNewResponse,
  startResponse,
  type ResponseRow,
  type RespondentStudy,
} from "../../../db/queries/responses";
import { personalSurveyBytes } from "./personal-survey.server";
import { responseMaxDiffDesign } from "./maxdiff-design.server";
import { quotaQuestionCodes } from "../../../db/queries/quotas";
import { offerOrder } from "../../../surveys/offer-order";
import type { Db } from "../../../db/client";
import { env } from "../platform/env.server";
import { addressMayComplete, deviceVerdict } from "./completion-caps.server";
import { addressCapReached, refuse } from "./respondent-refusal.server";
import { outcomeOf, panelRedirect } from "./panel-links.server";
import type { DraftAnswer, RespondentRequest, StartAnswer } from "./respondent-contract";
import { fieldworkOpen } from "./fieldwork-window";
import { frozenQuestionnaire, type Frozen } from "./published-questionnaire.server";
import { complete, screenEarly } from "./respondent-finish.server";
import { jsonAnswer } from "./json-answer.server";

/*
 * The respondent API's requests once parsed (respondent-api.server.ts checks the request first):
 * which response and questionnaire a request is about, and `start` and `draft`; how a response
 * ends (`screen`, `complete`) is respondent-finish.server.ts, the page's loader
 * respondent-page.server.ts.
 */

/**
 * Whether a response started before the close may still be saved and completed now: until the
 * close plus the study's grace period (0 by default: the close applies to it at once).
 */
export function draftsStillAccepted(study: { closesAt: number | null; graceMinutes: number }, now: number): boolean {
  return study.closesAt === null || now < study.closesAt + study.graceMinutes * 60_000;
}

/** The response a request is about, and the published questionnaire it belongs to. */
export interface Resolved extends Frozen {
  study: RespondentStudy;
  clientId: string;
  existing: ResponseRow | null;
  order: string[];
  invitationId: number | null;
  /** The study's quota question codes, when read with the study (a start on PostgreSQL). */
  quotaCodes?: string[];
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
  // On the public link, the response of the id sent is read with the study (one round trip on
  // PostgreSQL); a personal link's response is read once its invitation is known.
  const prefetch = request.invite === undefined ? request.responseId : null;
  // A start there also reads the device's finished responses and the quota questions with it (PostgreSQL).
  const starting = prefetch !== null && request.intent === "start" ? { deviceId, atMost: env.RESPONDENT_COMPLETIONS_PER_DEVICE } : undefined;
  const { study, response, starting: facts } = await getRespondentStudyAndResponse(db, token, prefetch, starting);
  if (!study) return refuse(404, "unknown", "unknown questionnaire link", locale);
  let clientId = request.responseId;
  let invitationId: number | null = null;
  if (request.invite !== undefined) {
    const invitation = await getInvitation(db, study.studyId, request.invite);
    if (!invitation) return refuse(404, "invitation", "unknown invitation link: ask the researcher for your personal link", locale);
    invitationId = invitation.id;
    if (invitation.responseClientId !== null) clientId = invitation.responseClientId;
  }
  const existing = prefetch !== null ? response : await getResponseByClientId(db, clientId);
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
      const { verdict } = await deviceVerdict(db, study, deviceId, facts?.device);
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
  return { ...entry, study, clientId, existing, order, invitationId, quotaCodes: facts?.quotaCodes };
}

/** The start answer's first bytes, before the questionnaire. */
const SURVEY_OPENING = Buffer.from(`{"survey":`);

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
      // A new response is stored; a public link's resumed one is the row resolve read; a personal
      // link's goes through its invitation (startResponse).
      const row = !resolved.existing
        ? await startNewResponse(db, base)
        : resolved.invitationId === null
          ? resolved.existing
          : await startResponse(db, base);
      const quotaCodes = questionnaire.stage !== "rating" ? [] : (resolved.quotaCodes ?? (await quotaQuestionCodes(db, resolved.study.studyId)));
      // The respondent's MaxDiff tasks, made and stored when the response starts (seeded by its id).
      const design = await responseMaxDiffDesign(db, definition, questionnaire.stage, row, row.clientId);
      const rest = JSON.stringify({
        ok: true,
        responseId: row.clientId,
        stage: questionnaire.stage,
        status: row.status,
        screenReason: row.screenReason,
        version: questionnaire.version,
        answers: JSON.parse(row.answersJson) as Record<string, unknown>,
        pageNo: row.pageNo,
        seq: row.seq,
        redirect: await panelRedirect(db, resolved.study.studyId, outcomeOf(row.status, row.screenReason), row.respondentRef),
      } satisfies Omit<StartAnswer, "survey">);
      // `survey` spliced in as the kept bytes of the personalised questionnaire (personal-survey.server.ts).
      const surveyBytes = personalSurveyBytes(questionnaire, survey, order, quotaCodes, design);
      return jsonAnswer(Buffer.concat([SURVEY_OPENING, surveyBytes, Buffer.from(`,${rest.slice(1)}`, "utf8")]));
    }
    case "draft": {
      const outcome = await saveResponseDraft(db, {
        ...base,
        answersJson: JSON.stringify(request.answers),
        pageNo: request.pageNo,
        seq: request.seq,
      });
      return jsonAnswer(JSON.stringify({ ok: true, outcome } satisfies DraftAnswer));
    }
    case "complete":
      return complete(db, resolved, request, base, origin);
    case "screen":
      return screenEarly(db, resolved, request.answers, base, definition, survey);
  }
}

