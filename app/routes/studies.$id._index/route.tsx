import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { AttributeRows } from "~/components/AttributeRows";
import { FieldworkWindowForm } from "~/components/FieldworkWindowForm";
import { ReplyErrors, type FormReply } from "~/components/form-kit";
import { OfferRows } from "~/components/OfferRows";
import { ProfileQuestionRows } from "~/components/ProfileQuestionRows";
import { PublishPanel } from "~/components/PublishPanel";
import { QuotaEditor } from "~/components/QuotaEditor";
import { RatingLayoutForm } from "~/components/RatingLayoutForm";
import { StudyDetailsForm } from "~/components/StudyDetailsForm";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { loadStudyEditor } from "~/lib/design/study-editor.server";
import { dbOf } from "~/lib/platform/context.server";
import { publicOrigin } from "~/lib/platform/http.server";
import { getLocale } from "~/lib/platform/locale.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { designAction } from "./design-action.server";
import { inLocale } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.pageTitle} · Valuemap` : "Valuemap" }];

/** Editors change the design; viewers see it read-only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "viewer");
  const locale = await getLocale(request);
  const editor = await loadStudyEditor(db, study);
  return {
    ...editor,
    pageTitle: inLocale(locale, study.title, study.titleZh),
    role,
    // The link is shown with the public origin (BASE_URL, else the browser's), the same on the server and the client.
    origin: publicOrigin(request),
    i18n: await pageI18n(request, ["design"]),
  };
}

/** Design changes (also posted to /studies/:id without `?index`, then through the layout route). */
export function action(args: ActionFunctionArgs): Promise<FormReply> {
  return designAction(args);
}

/** The design screen: details, offers, attributes, profile questions, quotas, window, preview and publishing. */
export default function StudyDesign() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  const readOnly = data.role === "viewer";
  const { rating } = data.publishing;
  const base = `/studies/${data.study.id}`;
  // Set once the page runs in the browser (row editors then add rows without a round trip).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <div className="design-page" data-hydrated={hydrated ? "yes" : undefined}>
      <h1>{data.pageTitle}</h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <ReplyErrors />
      {readOnly ? (
        <p className="view-only-notice" data-testid="view-only-notice">
          {t("study.viewOnly")}
        </p>
      ) : null}
      {rating.version === null ? (
        <p className="changes-notice" data-testid="not-published">
          {t("study.publish.notYet")}
        </p>
      ) : rating.changes.length > 0 ? (
        <p className="changes-notice" role="status" data-testid="unpublished-changes">
          {t("study.publish.unpublished", { version: rating.version, n: rating.changes.length })} <a href="#publish">{t("studyNav.step.next.republish")}</a>
        </p>
      ) : null}
      <fieldset className="plain" disabled={readOnly}>
        <section className="panel">
          <h2>{t("study.details")}</h2>
          <StudyDetailsForm study={data.study} key={JSON.stringify(data.study)} />
        </section>
        <section className="panel" id="offers">
          <h2>{t("study.offers")}</h2>
          <p className="muted small">{t("study.offersHelp")}</p>
          <OfferRows offers={data.offers} />
        </section>
        <section className="panel" id="attributes">
          <h2>{t("study.attributes")}</h2>
          <p className="muted small">{t("study.attributesHelp")}</p>
          <AttributeRows attributes={data.attributes} />
        </section>
        <section className="panel" id="profile">
          <h2>{t("fieldwork.profile.title")}</h2>
          <p className="muted small">{t("fieldwork.profile.help")}</p>
          <ProfileQuestionRows questions={data.profileQuestions} />
        </section>
        <section className="panel" id="quotas">
          <h2>{t("fieldwork.quotas.title")}</h2>
          <p className="muted small">{t("fieldwork.quotas.help")}</p>
          <QuotaEditor questions={data.profileQuestions} quotas={data.quotas} />
        </section>
        <section className="panel" id="layout">
          <h2>{t("study.layout.title")}</h2>
          <p className="muted small">{t("study.layout.help")}</p>
          <RatingLayoutForm layout={data.study.ratingLayout} key={data.study.ratingLayout} />
        </section>
        <section className="panel" id="window">
          <h2>{t("fieldwork.window.title")}</h2>
          <FieldworkWindowForm window={data.window} />
        </section>
      </fieldset>
      <section className="panel" id="preview">
        <h2>{t("study.preview.title")}</h2>
        <p className="muted small">{t("study.preview.help")}</p>
        <ul className="preview-links">
          {(["rating", "focus-group"] as const).map((stage) => (
            <li key={stage}>
              <strong>{t(stage === "rating" ? "study.preview.rating" : "study.preview.focusGroup")}</strong>:{" "}
              {data.study.languages.map((lang, i) => (
                <span key={lang}>
                  {i > 0 ? " · " : null}
                  <Link to={`${base}/preview?stage=${stage}&language=${lang}`} data-testid={`preview-${stage}-${lang}`}>
                    {t("study.preview.open", { language: lang === "zh-CN" ? "中文" : "English" })}
                  </Link>
                </span>
              ))}
            </li>
          ))}
        </ul>
      </section>
      <fieldset className="plain" disabled={readOnly}>
        <PublishPanel publishing={data.publishing} origin={data.origin} publicToken={data.study.publicToken} />
      </fieldset>
    </div>
  );
}
