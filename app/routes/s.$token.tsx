import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { lazy, Suspense, useState } from "react";
import { ClientOnly } from "~/components/ClientOnly";
import { isLocale, translator, type Locale } from "~/i18n";
import { messagesFor } from "~/i18n/messages.server";
import { deviceFor } from "~/lib/fieldwork/device-cookie.server";
import { cameOverHttps } from "~/lib/platform/http.server";
import { getLocale } from "~/lib/platform/locale.server";
import { loadRespondentPage } from "~/lib/fieldwork/respondent.server";
import { parseStageParam, type Stage } from "../../surveys/stage";
import { dbOf } from "~/lib/platform/context.server";

// SurveyJS (~360 KB gz) loads only here, only in the browser (stack.md).
const SurveyRunner = lazy(() => import("~/components/SurveyRunner"));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Valuemap" }];

/**
 * The respondent's page: `/s/:token` (rating stage), `?stage=focus-group` (focus-group stage),
 * `?invite=<token>` (a personal link, resumable on any device). Sets the device cookie.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const url = new URL(request.url);
  const stage: Stage = parseStageParam(url.searchParams.get("stage")) ?? "rating";
  const invite = url.searchParams.get("invite");
  const page = await loadRespondentPage(db, params.token ?? "", stage);
  if (!page) throw new Response("Not found", { status: 404 });
  const preferred = await getLocale(request);
  const languages = page.languages.filter(isLocale);
  const locale: Locale = languages.includes(preferred) ? preferred : (languages[0] ?? "en");
  const device = deviceFor(request.headers.get("Cookie"), cameOverHttps(request));
  return json(
    {
      ...page,
      languages,
      locale,
      token: params.token ?? "",
      stage,
      invite,
      // Only the respondent's messages, in the languages this questionnaire offers (it switches
      // language in place): the page carries nothing of the researchers' screens.
      messages: Object.fromEntries(languages.map((l) => [l, messagesFor(l, ["respondent"])])),
    },
    device.setCookie ? { headers: { "Set-Cookie": device.setCookie } } : undefined,
  );
}

export default function Respondent() {
  const data = useLoaderData<typeof loader>();
  const [locale, setLocale] = useState<Locale>(data.locale);
  const tr = translator(locale, data.messages[locale] ?? {});
  const title = locale === "zh-CN" && data.titleZh ? data.titleZh : data.title;
  // Closed fieldwork is explained by the runner: the server refuses new responses but lets one
  // already started on this device (or personal link) finish (respondent.server.ts).
  const notice = !data.published ? "respondent.notPublished" : null;
  return (
    <div className="respondent" lang={locale}>
      {data.languages.length > 1 ? (
        <div className="lang-switch">
          <button type="button" className="link-button" onClick={() => setLocale(locale === "zh-CN" ? "en" : "zh-CN")}>
            {locale === "zh-CN" ? "English" : "中文"}
          </button>
        </div>
      ) : null}
      {notice ? (
        <section className="panel" data-testid="respondent-notice">
          <h1>{title}</h1>
          <p>{tr(notice)}</p>
        </section>
      ) : (
        <ClientOnly fallback={<p className="panel">{tr("respondent.loading")}</p>}>
          {() => (
            <Suspense fallback={<p className="panel">{tr("respondent.loading")}</p>}>
              <SurveyRunner token={data.token} locale={locale} stage={data.stage} invite={data.invite} messages={data.messages} />
            </Suspense>
          )}
        </ClientOnly>
      )}
    </div>
  );
}
