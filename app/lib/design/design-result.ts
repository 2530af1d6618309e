import type { MessageKey } from "~/i18n";

/**
 * What a design service answers: done (with an optional notice and the audit detail) or refused
 * with messages by field path (`name`, `rows[1].code`; "" for the whole form), nothing changed.
 * Client-safe (types only).
 */
export type DesignResult = { ok: true; notice?: MessageKey; params?: Record<string, string> } | { ok: false; errors: FieldErrors };
export type FieldErrors = Record<string, MessageKey[]>;

export const refused = (errors: FieldErrors): DesignResult => ({ ok: false, errors });
export const done = (notice?: MessageKey, params?: Record<string, string>): DesignResult => ({ ok: true, notice, params });
