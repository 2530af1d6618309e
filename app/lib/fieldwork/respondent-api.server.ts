import { isbot } from "isbot";
import { crossSiteReason } from "../auth/csrf.server";
import { deviceFor, readDeviceId } from "./device-cookie.server";
import { env } from "../platform/env.server";
import type { Db } from "../../../db/client";
import { getRespondentStudy } from "../../../db/queries/responses";
import { LruCache } from "../platform/lru-cache.server";
import { rateLimiterFor, type RateLimiter } from "../platform/rate-limit.server";
import { answersProblem } from "./answer-limits.server";
import { checkPageProof, issuePageProof } from "./page-proof.server";
import { handleRespondentRequest } from "./respondent.server";
import { RespondentRequestSchema } from "./respondent-contract";
import { localeOfHeader, refuse } from "./respondent-refusal.server";

/** Largest accepted respondent request body, in bytes (MAX_BODY_BYTES). */
export const respondentBodyLimit = env.MAX_BODY_BYTES;

const RATE_WINDOW_MS = 10 * 60 * 1000;
/** One limiter per database (the process has one; tests may open others). */
const limiters = new WeakMap<Db, RateLimiter>();
function limiterOf(db: Db): RateLimiter {
  let limiter = limiters.get(db);
  if (!limiter) limiters.set(db, (limiter = rateLimiterFor(db, env.RESPONDENT_RATE_LIMIT, RATE_WINDOW_MS, "respondent")));
  return limiter;
}

/** What the respondent API reads of the HTTP request besides its body. */
export interface RespondentClient {
  ip: string;
  /** A request header by name (case-insensitive), or null. */
  header(name: string): string | null | undefined;
  secure: boolean;
}

/** isbot's verdict per User-Agent (its pattern is long; phones send a few distinct strings), the last 1000 kept. */
const botVerdicts = new LruCache<boolean>(1000);
function isBot(userAgent: string): boolean {
  let verdict = botVerdicts.get(userAgent);
  if (verdict === undefined) botVerdicts.set(userAgent, (verdict = isbot(userAgent)));
  return verdict;
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
function isJson(contentType: string | null | undefined): boolean {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";
}

/**
 * The respondent API behind POST /s/:token/responses, from the raw body text. In order, each
 * refusal storing nothing and saying why in the respondent's language (`message`):
 * 403 for a request from another site (Sec-Fetch-Site cross-site/same-site, a foreign Origin),
 * 415 for a body that is not `application/json` (what a page on another site can send without
 * asking), 403 for a bot (isbot on the User-Agent, or none), 429 when this IP address has used up
 * its requests for this link (RESPONDENT_RATE_LIMIT per 10 minutes), 400 for a body that is not
 * JSON or has the wrong shape (naming the fields), 413/400 for answers too large or too deep,
 * 403 for a `start`, `screen` or `complete` without the page proof of this device (`GET /s/:token`), else
 * the service's answer (with the device cookie set when the request had none).
 * Shared by the Remix resource route and the production server's direct route (app/server.js).
 */
export async function respondToApi(db: Db, token: string, bodyText: string, client: RespondentClient): Promise<Response> {
  const headerLocale = localeOfHeader(client.header("accept-language"));
  const crossSite = crossSiteReason(client.header);
  if (crossSite) return refuse(403, "crossSite", crossSite, headerLocale);
  if (!isJson(client.header("content-type"))) {
    return refuse(415, "contentType", "request body requires Content-Type: application/json", headerLocale);
  }
  // Crawlers and scripts announcing themselves (isbot), or announcing nothing, are not respondents:
  // nothing is stored and they use none of the address's requests.
  const userAgent = (client.header("user-agent") ?? "").trim();
  if (userAgent === "" || isBot(userAgent)) return refuse(403, "bot", "automated clients (bots) are not counted as respondents", headerLocale);
  const allowed = await limiterOf(db).take(`${token}\n${client.ip}`);
  if (!allowed.ok) {
    return refuse(429, "rateLimit", `too many requests for this questionnaire from this address: try again in ${allowed.retryAfterSeconds} seconds`, headerLocale, {
      params: { seconds: allowed.retryAfterSeconds },
      retryAfterSeconds: allowed.retryAfterSeconds,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return refuse(400, "malformed", "request body requires valid JSON", headerLocale);
  }
  const parsed = RespondentRequestSchema.safeParse(body);
  if (!parsed.success) {
    return refuse(400, "malformed", "request is malformed", headerLocale, {
      details: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`),
    });
  }
  const request = parsed.data;
  if (request.intent !== "start") {
    const problem = answersProblem(request.answers);
    if (problem) return refuse(problem.status, problem.status === 413 ? "tooLarge" : "tooDeep", problem.error, request.locale);
  }
  // The device cookie (vm_device): set by the page; a draft without one gets one here.
  const cookieDevice = readDeviceId(client.header("cookie"));
  if (request.intent !== "draft") {
    const proof = checkPageProof(request.proof, token, cookieDevice);
    if (proof !== "ok") {
      // An unknown link has no page to reload: the same 404 as with a proof.
      if (!(await getRespondentStudy(db, token))) return refuse(404, "unknown", "unknown questionnaire link", request.locale);
      return refuse(403, "proof", `${request.intent} requires the page proof of this device (${proof}): reload the page`, request.locale);
    }
  }
  const device = cookieDevice ? { id: cookieDevice, setCookie: null } : deviceFor(null, client.secure);
  const response = await handleRespondentRequest(db, token, request, device.id, { address: client.ip });
  if (device.setCookie) response.headers.append("Set-Cookie", device.setCookie);
  return response;
}

/**
 * The page proof for this browser (`GET /s/:token` puts it in the page; `GET /s/:token/responses`
 * answers it as JSON when the page's has expired), with the device cookie to set when the
 * request had none.
 */
export function pageProofFor(token: string, cookieHeader: string | null | undefined, secure: boolean): { proof: string; setCookie: string | null } {
  const device = deviceFor(cookieHeader, secure);
  return { proof: issuePageProof(token, device.id), setCookie: device.setCookie };
}
