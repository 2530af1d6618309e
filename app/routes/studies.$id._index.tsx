import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AttributeRows } from "~/components/AttributeRows";
import { CsrfField } from "~/components/CsrfField";
import { FieldworkWindowForm } from "~/components/FieldworkWindowForm";
import { OfferRows } from "~/components/OfferRows";
import { ProfileQuestionRows } from "~/components/ProfileQuestionRows";
import { QuotaEditor } from "~/components/QuotaEditor";
import { StudyNav } from "~/components/StudyNav";
import { StudyDetailsForm } from "~/components/StudyDetailsForm";
import { useT } from "~/components/use-t";
import { formatDate } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireUserId } from "~/lib/auth/session.server";
import { publicOrigin } from "~/lib/platform/http.server";
import { isStudyIntent, loadStudyEditor, requireStudyRole, runStudyIntent } from "~/lib/design/studies.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  // The link is shown with the public origin (BASE_URL, else the browser's), the same on the server and the client.
  return { ...(await loadStudyEditor(db, study)), role, origin: publicOrigin(request), i18n: await pageI18n(request, ["design"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  const intent = form.get("intent");
  if (!isStudyIntent(intent)) throw new Response("intent is not known", { status: 400 });
  return { intent, result: await runStudyIntent(db, study, session.userId, intent, form) };
}

export default function StudyEditor() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const result = actionData?.result;
  const errors = result && !result.ok && "errors" in result ? result.errors : {};
  const origin = data.origin;
  const intent = actionData?.intent ?? "";
  const errorList = (intents: string[]) =>
    intents.includes(intent) && Object.values(errors).length ? (
      <p className="error" role="alert">
        {Object.values(errors)
          .map((k) => (k ? t(k) : ""))
          .join(" ")}
      </p>
    ) : intents.includes(intent) && result?.ok ? (
      <p className="notice">{t("study.saved")}</p>
    ) : null;
  return (
    <>
      <h1>{data.study.title}</h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <section className="panel">
        <h2>{t("study.details")}</h2>
        <StudyDetailsForm study={data.study} errors={actionData?.intent === "details" ? errors : {}} />
        {actionData?.intent === "details" && result?.ok ? <p className="notice">{t("study.saved")}</p> : null}
      </section>
      <section className="panel" id="offers">
        <h2>{t("study.offers")}</h2>
        <p className="muted small">{t("study.offersHelp")}</p>
        {Object.values(errors).length && actionData?.intent.includes("Offer") ? (
          <p className="error">{Object.values(errors).map((k) => (k ? t(k) : "")).join(" ")}</p>
        ) : null}
        <OfferRows offers={data.offers} />
      </section>
      <section className="panel" id="attributes">
        <h2>{t("study.attributes")}</h2>
        <p className="muted small">{t("study.attributesHelp")}</p>
        {Object.values(errors).length && actionData?.intent.includes("Attribute") ? (
          <p className="error">{Object.values(errors).map((k) => (k ? t(k) : "")).join(" ")}</p>
        ) : null}
        <AttributeRows kind="quality" attributes={data.attributes} />
        <AttributeRows kind="price" attributes={data.attributes} />
      </section>
      <section className="panel" id="profile">
        <h2>{t("fieldwork.profile.title")}</h2>
        <p className="muted small">{t("fieldwork.profile.help")}</p>
        {errorList(["addProfileQuestion", "updateProfileQuestion", "deleteProfileQuestion", "moveProfileQuestion"])}
        <ProfileQuestionRows questions={data.profileQuestions} />
      </section>
      <section className="panel" id="quotas">
        <h2>{t("fieldwork.quotas.title")}</h2>
        <p className="muted small">{t("fieldwork.quotas.help")}</p>
        {errorList(["saveQuotas"])}
        <QuotaEditor questions={data.profileQuestions} quotas={data.quotas} />
      </section>
      <section className="panel" id="window">
        <h2>{t("fieldwork.window.title")}</h2>
        {errorList(["fieldworkSettings", "openFieldwork", "closeFieldwork"])}
        <FieldworkWindowForm window={data.window} />
      </section>
      <section className="panel" id="publish-focus-group">
        <h2>{t("fieldwork.focusPublish.title")}</h2>
        <p className="muted small">{t("fieldwork.focusPublish.help")}</p>
        {data.focusGroupIssues.length ? (
          <ul className="issues">
            {data.focusGroupIssues.map((code) => (
              <li key={code}>{t(code)}</li>
            ))}
          </ul>
        ) : null}
        <p data-testid="focus-group-published">
          {data.focusGroup
            ? t("fieldwork.focusPublish.published", { version: data.focusGroup.version, date: formatDate(locale, data.focusGroup.publishedAt) })
            : t("fieldwork.focusPublish.notPublished")}
        </p>
        {data.statedWeightsAdopted ? <p className="muted small">{t("fieldwork.focusPublish.weightsAdopted")}</p> : null}
        <Form method="post">
          <CsrfField />
          <button type="submit" name="intent" value="publishFocusGroup" disabled={data.focusGroupIssues.length > 0}>
            {t("fieldwork.focusPublish.button")}
          </button>
        </Form>
      </section>
      <section className="panel" id="publish">
        <h2>{t("study.publish")}</h2>
        <p className="muted small">{t("study.publishHelp")}</p>
        {data.issues.length ? (
          <ul className="issues" aria-live="polite">
            {data.issues.map((code) => (
              <li key={code}>{t(code)}</li>
            ))}
          </ul>
        ) : null}
        <p>
          {data.published
            ? t("study.published", { version: data.published.version, date: formatDate(locale, data.published.publishedAt) })
            : t("study.notPublished")}
        </p>
        {data.published ? (
          <p>
            {t("study.publicLink")}: <a href={`/s/${data.study.publicToken}`}>{`${origin}/s/${data.study.publicToken}`}</a>
          </p>
        ) : null}
        <Form method="post">
          <CsrfField />
          <button type="submit" name="intent" value="publish" disabled={data.issues.length > 0}>
            {t("study.publish")}
          </button>
        </Form>
      </section>
    </>
  );
}
