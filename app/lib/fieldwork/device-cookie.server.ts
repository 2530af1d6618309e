import { randomBytes } from "node:crypto";

/** The respondent's device cookie: a random id, kept a year (duplicate flags, one response per device). */
export const DEVICE_COOKIE = "vm_device";
const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;
const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** The device id from a Cookie header, when it has a well-formed one. */
export function readDeviceId(cookieHeader: string | null | undefined): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === DEVICE_COOKIE) {
      const value = rest.join("=");
      return DEVICE_ID.test(value) ? value : null;
    }
  }
  return null;
}

/**
 * The device id of this request, and the Set-Cookie header value when it is new (Secure when the
 * request came over HTTPS).
 */
export function deviceFor(cookieHeader: string | null | undefined, secure: boolean): { id: string; setCookie: string | null } {
  const existing = readDeviceId(cookieHeader);
  if (existing) return { id: existing, setCookie: null };
  const id = randomBytes(18).toString("base64url");
  return {
    id,
    setCookie: `${DEVICE_COOKIE}=${id}; Path=/s/; Max-Age=${ONE_YEAR_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`,
  };
}
