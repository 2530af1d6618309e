import type { Db } from "../../../db/client";
import { completeFocusGroupResponse, completeResponse, completeResponseState, getResponseByClientId, type CompleteState, screenResponseEarly } from "../../../db/queries/responses";
import { unknownAnswerNames } from "../../../surveys/answer-names";
import { asksConsideredSet, type SurveyJson } from "../../../surveys/build-rating-questionnaire";
import { questionNames } from "../../../surveys/question-names";
import { readFocusGroupResponse } from "../../../surveys/read-focus-group-response";
import { readRatingResponse, type RatingResponse } from "../../../surveys/read-rating-response";
import type { StudyDefinition } from "../../../surveys/study-definition";
import { env } from "../platform/env.server";
import { jsonError } from "../platform/http.server";
import { countAddressCompletion, deviceVerdict } from "./completion-caps.server";
import { completionQuality } from "./completion-quality.server";
import { completeRatingOnPostgres } from "./complete-on-postgres.server";
import { jsonAnswer } from "./json-answer.server";
import { responseMaxDiffDesign } from "./maxdiff-design.server";
import { outcomeOf, panelRedirect } from "./panel-links.server";
import type { FinishedAnswer, RespondentRequest } from "./respondent-contract";
import { addressCapReached, refuse } from "./respondent-refusal.server";
import type { Resolved, RespondentOrigin } from "./respondent.server";

/*
 * How a started response ends: the early quota screening after the profile questions asked
 * first (`screen`) and the completion (`complete`), each answering the response's final state.
 */

/** The valid answers of choice profile questions (what quota cells are made of). */
function profileChoices(definition: StudyDefinition, answers: Record<string, unknown>): Array<{ question: string; value: string }> {
  return (definition.profileQuestions ?? []).flatMap((p) => {
    const name = questionNames.profile(p.code);
    const value = Object.hasOwn(answers, name) ? answers[name] : undefined;
    return p.kind === "choice" && typeof value === "string" && p.choices.some((c) => c.code === value) ? [{ question: p.code, value }] : [];
  });
}

/** `screen`: a draft whose profile falls in a full quota cell ends here as screened out (quota_full); else it goes on. */
export async function screenEarly(
  db: Db,
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

/** `complete`: names checked, answers read and validated, the caps applied, then stored once. */
export async function complete(
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
  // PostgreSQL: the caps, quotas and writes of a rating completion in one round trip.
  if (db.engine === "postgres" && !focusGroup && env.VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT !== "1") {
    return completeRatingOnPostgres(db, resolved, request, base, origin, read.value as RatingResponse);
  }
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
  const done = await completeResponseState(db, args, existing);
  return finished(db, done.outcome, resolved, done.stored);
}

/**
 * The answer to a completion: the response's final state and, for a panel respondent, where to
 * send them next. `stored`: what this request's completion stored (else the row is read).
 */
async function finished(
  db: Db,
  outcome: FinishedAnswer["outcome"],
  resolved: Resolved,
  stored?: CompleteState["stored"],
): Promise<Response> {
  const row = stored && resolved.existing ? { ...stored, respondentRef: resolved.existing.respondentRef } : await getResponseByClientId(db, resolved.clientId);
  const redirect = await panelRedirect(db, resolved.study.studyId, outcomeOf(row?.status, row?.screenReason), row?.respondentRef);
  return jsonAnswer(JSON.stringify({ ok: true, outcome, status: row?.status, screenReason: row?.screenReason ?? null, redirect } satisfies FinishedAnswer));
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
  return Response.json({ ok: true, outcome: "completed", status: args.result.status } satisfies FinishedAnswer);
}
