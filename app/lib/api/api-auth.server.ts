import type { Db } from "../../../db/client";
import type { Study } from "../../../db/queries/studies";
import { requireStudyRole, type StudyRole } from "../design/study-access.server";
import { env } from "../platform/env.server";
import { jsonError } from "../platform/http.server";
import { rateLimiterFor, type RateLimiter } from "../platform/rate-limit.server";
import { authenticateApiToken, type ApiScope, type ApiTokenRow } from "./api-tokens.server";

const WINDOW_MS = 60_000;
const limiters = new WeakMap<Db, RateLimiter>();
function limiterOf(db: Db): RateLimiter {
  let limiter = limiters.get(db);
  if (!limiter) limiters.set(db, (limiter = rateLimiterFor(db, env.API_RATE_LIMIT, WINDOW_MS, "api")));
  return limiter;
}

/** JSON answers of the API: never cached, never sniffed. */
export const API_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

/** A JSON success answer of the API. */
export function apiJson(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers: { ...API_HEADERS, ...headers } });
}

/** A JSON refusal of the API (thrown by the guards below). */
export function apiError(status: number, message: string, headers: HeadersInit = {}): Response {
  const response = jsonError(status, message, undefined, { ...API_HEADERS, ...headers });
  return response;
}

/**
 * The token of an API request (`Authorization: Bearer vm_…`) with at least `scope` (write
 * includes read), inside its rate limit (API_RATE_LIMIT requests a minute per token). Throws a
 * JSON 401 (no or unknown/revoked token), 403 (read token for a write) or 429 (with Retry-After).
 */
export async function requireApiToken(db: Db, request: Request, scope: ApiScope): Promise<ApiTokenRow> {
  const header = request.headers.get("Authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const challenge = { "WWW-Authenticate": 'Bearer realm="valuemap"' };
  if (!m) throw apiError(401, "this request requires an API token: Authorization: Bearer vm_…", challenge);
  const token = await authenticateApiToken(db, m[1]!);
  if (!token) throw apiError(401, "the API token is unknown or revoked", challenge);
  if (scope === "write" && token.scope !== "write") throw apiError(403, "this request requires a token with the write scope");
  const allowed = await limiterOf(db).take(`api:${token.id}`);
  if (!allowed.ok) {
    throw apiError(429, `too many requests with this token: try again in ${allowed.retryAfterSeconds} seconds`, { "Retry-After": String(allowed.retryAfterSeconds) });
  }
  return token;
}

/**
 * The study with the token owner's role in it, by the same rule as the pages
 * (`requireStudyRole`): 404 when they have no part in it, 403 when their role is too low, as JSON.
 */
export async function requireApiStudy(db: Db, token: ApiTokenRow, studyId: string | undefined, minimum: StudyRole): Promise<{ study: Study; role: StudyRole }> {
  try {
    return await requireStudyRole(db, token.userId, studyId, minimum);
  } catch (thrown) {
    if (thrown instanceof Response) {
      throw thrown.status === 404 ? apiError(404, "no such study") : apiError(thrown.status, `this request requires the ${minimum} role in the study`);
    }
    throw thrown;
  }
}
