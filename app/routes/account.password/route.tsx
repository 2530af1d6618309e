import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { useT } from "~/components/use-t";
import { changePassword } from "~/lib/auth/accounts.server";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireSession } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  await requireSession(db, request);
  return { i18n: await pageI18n(request, ["auth"]) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  return changePassword(db, session, form);
}

export default function ChangePassword() {
  const data = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="panel auth">
      <h1>{t("account.passwordTitle")}</h1>
      <Form method="post">
        <CsrfField />
        <label htmlFor="currentPassword">{t("account.currentPassword")}</label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" maxLength={128} required />
        <label htmlFor="newPassword">{t("account.newPassword")}</label>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" minLength={12} maxLength={128} required />
        {data && !data.ok ? (
          <p className="error" role="alert">
            {t(data.error)}
          </p>
        ) : null}
        {data?.ok ? (
          <p className="notice" role="status">
            {t("account.passwordChanged")}
          </p>
        ) : null}
        <p>
          <button type="submit">{t("account.changeButton")}</button>
        </p>
      </Form>
    </section>
  );
}
