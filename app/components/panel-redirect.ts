import type { ReplyTo, RespondentIntent } from "~/lib/fieldwork/respondent-contract";

/**
 * Panel links on the respondent page (client side): the panel's respondent id (`?rid=`) and test
 * flag (`?test=1`) of the page's address go with every request to the respondent API, and when
 * its answer names a `redirect` (the panel's address for the respondent's final state, decided on
 * the server), the browser goes there.
 */
export function panelParams(): { rid?: string; test?: boolean } {
  if (typeof window === "undefined") return {};
  const params = new URL(window.location.href).searchParams;
  const rid = params.get("rid");
  return { ...(rid ? { rid } : {}), ...(params.get("test") === "1" ? { test: true } : {}) };
}

/** Goes to the server's redirect when the answer has one; true when it did. */
export function followRedirect(data: ReplyTo<RespondentIntent>): boolean {
  const url = "redirect" in data ? data.redirect : undefined;
  if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return false;
  window.location.assign(url);
  return true;
}
