import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { FieldError, Hint } from "~/components/form-kit";
import { useT } from "~/components/use-t";
import { createStudyFor } from "~/lib/design/create-study.server";
import { listStudiesFor } from "~/lib/design/study-access.server";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireUserId } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { NewStudySchema } from "./new-study-schema";
import { inLocale } from "~/i18n";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  return { studies: await listStudiesFor(db, await requireUserId(db, request)), i18n: await pageI18n(request, ["design"]) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const submission = parseWithZod(form, { schema: NewStudySchema });
  if (submission.status !== "success") return submission.reply();
  const { id } = await createStudyFor(db, session.userId, submission.value);
  return redirect(`/studies/${id}`);
}

export default function Studies() {
  const { studies } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "new-study",
    lastResult,
    constraint: getZodConstraint(NewStudySchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewStudySchema }),
  });
  return (
    <>
      <h1>{t("studies.title")}</h1>
      <section className="panel">
        {studies.length === 0 ? <p className="muted">{t("studies.empty")}</p> : null}
        <ul className="study-list">
          {studies.map((s) => (
            <li key={s.id}>
              <span>
                <strong>{inLocale(locale, s.title, s.titleZh)}</strong>{" "}
                <span className="muted small">{t("studies.responses", { n: s.complete })}</span>
              </span>
              <span>
                <span className="muted small">{t(`studies.role.${s.role}`)}</span> · <Link to={`/studies/${s.id}`}>{t("studies.edit")}</Link> ·{" "}
                <Link to={`/studies/${s.id}/report`}>{t("studies.report")}</Link>
                {s.role === "owner" ? (
                  <>
                    {" · "}
                    <Link to={`/studies/${s.id}/members`}>{t("studies.members")}</Link>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          <label htmlFor={fields.title.id}>{t("studies.newTitle")}</label>
          <input {...getInputProps(fields.title, { type: "text" })} />
          <Hint>{t("study.hint.title")}</Hint>
          <FieldError id={fields.title.errorId} errors={fields.title.errors} />
          <p>
            <button type="submit">{t("studies.create")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}
