import { Form, Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "./use-t";

/** The sign-in and sign-up form (same fields, different wording). */
export function AuthForm({ mode, error, next }: { mode: "signin" | "signup"; error?: MessageKey | undefined; next?: string }) {
  const { t } = useT();
  const signUp = mode === "signup";
  return (
    <section className="panel auth">
      <h1>{t(signUp ? "auth.signUpTitle" : "auth.signInTitle")}</h1>
      <Form method="post">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <label htmlFor="email">{t("auth.email")}</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
        <label htmlFor="password">{t("auth.password")}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={signUp ? "new-password" : "current-password"}
          minLength={signUp ? 12 : undefined}
          maxLength={128}
          required
          aria-describedby={signUp ? "password-rule" : undefined}
        />
        {signUp ? (
          <span className="hint" id="password-rule">
            {t("auth.passwordLength")}
          </span>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {t(error)}
          </p>
        ) : null}
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
