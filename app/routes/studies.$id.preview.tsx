import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { lazy, Suspense, useCallback, useState } from "react";
import { ClientOnly } from "~/components/ClientOnly";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { isLocale, type Locale } from "~/i18n";
import { requireUserId } from "~/lib/auth/session.server";
import { loadPreview } from "~/lib/design/preview.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

// SurveyJS loads only here and on the respondent page, only in the browser (stack.md).
const SurveyPreview = lazy(() => import("~/components/SurveyPreview"));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Valuemap` : "Valuemap" }];

/**
 * `/studies/:id/preview?stage=rating|focus-group&language=en|zh-CN&frame=phone|full`: a stage's
 * questionnaire built from the design as it is now, run in the browser and stored nowhere.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "viewer");
  const url = new URL(request.url);
  const stage = url.searchParams.get("stage") === "focus-group" ? "focus-group" : "rating";
  const preview = await loadPreview(db, study, stage === "rating" ? "rating" : "focus_group", `preview-${Date.now()}`);
  const languages = preview.languages.filter(isLocale);
  const asked = url.searchParams.get("language");
  const lang: Locale = isLocale(asked) && languages.includes(asked) ? asked : (languages[0] ?? "en");
  return {
    study: { id: study.id },
    title: lang === "zh-CN" && study.titleZh ? study.titleZh : study.title,
    role,
    stage,
    lang,
    languages,
    frame: url.searchParams.get("frame") === "full" ? ("full" as const) : ("phone" as const),
    survey: preview.survey,
    issues: preview.issues,
    i18n: await pageI18n(request, ["design"]),
  };
}

export default function Preview() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  const [run, setRun] = useState(0);
  const [done, setDone] = useState(false);
  const onComplete = useCallback(() => setDone(true), []);
  const base = `/studies/${data.study.id}/preview`;
  const href = (change: Partial<{ stage: string; language: string; frame: string }>) => {
    const q = new URLSearchParams({ stage: data.stage, language: data.lang, frame: data.frame, ...change });
    return `${base}?${q.toString()}`;
  };
  return (
    <>
      <h1>
        {t("study.preview.title")}: {data.title}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <p className="preview-banner" role="note" data-testid="preview-banner">
        {t("study.preview.banner")}
      </p>
      <nav className="preview-controls" aria-label={t("study.preview.title")}>
        <span>
          {(["rating", "focus-group"] as const).map((stage) => (
            <Link key={stage} to={href({ stage })} aria-current={data.stage === stage ? "page" : undefined} className={data.stage === stage ? "current" : undefined}>
              {t(stage === "rating" ? "study.preview.rating" : "study.preview.focusGroup")}
            </Link>
          ))}
        </span>
        <span>
          {data.languages.map((lang) => (
            <Link key={lang} to={href({ language: lang })} aria-current={data.lang === lang ? "page" : undefined} className={data.lang === lang ? "current" : undefined} lang={lang}>
              {lang === "zh-CN" ? "中文" : "English"}
            </Link>
          ))}
        </span>
        <span>
          {(["phone", "full"] as const).map((frame) => (
            <Link key={frame} to={href({ frame })} aria-current={data.frame === frame ? "page" : undefined} className={data.frame === frame ? "current" : undefined}>
              {t(frame === "phone" ? "study.preview.phone" : "study.preview.full")}
            </Link>
          ))}
        </span>
        <Link to={`/studies/${data.study.id}#preview`}>{t("study.preview.back")}</Link>
      </nav>
      {data.survey === null ? (
        <section className="panel" data-testid="preview-issues">
          <p>{t("study.preview.cannot")}</p>
          <ul className="issues">
            {data.issues.map((code) => (
              <li key={code}>{t(code)}</li>
            ))}
          </ul>
        </section>
      ) : (
        <div className={data.frame === "phone" ? "preview-frame phone" : "preview-frame full"} data-testid="preview-frame" data-frame={data.frame}>
          {done ? (
            <p className="notice preview-done" role="status" data-testid="preview-done">
              {t("study.preview.done")}{" "}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setDone(false);
                  setRun((n) => n + 1);
                }}
              >
                {t("study.preview.again")}
              </button>
            </p>
          ) : null}
          <div className="respondent" lang={data.lang}>
            <ClientOnly fallback={<p className="panel">{t("study.preview.loading")}</p>}>
              {() => (
                <Suspense fallback={<p className="panel">{t("study.preview.loading")}</p>}>
                  <SurveyPreview key={`${data.stage}-${data.lang}-${run}`} survey={data.survey} locale={data.lang} onComplete={onComplete} />
                </Suspense>
              )}
            </ClientOnly>
          </div>
        </div>
      )}
    </>
  );
}
