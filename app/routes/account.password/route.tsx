import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { FieldError, FormStatus, useIntentForm } from "~/components/form-kit";
import { useT } from "~/components/use-t";
import { changePassword } from "~/lib/auth/change-password.server";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireSession } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";
import { done, refused } from "~/lib/platform/form-reply.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { ChangePasswordSchema } from "./schema";

const FORM_ID = "change-password";
const PASSWORDS = ["currentPassword", "newPassword"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  await requireSession(db, request);
  return { i18n: await pageI18n(request, ["auth"]) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const submission = parseWithZod(form, { schema: ChangePasswordSchema });
  if (submission.status !== "success") return refused(FORM_ID, submission, { hide: PASSWORDS });
  const result = await changePassword(db, session, submission.value);
  if (!result.ok) return refused(FORM_ID, submission, { fields: { [result.field]: [result.error] }, hide: PASSWORDS });
  return done(FORM_ID, submission, { key: "account.passwordChanged" });
}

export default function ChangePassword() {
  const { t } = useT();
  const [form, fields] = useIntentForm(FORM_ID, ChangePasswordSchema);
  return (
    <section className="panel auth">
      <h1>{t("account.passwordTitle")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <CsrfField />
        <label htmlFor={fields.currentPassword.id}>{t("account.currentPassword")}</label>
        <input {...getInputProps(fields.currentPassword, { type: "password" })} autoComplete="current-password" />
        <FieldError id={fields.currentPassword.errorId} errors={fields.currentPassword.errors} />
        <label htmlFor={fields.newPassword.id}>{t("account.newPassword")}</label>
        <input {...getInputProps(fields.newPassword, { type: "password" })} autoComplete="new-password" />
        <FieldError id={fields.newPassword.errorId} errors={fields.newPassword.errors} />
        <FormStatus id={FORM_ID} />
        <p>
          <button type="submit">{t("account.changeButton")}</button>
        </p>
      </Form>
    </section>
  );
}
