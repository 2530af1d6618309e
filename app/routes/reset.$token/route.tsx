import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FieldError, FormStatus, useFormReply, useIntentForm } from "~/components/form-kit";
import { useT } from "~/components/use-t";
import { assertSameOrigin } from "~/lib/auth/csrf.server";
import { lookUpResetLink, resetPassword } from "~/lib/auth/password-reset.server";
import { dbOf } from "~/lib/platform/context.server";
import { done, refused } from "~/lib/platform/form-reply.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { ResetPasswordSchema } from "./schema";

const FORM_ID = "reset-password";
import { readForm } from "~/lib/platform/read-form.server";

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  return { link: await lookUpResetLink(db, params.token ?? ""), i18n: await pageI18n(request, ["auth"]) };
}

/** No session here (the link is the credential): same-origin only, no CSRF token. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  assertSameOrigin(request);
  const submission = parseWithZod(await readForm(request), { schema: ResetPasswordSchema });
  if (submission.status !== "success") return refused(FORM_ID, submission, { hide: ["password"] });
  const result = await resetPassword(db, params.token ?? "", submission.value);
  if (!result.ok) return refused(FORM_ID, submission, { form: [result.error], hide: ["password"] });
  return done(FORM_ID, submission, { key: "reset.done" });
}

/** The page a one-time reset link opens: choose a new password (no sign-in needed). */
export default function ResetPassword() {
  const { link } = useLoaderData<typeof loader>();
  const reply = useFormReply(FORM_ID);
  const [form, fields] = useIntentForm(FORM_ID, ResetPasswordSchema);
  const { t } = useT();
  if (reply?.result.status === "success") {
    return (
      <section className="panel auth">
        <h1>{t("reset.title")}</h1>
        <FormStatus id={FORM_ID} />
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
      <Form method="post" {...getFormProps(form)}>
        <label htmlFor={fields.password.id}>{t("account.newPassword")}</label>
        <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
        <FieldError id={fields.password.errorId} errors={fields.password.errors} />
        <FormStatus id={FORM_ID} />
        <p>
          <button type="submit">{t("reset.button")}</button>
        </p>
      </Form>
    </section>
  );
}
