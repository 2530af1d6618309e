const LOCAL = "http://valuemap.invalid";

/**
 * Only a path on this site: refuses absolute URLs, `//host`, `/\host` and control characters,
 * and returns the path percent-encoded (a non-ASCII `next` cannot make an invalid Location header).
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if ([...to].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) return fallback;
  let url: URL;
  try {
    url = new URL(to, LOCAL);
  } catch {
    return fallback;
  }
  return url.origin === LOCAL ? url.pathname + url.search + url.hash : fallback;
}
