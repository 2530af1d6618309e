import type { Db } from "../../../db/client";
import { completeOnPostgres } from "../../../db/queries/responses-postgres";
import type { completeResponse } from "../../../db/queries/responses";
import type { RatingResponse } from "../../../surveys/read-rating-response";
import { env } from "../platform/env.server";
import { addressCounter } from "./completion-caps.server";
import { completionQuality } from "./completion-quality.server";
import { outcomeOf, panelRedirect } from "./panel-links.server";
import type { FinishedAnswer, RespondentRequest } from "./respondent-contract";
import { addressCapReached, refuse } from "./respondent-refusal.server";
import type { Resolved, RespondentOrigin } from "./respondent.server";
import { jsonAnswer } from "./json-answer.server";

/**
 * The rest of a rating completion on PostgreSQL once its answers are read and valid
 * (respondent-finish.server.ts's `complete` hands over here): the device and address caps, the
 * quotas, the writes, the feed and the webhook outbox in ONE round trip (vm_complete_response,
 * db/queries/responses-postgres.ts), answering exactly what the SQLite path answers. The
 * `duplicate` flag depends on what the device completed, read inside that statement: both flag
 * lists are sent and the statement stores the one that applies.
 */
export async function completeRatingOnPostgres(
  db: Db,
  resolved: Resolved,
  request: Extract<RespondentRequest, { intent: "complete" }>,
  base: Omit<Parameters<typeof completeResponse>[1], "answersJson" | "result">,
  origin: RespondentOrigin,
  result: RatingResponse,
): Promise<Response> {
  const { definition, survey, existing, study } = resolved;
  const { answers, locale } = request;
  const quality = (deviceHasComplete: boolean) =>
    completionQuality({ definition, survey, answers, result, startedAt: existing?.startedAt ?? base.now, now: base.now, deviceHasComplete });
  const plain = quality(false);
  const address = resolved.invitationId === null && origin.address !== undefined ? addressCounter(study.studyId, origin.address, base.now) : null;
  const done = await completeOnPostgres(db, {
    ...base,
    answersJson: JSON.stringify(answers),
    result,
    minDurationMs: plain.minDurationMs,
    completionFlags: plain.flags.join(","),
    completionFlagsDuplicate: quality(true).flags.join(","),
    // The caps: the public link's device and address (a personal link is its own respondent).
    caps:
      resolved.invitationId === null
        ? {
            studyId: study.studyId,
            onePerDevice: study.onePerDevice,
            deviceId: base.deviceId ?? "",
            deviceCap: env.RESPONDENT_COMPLETIONS_PER_DEVICE,
            address: address && { key: address.key, windowStart: address.windowStart, limit: address.limit },
          }
        : null,
  });
  switch (done.outcome) {
    case "onePerDevice":
      return refuse(409, "device", "already answered from this device: one response per device", locale);
    case "deviceCap":
      return refuse(429, "deviceCap", `this device has finished ${env.RESPONDENT_COMPLETIONS_PER_DEVICE} responses to this questionnaire, the most allowed`, locale);
    case "addressCap":
      return addressCapReached(address?.retryAfterSeconds ?? 1, locale);
    default: {
      const status = done.status as FinishedAnswer["status"];
      const redirect = await panelRedirect(db, study.studyId, outcomeOf(status, done.screenReason), done.respondentRef);
      return jsonAnswer(
        JSON.stringify({
          ok: true,
          outcome: done.outcome,
          status,
          screenReason: (done.screenReason ?? null) as FinishedAnswer["screenReason"],
          redirect,
        } satisfies FinishedAnswer),
      );
    }
  }
}
