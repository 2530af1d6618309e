import { createCookie } from "@remix-run/node";
import { isLocale, type Locale } from "~/i18n/index";

export const localeCookie = createCookie("vm_locale", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 31_536_000 });

/** Locale from `?lang=`, then the locale cookie, then Accept-Language; English by default. */
export async function getLocale(request: Request): Promise<Locale> {
  const fromQuery = new URL(request.url).searchParams.get("lang");
  if (isLocale(fromQuery)) return fromQuery;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  const accept = request.headers.get("Accept-Language") ?? "";
  return /^\s*zh/i.test(accept) ? "zh-CN" : "en";
}
