import { createCookie, redirect, type Cookie } from "@remix-run/node";
import {
  deleteExpiredSessions,
  deleteOtherUserSessions,
  deleteSession,
  deleteUserSessions,
  getLiveSession,
  insertSession,
} from "../../../db/queries/sessions";
import type { Db } from "../../../db/client";
import { hashToken, newToken } from "../platform/token.server";
import { serverSecret } from "../platform/server-secret.server";
import { cameOverHttps } from "../platform/http.server";

const SESSION_MS = 1000 * 60 * 60 * 24 * 14;

export const SESSION_COOKIE = "vm_session";

let cookie: Cookie | undefined;

/**
 * Holds only the random session id (signed as well); the session itself lives in the database.
 * Marked Secure per response, when the request came over HTTPS. Made on first use, so importing
 * this module reads and writes nothing.
 */
function sessionCookie(): Cookie {
  return (cookie ??= createCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [serverSecret()],
    maxAge: SESSION_MS / 1000,
  }));
}

export interface ResearcherSession {
  id: number;
  userId: number;
  csrfToken: string;
}


async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length >= 32 && value.length <= 64 ? value : null;
}

/** The live session of this request, or null (no cookie, unknown, expired or signed out). */
export async function getSession(db: Db, request: Request): Promise<ResearcherSession | null> {
  const token = await readToken(request);
  if (!token) return null;
  const row = await getLiveSession(db, { tokenHash: hashToken(token), now: Date.now() });
  return row ? { id: row.id, userId: row.userId, csrfToken: row.csrfToken } : null;
}

export async function getUserId(db: Db, request: Request): Promise<number | null> {
  return (await getSession(db, request))?.userId ?? null;
}

function toSignIn(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
}

/** The signed-in researcher's session, or a redirect to sign in. */
export async function requireSession(db: Db, request: Request): Promise<ResearcherSession> {
  return (await getSession(db, request)) ?? toSignIn(request);
}

/** The signed-in researcher's id, or a redirect to sign in. */
export async function requireUserId(db: Db, request: Request): Promise<number> {
  return (await requireSession(db, request)).userId;
}

/**
 * Starts a fresh session (a new random id, never the pre-sign-in one, which is deleted) and
 * redirects.
 */
export async function createUserSession(db: Db, request: Request, userId: number, to: string): Promise<Response> {
  const previous = await readToken(request);
  if (previous) await deleteSession(db, hashToken(previous));
  const now = Date.now();
  await deleteExpiredSessions(db, now);
  const token = newToken();
  await insertSession(db, {
    tokenHash: hashToken(token),
    userId,
    csrfToken: newToken(),
    now,
    expiresAt: now + SESSION_MS,
  });
  return redirect(to, { headers: { "Set-Cookie": await sessionCookie().serialize(token, { secure: cameOverHttps(request) }) } });
}

/** Signs the user out everywhere: every session of the user ends, the cookie is cleared. */
export async function destroyUserSessions(db: Db, request: Request): Promise<Response> {
  const session = await getSession(db, request);
  if (session) await deleteUserSessions(db, session.userId);
  return redirect("/", { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0, secure: cameOverHttps(request) }) } });
}

/** Ends every session of the user but this one (after a password change). */
export async function endOtherSessions(db: Db, session: ResearcherSession): Promise<void> {
  await deleteOtherUserSessions(db, { userId: session.userId, keepId: session.id });
}
