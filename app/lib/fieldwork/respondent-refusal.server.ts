import type { Locale, MessageKey } from "~/i18n/index";
import { translate } from "~/i18n/messages.server";

/** Why the respondent API refused a request; the page shows `respondent.refused.<reason>`. */
export type RefusalReason =
  | "crossSite"
  | "contentType"
  | "bot"
  | "rateLimit"
  | "malformed"
  | "tooLarge"
  | "tooDeep"
  | "proof"
  | "notStarted"
  | "deviceCap"
  | "addressCap"
  | "closed"
  | "device"
  | "invitation"
  | "unpublished"
  | "unknown"
  | "conflict";

/**
 * A refusal of the respondent API: nothing was stored. `error` says why for a developer (English),
 * `message` for the respondent in their language, `reason` names it for the page.
 */
export function refuse(
  status: number,
  reason: RefusalReason,
  error: string,
  locale: Locale,
  options: { params?: Record<string, string | number>; details?: string[]; retryAfterSeconds?: number; redirect?: string | null } = {},
): Response {
  const key = `respondent.refused.${reason}` satisfies MessageKey;
  const retry = options.retryAfterSeconds;
  return Response.json(
    {
      ok: false,
      error,
      reason,
      message: translate(locale, key, options.params),
      ...(options.details ? { details: options.details } : {}),
      ...(retry !== undefined ? { retryAfterSeconds: retry } : {}),
      // A panel respondent's next address (the panel's page for this outcome), when there is one.
      ...(options.redirect ? { redirect: options.redirect } : {}),
    },
    { status, headers: retry !== undefined ? { "Retry-After": String(retry) } : undefined },
  );
}

/** The respondent's language before the body is read: Accept-Language (Chinese, else English). */
export function localeOfHeader(acceptLanguage: string | null | undefined): Locale {
  return /^\s*zh/i.test(acceptLanguage ?? "") ? "zh-CN" : "en";
}
