import { z } from "zod";

/** An http(s) address of at most 2000 characters; `{rid}` stands for the respondent's id. Empty: no redirect. */
function isRedirectUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value.replaceAll("{rid}", "x")).protocol);
  } catch {
    return false;
  }
}
const RedirectUrl = z.string().trim().max(2000, "panel.error.url").refine(isRedirectUrl, "panel.error.url").optional();

/** The panel page's form (client-safe: validated in the browser and in the action). */
export const PanelLinksSchema = z.object({
  completeUrl: RedirectUrl,
  screenedOutUrl: RedirectUrl,
  quotaFullUrl: RedirectUrl,
  closedUrl: RedirectUrl,
});
