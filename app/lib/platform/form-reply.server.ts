import type { Submission, SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { MessageKey } from "~/i18n";

/**
 * What an action answers a conform form (the shape `FormReply` of components/form-kit.tsx reads):
 * which form, conform's reply (its errors are i18n keys the page translates in place) and a
 * notice; extra fields (a link shown once) ride along.
 */
type Notice = { key: MessageKey; params?: Record<string, string | number> };

export interface Refusal {
  /** Errors of the whole form. */
  form?: MessageKey[];
  /** Errors by field name. */
  fields?: Record<string, MessageKey[]>;
  /** Fields whose values are not sent back (passwords). */
  hide?: string[];
}

/** The form was refused (400): its errors shown where they belong, nothing changed. */
export function refused<Extra extends object = object>(formId: string, submission: Submission<unknown>, refusal: Refusal = {}, extra?: Extra) {
  const result = submission.reply({ formErrors: refusal.form, fieldErrors: refusal.fields, hideFields: refusal.hide });
  return data({ formId, result, notice: null, ...(extra as Extra) }, { status: 400 });
}

/** The form was done: the notice, the form emptied (conform resets it; the status says it succeeded). */
export function done<Extra extends object = object>(formId: string, submission: Submission<unknown>, notice: Notice | null, extra?: Extra) {
  const result: SubmissionResult<string[]> = { ...submission.reply({ resetForm: true }), status: "success" };
  return data({ formId, result, notice, ...(extra as Extra) });
}

/** A service's answer to a parsed form: done with the notice, or refused with the service's error for the whole form. */
export function answer<Extra extends object = object>(
  formId: string,
  submission: Submission<unknown>,
  result: { ok: true } | { ok: false; error: MessageKey },
  notice: Notice | null,
  extra?: Extra,
) {
  return result.ok ? done(formId, submission, notice, extra) : refused(formId, submission, { form: [result.error] }, extra);
}
