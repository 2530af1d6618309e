/** Only same-site paths: refuses absolute URLs, `//host` and `/\host`. */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if ([...to].some((c) => c.charCodeAt(0) < 32)) return fallback;
  return to;
}
