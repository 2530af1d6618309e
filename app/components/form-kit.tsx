import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useActionData, useOutletContext } from "@remix-run/react";
import type { ZodTypeAny, z } from "zod";
import type { MessageKey } from "~/i18n";
import { CsrfField } from "./CsrfField";
import { useT } from "./use-t";

/** What an action of a multi-form page answers: which form, conform's reply, and a notice. */
export interface FormReply {
  formId: string;
  /** Done (conform's reply then only resets the form). */
  ok: boolean;
  result: SubmissionResult<string[]>;
  notice: { key: MessageKey; params?: Record<string, string> } | null;
}

/**
 * The last reply of this page's action, or of the layout's (a POST to /studies/:id without
 * `?index` is answered by the layout route, which hands it down as the outlet context).
 */
function useReply(): FormReply | undefined {
  const own = useActionData<FormReply | undefined>();
  const fromLayout = useOutletContext<FormReply | undefined>();
  const data = own ?? fromLayout;
  return data && typeof data === "object" && "formId" in data && "result" in data ? data : undefined;
}

/** The reply of the last submission when it came from form `id`. */
export function useFormReply(id: string): FormReply | undefined {
  const data = useReply();
  return data?.formId === id ? data : undefined;
}

/**
 * A conform form of a multi-form page: validated in the browser with the same zod schema as the
 * action, shown with the action's answer when it was this form's.
 */
export function useIntentForm<S extends ZodTypeAny>(id: string, schema: S, defaultValue?: Partial<z.input<S>> & Record<string, unknown>) {
  const reply = useFormReply(id);
  return useForm<z.input<S>, z.output<S>>({
    id,
    lastResult: reply?.result,
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/**
 * The hidden fields of a multi-form page's form: the CSRF token and the intent (the action tells
 * the forms apart by intent and item id; `id` is the form's, for readers of the markup).
 */
export function FormFields({ id, intent }: { id: string; intent: string }) {
  return (
    <>
      <CsrfField />
      <input type="hidden" name="intent" value={intent} data-form={id} />
    </>
  );
}

/** A field's errors (i18n keys), translated, where the field is. */
export function FieldError({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useT();
  if (!errors || errors.length === 0) return null;
  return (
    <span className="error field-error" id={id} role="alert">
      {[...new Set(errors)].map((e) => t(e as MessageKey)).join(" ")}
    </span>
  );
}

/** The rule of a field, under it. */
export function Hint({ id, children }: { id?: string; children: React.ReactNode }) {
  return (
    <span className="hint" id={id}>
      {children}
    </span>
  );
}

/** The notice of form `id` after it was saved (its errors are in place and in ReplyErrors). */
export function FormStatus({ id }: { id: string }) {
  const reply = useFormReply(id);
  const { t } = useT();
  if (!reply?.notice || !reply.ok) return null;
  return (
    <p className="notice" role="status">
      {t(reply.notice.key, reply.notice.params)}
    </p>
  );
}

/** Every message of a refused submission, once each, at the top of the page (an error summary). */
export function ReplyErrors() {
  const data = useReply();
  const { t } = useT();
  if (!data || data.ok) return null;
  const messages = [...new Set(Object.values(data.result.error ?? {}).flatMap((keys) => keys ?? []))];
  if (messages.length === 0) return null;
  return (
    <div className="error error-summary" role="alert" data-testid="form-errors">
      {messages.map((m) => (
        <p key={m}>{t(m as MessageKey)}</p>
      ))}
    </div>
  );
}
