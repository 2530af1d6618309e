import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/use-t";
import { assertSameOrigin } from "~/lib/auth/csrf.server";
import { lookUpResetLink, resetPassword } from "~/lib/auth/password-reset.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { readForm } from "~/lib/platform/read-form.server";

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  return { link: await lookUpResetLink(db, params.token ?? ""), i18n: await pageI18n(request, ["auth"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  assertSameOrigin(request);
  return resetPassword(db, params.token ?? "", await readForm(request));
}

/** The page a one-time reset link opens: choose a new password (no sign-in needed). */
export default function ResetPassword() {
  const { link } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  if (result?.ok) {
    return (
      <section className="panel auth">
        <h1>{t("reset.title")}</h1>
        <p className="notice" role="status">
          {t("reset.done")}
        </p>
        <p>
          <Link to="/signin">{t("nav.signIn")}</Link>
        </p>
      </section>
    );
  }
  if (!link) {
    return (
      <section className="panel auth">
        <h1>{t("reset.title")}</h1>
        <p className="error" role="alert">
          {t("reset.invalid")}
        </p>
      </section>
    );
  }
  return (
    <section className="panel auth">
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.for", { email: link.email })}</p>
      <Form method="post">
        <label htmlFor="password">{t("account.newPassword")}</label>
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={12} maxLength={128} required />
        {result && !result.ok ? (
          <p className="error" role="alert">
            {t(result.error)}
          </p>
        ) : null}
        <p>
          <button type="submit">{t("reset.button")}</button>
        </p>
      </Form>
    </section>
  );
}
