import crypto from "node:crypto";
import type { Db } from "../../../db/client";
import { readForm } from "../platform/read-form.server";
import { getSession, requireSession, type ResearcherSession } from "./session.server";

const forbidden = (message: string) => new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * Why a browser request comes from another site, or null: `Sec-Fetch-Site` other than
 * same-origin/none, or an `Origin` whose host is not this one (X-Forwarded-Host, else Host).
 * Requests without either header (curl, old browsers) pass; the CSRF token still guards
 * researcher actions. Plain values in, so app/server.js can use it before Remix.
 */
export function crossSiteReason(get: (name: string) => string | null | undefined): string | null {
  const site = get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return "request requires the same origin (Sec-Fetch-Site)";
  const origin = get("origin");
  if (origin === null || origin === undefined) return null;
  const host = (get("x-forwarded-host")?.split(",")[0] ?? get("host") ?? "").trim();
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  return originHost !== null && originHost === host ? null : "request requires the same origin (Origin)";
}

/** Refuses (403) a request a browser marks as coming from another site (see crossSiteReason). */
export function assertSameOrigin(request: Request): void {
  const reason = crossSiteReason((name) => request.headers.get(name));
  if (reason) throw forbidden(reason);
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * For every state-changing researcher action: same origin, a signed-in session (else a redirect
 * to sign in) and the session's CSRF token in the form's `csrf` field (else 403).
 */
export async function requireResearcherForm(db: Db, request: Request): Promise<{ session: ResearcherSession; form: FormData }> {
  assertSameOrigin(request);
  const session = await requireSession(db, request);
  const form = await readForm(request);
  const token = form.get("csrf");
  if (typeof token !== "string" || !sameToken(token, session.csrfToken)) {
    throw forbidden("request requires the form's security token: reload the page and try again");
  }
  return { session, form };
}

/** The CSRF token of this request's session, for the hidden field of researcher forms. */
export async function getCsrfToken(db: Db, request: Request): Promise<string | null> {
  return (await getSession(db, request))?.csrfToken ?? null;
}
