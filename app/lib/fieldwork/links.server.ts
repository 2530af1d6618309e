import type { Study } from "../../../db/queries/studies";
import { parseStageParam, stageParam, type Stage } from "../../../surveys/stage";
import { publicOrigin } from "../platform/http.server";

/** The public link of a stage (`?stage=focus-group` for the focus group, surveys/stage.ts). */
export function stageLink(origin: string, study: Pick<Study, "publicToken">, stage: Stage): string {
  return `${origin}/s/${study.publicToken}${stage === "rating" ? "" : `?stage=${stageParam(stage)}`}`;
}

/** A respondent's personal link (`?invite=`). */
export function invitationLink(origin: string, study: Pick<Study, "publicToken">, token: string): string {
  return `${origin}/s/${study.publicToken}?invite=${token}`;
}

/** The origin links are made for (BASE_URL, else the one the researcher's browser used). */
export const originOf = publicOrigin;

/** The stage a QR code request names (`?stage=`, the rating stage when absent); 400 for another value. */
export function stageOfQuery(value: string | null): Stage {
  if (value === null) return "rating";
  const stage = parseStageParam(value);
  if (stage === null) throw new Response("stage requires rating or focus-group", { status: 400 });
  return stage;
}
