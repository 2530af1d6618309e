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
  /** Done (also told by `result.status === "success"`, app/lib/platform/form-reply.server.ts). */
  ok?: boolean;
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
  return useSchemaForm(id, schema, useFormReply(id)?.result, defaultValue);
}

/**
 * A conform form of a page with one form: validated in the browser with the same zod schema as
 * the action, shown with the action's last result (`lastResult`).
 */
export function useSchemaForm<S extends ZodTypeAny>(
  id: string,
  schema: S,
  lastResult: SubmissionResult<string[]> | null | undefined,
  defaultValue?: Partial<z.input<S>> & Record<string, unknown>,
) {
  return useForm<z.input<S>, z.output<S>>({
    id,
    lastResult: lastResult ?? undefined,
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/** The hidden fields of a multi-form page's form: CSRF token, which form, which intent. */
export function FormFields({ id, intent }: { id: string; intent: string }) {
  return (
    <>
      <CsrfField />
      <input type="hidden" name="formId" value={id} />
      <input type="hidden" name="intent" value={intent} />
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

const succeeded = (reply: FormReply) => reply.ok === true || reply.result.status === "success";

/**
 * The notice of form `id` after it was saved, or its errors: form-level ones (conform forms show
 * field errors in place), or every one with `all` (a section's one-button forms).
 */
export function FormStatus({ id, all = false }: { id: string; all?: boolean }) {
  const reply = useFormReply(id);
  const { t } = useT();
  if (!reply) return null;
  if (succeeded(reply)) {
    return reply.notice ? (
      <p className="notice" role="status">
        {t(reply.notice.key, reply.notice.params)}
      </p>
    ) : null;
  }
  const errors = Object.entries(reply.result.error ?? {})
    .filter(([path]) => all || path === "")
    .flatMap(([, keys]) => keys ?? []);
  return <FieldError errors={errors} />;
}

/** Every message of a refused submission, once each, at the top of the page (an error summary). */
export function ReplyErrors() {
  const data = useReply();
  const { t } = useT();
  if (!data || succeeded(data)) return null;
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
