import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { useSchemaForm } from "~/components/form-kit";
import { FieldErrors, IntegrationsNav } from "~/components/IntegrationsNav";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { loadPanelRedirects, savePanelLinks } from "~/lib/fieldwork/panel-links.server";
import { dbOf } from "~/lib/platform/context.server";
import { publicOrigin } from "~/lib/platform/http.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { PanelLinksSchema } from "./schema";
import { inLocale } from "~/i18n";

const FIELDS = ["completeUrl", "screenedOutUrl", "quotaFullUrl", "closedUrl"] as const;

/** Panel links: the link a panel sends respondents to (`?rid=`) and where they go back at the end (editors and owners). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  const link = `${publicOrigin(request)}/s/${study.publicToken}?rid={rid}`;
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh },
    role,
    link,
    testLink: `${link}&test=1`,
    redirects: await loadPanelRedirects(db, study),
    i18n: await pageI18n(request, ["api"]),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  const submission = parseWithZod(form, { schema: PanelLinksSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const v = submission.value;
  await savePanelLinks(db, study, session.userId, {
    completeUrl: v.completeUrl ?? null,
    screenedOutUrl: v.screenedOutUrl ?? null,
    quotaFullUrl: v.quotaFullUrl ?? null,
    closedUrl: v.closedUrl ?? null,
  });
  return { result: submission.reply(), saved: true };
}

export default function PanelLinks() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useSchemaForm("panel-links", PanelLinksSchema, reply?.result, {
    completeUrl: page.redirects.completeUrl ?? "",
    screenedOutUrl: page.redirects.screenedOutUrl ?? "",
    quotaFullUrl: page.redirects.quotaFullUrl ?? "",
    closedUrl: page.redirects.closedUrl ?? "",
  });
  return (
    <>
      <h1>
        {t("panel.title")}: {inLocale(locale, page.study.title, page.study.titleZh)}
      </h1>
      <StudyNav studyId={page.study.id} role={page.role} />
      <IntegrationsNav studyId={page.study.id} />
      <section className="panel">
        <p>{t("panel.help")}</p>
        <p>
          {t("panel.liveLink")}: <code data-testid="panel-link">{page.link}</code>
        </p>
        <p>
          {t("panel.testLink")}: <code data-testid="panel-test-link">{page.testLink}</code>
        </p>
        <Form method="post" {...getFormProps(form)}>
          <CsrfField />
          {FIELDS.map((name) => (
            <div key={name}>
              <label htmlFor={fields[name].id}>{t(`panel.${name}`)}</label>
              <input {...getInputProps(fields[name], { type: "url" })} placeholder="https://panel.example.com/end?id={rid}" />
              <FieldErrors id={fields[name].errorId} errors={fields[name].errors} />
            </div>
          ))}
          <p className="hint">{t("panel.urlHint")}</p>
          {reply?.saved ? (
            <p className="notice" role="status">
              {t("panel.saved")}
            </p>
          ) : null}
          <p>
            <button type="submit">{t("panel.save")}</button>
          </p>
        </Form>
      </section>
    </>
  );
}
