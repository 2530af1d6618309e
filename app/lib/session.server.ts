import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { env } from "./env.server";

/** A stable secret: SESSION_SECRET, or a random one kept next to the database file. */
function sessionSecret(): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.resolve("data/session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("hex");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

const storage = createCookieSessionStorage<{ userId: number; nonce: string }>({
  cookie: {
    name: "vm_session",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    // Secure in production (browsers accept Secure cookies on http://localhost); COOKIE_SECURE overrides.
    secure: env.COOKIE_SECURE ? env.COOKIE_SECURE === "1" : env.NODE_ENV === "production",
    secrets: [sessionSecret()],
    maxAge: 60 * 60 * 24 * 14,
  },
});

export async function getUserId(request: Request): Promise<number | null> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  return session.get("userId") ?? null;
}

/** The signed-in researcher's id, or a redirect to sign in. */
export async function requireUserId(request: Request): Promise<number> {
  const userId = await getUserId(request);
  if (userId === null) {
    const url = new URL(request.url);
    throw redirect(`/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return userId;
}

/** Starts a fresh session (a new cookie value, never the pre-sign-in one) and redirects. */
export async function createUserSession(userId: number, to: string): Promise<Response> {
  const session = await storage.getSession();
  session.set("userId", userId);
  session.set("nonce", crypto.randomBytes(16).toString("hex"));
  return redirect(to, { headers: { "Set-Cookie": await storage.commitSession(session) } });
}

export async function destroyUserSession(request: Request): Promise<Response> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  return redirect("/", { headers: { "Set-Cookie": await storage.destroySession(session) } });
}
