import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { lazy, Suspense, useState } from "react";
import { ClientOnly } from "~/components/ClientOnly";
import { useT } from "~/components/use-t";
import { isLocale, translate, type Locale } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { loadRespondentPage } from "~/lib/respondent.server";

// SurveyJS (~360 KB gz) loads only here, only in the browser (stack.md).
const SurveyRunner = lazy(() => import("~/components/SurveyRunner"));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Valuemap" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = loadRespondentPage(params.token ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  const preferred = await getLocale(request);
  const languages = page.languages.filter(isLocale);
  const locale: Locale = languages.includes(preferred) ? preferred : (languages[0] ?? "en");
  return { ...page, languages, locale, token: params.token ?? "" };
}

export default function Respondent() {
  const data = useLoaderData<typeof loader>();
  const [locale, setLocale] = useState<Locale>(data.locale);
  const { t } = useT();
  const tr = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  if (!data.published) {
    return (
      <section className="panel respondent">
        <h1>{locale === "zh-CN" && data.titleZh ? data.titleZh : data.title}</h1>
        <p>{t("respondent.notPublished")}</p>
      </section>
    );
  }
  return (
    <div className="respondent" lang={locale}>
      {data.languages.length > 1 ? (
        <div className="lang-switch">
          <button type="button" className="link-button" onClick={() => setLocale(locale === "zh-CN" ? "en" : "zh-CN")}>
            {locale === "zh-CN" ? "English" : "中文"}
          </button>
        </div>
      ) : null}
      <ClientOnly fallback={<p className="panel">{tr("respondent.loading")}</p>}>
        {() => (
          <Suspense fallback={<p className="panel">{tr("respondent.loading")}</p>}>
            <SurveyRunner token={data.token} locale={locale} />
          </Suspense>
        )}
      </ClientOnly>
    </div>
  );
}
