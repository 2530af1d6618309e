import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import type { ZodTypeAny } from "zod";
import type { MessageKey } from "~/i18n";
import { useT } from "./use-t";

/**
 * The sign-in and sign-up form (same fields, different wording), with conform: validated in the
 * browser with the route's schema and again on the server; each error shows under its field (or
 * above the button for the form) in the page's language.
 */
export function AuthForm({
  mode,
  schema,
  lastResult,
  params,
  next,
}: {
  mode: "signin" | "signup";
  /** The route's form schema (signin/schema.ts, signup/schema.ts). */
  schema: ZodTypeAny;
  lastResult?: SubmissionResult<string[]> | undefined;
  /** Numbers the server's message needs (seconds or minutes to wait). */
  params?: Record<string, number>;
  next?: string;
}) {
  const { t } = useT();
  const signUp = mode === "signup";
  const [form, fields] = useForm<{ email: string; password: string; next?: string }>({
    id: mode,
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const say = (errors: string[] | undefined) => (errors ?? []).map((e) => t(e as MessageKey, params));
  return (
    <section className="panel auth">
      <h1>{t(signUp ? "auth.signUpTitle" : "auth.signInTitle")}</h1>
      <Form method="post" {...getFormProps(form)}>
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <label htmlFor="email">{t("auth.email")}</label>
        <input {...getInputProps(fields.email, { type: "email" })} key={fields.email.key} id="email" autoComplete="email" />
        {say(fields.email.errors).map((e) => (
          <p key={e} className="error" id={fields.email.errorId}>
            {e}
          </p>
        ))}
        <label htmlFor="password">{t("auth.password")}</label>
        <input
          {...getInputProps(fields.password, { type: "password" })}
          key={fields.password.key}
          id="password"
          autoComplete={signUp ? "new-password" : "current-password"}
        />
        {say(fields.password.errors).map((e) => (
          <p key={e} className="error" id={fields.password.errorId}>
            {e}
          </p>
        ))}
        {say(form.errors).map((e) => (
          <p key={e} className="error" role="alert" id={form.errorId}>
            {e}
          </p>
        ))}
        <p>
          <button type="submit">{t(signUp ? "auth.signUpButton" : "auth.signInButton")}</button>
        </p>
      </Form>
      <p className="small">
        {signUp ? t("auth.haveAccount") : t("auth.noAccount")}{" "}
        <Link to={`${signUp ? "/signin" : "/signup"}${next ? `?next=${encodeURIComponent(next)}` : ""}`}>{t(signUp ? "nav.signIn" : "nav.signUp")}</Link>
      </p>
    </section>
  );
}
