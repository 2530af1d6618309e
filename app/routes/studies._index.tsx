import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { useT } from "~/components/use-t";
import { createStudyFor, listStudiesFor } from "~/lib/design/studies.server";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireUserId } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  return { studies: await listStudiesFor(db, await requireUserId(db, request)), i18n: await pageI18n(request, ["design"]) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const result = await createStudyFor(db, session.userId, form);
  return result.ok ? redirect(`/studies/${result.id}`) : { errors: result.errors };
}

export default function Studies() {
  const { studies } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, locale } = useT();
  const titleError = data?.errors.title;
  return (
    <>
      <h1>{t("studies.title")}</h1>
      <section className="panel">
        {studies.length === 0 ? <p className="muted">{t("studies.empty")}</p> : null}
        <ul className="study-list">
          {studies.map((s) => (
            <li key={s.id}>
              <span>
                <strong>{locale === "zh-CN" && s.titleZh ? s.titleZh : s.title}</strong>{" "}
                <span className="muted small">{t("studies.responses", { n: s.complete })}</span>
              </span>
              <span>
                <span className="muted small">{t(`studies.role.${s.role}`)}</span> ·{" "}
                {s.role !== "viewer" ? (
                  <>
                    <Link to={`/studies/${s.id}`}>{t("studies.edit")}</Link> ·{" "}
                  </>
                ) : null}
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
        <Form method="post">
          <CsrfField />
          <label htmlFor="title">{t("studies.newTitle")}</label>
          <input id="title" name="title" type="text" maxLength={200} required aria-invalid={Boolean(titleError)} />
          {titleError ? <p className="error">{t(titleError)}</p> : null}
          <p>
            <button type="submit">{t("studies.create")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}
