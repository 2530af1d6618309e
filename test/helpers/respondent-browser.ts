import { PHONE_USER_AGENT } from "./app-server";

/**
 * A respondent's browser as the page drives the respondent API: it opens the questionnaire page
 * (`GET /s/:token`), which sets the device cookie and carries the page proof, then posts JSON
 * with that cookie and, on `start` and `complete`, that proof. Tests obtain the proof this way,
 * never by turning the defence off.
 */
export interface RespondentPage {
  /** The Cookie header the browser sends back (`vm_device=...`), or "" when it has none. */
  cookie: string;
  /** The Set-Cookie the page answered (a new device), or null. */
  setCookie: string | null;
  /** The page proof (the respondent div's data-page-proof), or null when the page has none. */
  proof: string | null;
  status: number;
}

export async function openRespondentPage(
  base: string,
  token: string,
  options: { cookie?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<RespondentPage> {
  const res = await fetch(`${base}/s/${token}${options.query ?? ""}`, {
    headers: { "User-Agent": PHONE_USER_AGENT, ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
    signal: AbortSignal.timeout(30_000),
  });
  const html = await res.text();
  const setCookie = res.headers.getSetCookie().find((line) => line.startsWith("vm_device=")) ?? null;
  const cookie = setCookie ? setCookie.split(";")[0]! : (options.cookie ?? "");
  const proof = /data-page-proof="([^"]+)"/.exec(html)?.[1] ?? null;
  return { cookie, setCookie, proof, status: res.status };
}

/** The body as the page sends it: with the page proof on `start` and `complete`. */
export function asPageSends(page: RespondentPage, body: Record<string, unknown>): Record<string, unknown> {
  return page.proof && (body.intent === "start" || body.intent === "complete") && !("proof" in body) ? { ...body, proof: page.proof } : body;
}

/** POSTs to the respondent API as the page does (JSON, a phone's User-Agent, the device cookie, the proof). */
export function postAsPage(
  base: string,
  token: string,
  page: RespondentPage,
  body: Record<string, unknown> | string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}/s/${token}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": PHONE_USER_AGENT, ...(page.cookie ? { Cookie: page.cookie } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(asPageSends(page, body)),
    signal: AbortSignal.timeout(30_000),
  });
}

/** One respondent answering a whole questionnaire: opens the page, starts, then completes with `answers`. */
export async function startAndComplete(
  base: string,
  token: string,
  request: Record<string, unknown> & { responseId: string; answers: Record<string, unknown> },
  options: { cookie?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; page: RespondentPage }> {
  const page = await openRespondentPage(base, token, options);
  const { answers, ...rest } = request;
  const started = await postAsPage(base, token, page, { ...rest, intent: "start" }, options.headers);
  const startBody = (await started.json()) as Record<string, unknown>;
  if (started.status !== 200) return { status: started.status, body: startBody, page };
  const responseId = typeof startBody.responseId === "string" ? startBody.responseId : request.responseId;
  const res = await postAsPage(base, token, page, { ...rest, responseId, intent: "complete", answers }, options.headers);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, page };
}
