import { isbot } from "isbot";
import { deviceFor } from "./device-cookie.server";
import { env } from "../platform/env.server";
import { jsonError } from "../platform/http.server";
import type { Db } from "../../../db/client";
import { rateLimiterFor, type RateLimiter } from "../platform/rate-limit.server";
import { handleRespondentRequest, RespondentRequestSchema } from "./respondent.server";

/** Largest accepted respondent request body, in bytes (MAX_BODY_BYTES). */
export const respondentBodyLimit = env.MAX_BODY_BYTES;

const RATE_WINDOW_MS = 10 * 60 * 1000;
/** One limiter per database (the process has one; tests may open others). */
const limiters = new WeakMap<Db, RateLimiter>();
function limiterOf(db: Db): RateLimiter {
  let limiter = limiters.get(db);
  if (!limiter) limiters.set(db, (limiter = rateLimiterFor(db, env.RESPONDENT_RATE_LIMIT, RATE_WINDOW_MS)));
  return limiter;
}

/**
 * The respondent API behind POST /s/:token/responses, from the raw body text: 403 for a bot
 * (isbot on the User-Agent; nothing is stored), 429 when this IP
 * address has used up its requests for this link (RESPONDENT_RATE_LIMIT per 10 minutes), 400 for
 * a body that is not JSON or has the wrong shape (naming the fields), else the service's answer
 * (with the device cookie set when the request had none).
 * Shared by the Remix resource route and the production server's direct route (app/server.js).
 */
export async function respondToApi(db: Db, 
  token: string,
  bodyText: string,
  client: { ip: string; userAgent: string; cookie?: string | null; secure: boolean },
): Promise<Response> {
  // Crawlers and scripts announcing themselves (isbot) are not respondents: nothing is stored and
  // they use none of the address's requests.
  if (isbot(client.userAgent)) return jsonError(403, "automated clients (bots) are not counted as respondents");
  const allowed = await limiterOf(db).take(`${token}\n${client.ip}`);
  if (!allowed.ok) {
    return jsonError(
      429,
      `too many requests for this questionnaire from this address: try again in ${allowed.retryAfterSeconds} seconds`,
      undefined,
      { "Retry-After": String(allowed.retryAfterSeconds) },
    );
  }
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
  // The device cookie (vm_device): set on the first request that lacks it, stored with the response.
  const device = deviceFor(client.cookie, client.secure);
  const response = await handleRespondentRequest(db, token, parsed.data, device.id);
  if (device.setCookie) response.headers.append("Set-Cookie", device.setCookie);
  return response;
}
