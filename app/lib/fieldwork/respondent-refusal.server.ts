import type { Locale, MessageKey } from "~/i18n/index";
import { translate } from "~/i18n/messages.server";
import type { Refusal, RefusalReason } from "./respondent-contract";
import { env } from "../platform/env.server";

/**
 * A refusal of the respondent API (respondent-contract.ts's Refusal): nothing was stored. `error`
 * says why for a developer (English), `message` for the respondent in their language, `reason`
 * names it for the page.
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
    } satisfies Refusal,
    { status, headers: retry !== undefined ? { "Retry-After": String(retry) } : undefined },
  );
}

/** The respondent's language before the body is read: Accept-Language (Chinese, else English). */
export function localeOfHeader(acceptLanguage: string | null | undefined): Locale {
  return /^\s*zh/i.test(acceptLanguage ?? "") ? "zh-CN" : "en";
}

/** The per-address completion cap reached (RESPONDENT_COMPLETIONS_PER_ADDRESS in 24 hours). */
export function addressCapReached(retryAfterSeconds: number, locale: Locale): Response {
  return refuse(
    429,
    "addressCap",
    `this address has sent ${env.RESPONDENT_COMPLETIONS_PER_ADDRESS} completions to this questionnaire within 24 hours, the most allowed: try again in ${retryAfterSeconds} seconds`,
    locale,
    { params: { hours: Math.max(1, Math.ceil(retryAfterSeconds / 3600)) }, retryAfterSeconds },
  );
}
