import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "~/lib/platform/confirm-field";
import { CsrfField } from "./CsrfField";

export interface InlineFormProps {
  /** The `intent` the button sends. */
  intent: string;
  /** The button's text (the first button when the action asks for confirmation). */
  label: ReactNode;
  /** Hidden fields sent with the intent (ids, values). */
  fields?: Record<string, string | number>;
  /** Where the form posts (default: the current route). */
  action?: string;
  /** The button's class: "link-button", "secondary" or "danger" (default: a plain button). */
  buttonClassName?: string;
  /**
   * Ask before acting: the button opens a short explanation of what will be lost and a second
   * button that sends the intent with `confirm=yes` (works without JavaScript; the action refuses
   * the intent without that field).
   */
  confirm?: { message: ReactNode; button?: ReactNode };
  disabled?: boolean;
  testId?: string;
}

function Hidden({ fields, confirmed = false }: { fields?: Record<string, string | number>; confirmed?: boolean }) {
  return (
    <>
      <CsrfField />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirmed ? <input type="hidden" name={CONFIRM_FIELD} value={CONFIRM_VALUE} /> : null}
    </>
  );
}

/**
 * A form of one button (delete, revoke, remove, publish…): the CSRF field, hidden fields and the
 * intent button, optionally behind a confirmation step. It renders a form (or a details element):
 * place it in a div, li or td, never in a <p> (the HTML parser would close the p before it and
 * React's hydration would fail).
 */
export function InlineForm({ intent, label, fields, action, buttonClassName, confirm, disabled, testId }: InlineFormProps) {
  if (!confirm) {
    return (
      <Form method="post" action={action} className="inline" data-testid={testId} preventScrollReset>
        <Hidden fields={fields} />
        <button type="submit" name="intent" value={intent} className={buttonClassName} disabled={disabled}>
          {label}
        </button>
      </Form>
    );
  }
  if (disabled) {
    return (
      <button type="button" className={buttonClassName} disabled data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <details className="confirm" data-testid={testId}>
      <summary className={buttonClassName === "link-button" ? "link-button" : `button ${buttonClassName ?? ""}`.trim()}>{label}</summary>
      <div className="confirm-body" role="group">
        <div className="confirm-message">{confirm.message}</div>
        <Form method="post" action={action} className="inline" preventScrollReset>
          <Hidden fields={fields} confirmed />
          <button type="submit" name="intent" value={intent} className={buttonClassName === "link-button" ? "danger" : buttonClassName}>
            {confirm.button ?? label}
          </button>
        </Form>
      </div>
    </details>
  );
}
