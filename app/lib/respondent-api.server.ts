import { env } from "./env.server";
import { jsonError } from "./http.server";
import { handleRespondentRequest, RespondentRequestSchema } from "./respondent.server";

/** Largest accepted respondent request body, in bytes (MAX_BODY_BYTES). */
export const respondentBodyLimit = env.MAX_BODY_BYTES;

/**
 * The respondent API behind POST /s/:token/responses, from the raw body text: 400 for a body that
 * is not JSON or has the wrong shape (naming the fields), else the service's answer. Shared by the
 * Remix resource route and the production server's direct route (app/server.js).
 */
export function respondToApi(token: string, bodyText: string): Response {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return jsonError(400, "request body requires valid JSON");
  }
  const parsed = RespondentRequestSchema.safeParse(body);
  if (!parsed.success) {
    return jsonError(400, "request is malformed", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`));
  }
  return handleRespondentRequest(token, parsed.data);
}
