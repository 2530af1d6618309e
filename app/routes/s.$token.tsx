import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { isLocale, translator, type Locale } from "~/i18n";
import { messagesFor } from "~/i18n/messages.server";
import { pageProofFor } from "~/lib/fieldwork/respondent-api.server";
import { respondentAssets } from "~/lib/fieldwork/respondent-assets.server";
import { cameOverHttps } from "~/lib/platform/http.server";
import { getLocale } from "~/lib/platform/locale.server";
import { loadRespondentPage } from "~/lib/fieldwork/respondent-page.server";
import { parseStageParam, type Stage } from "../../surveys/stage";
import { dbOf } from "~/lib/platform/context.server";
import { useNonce } from "~/components/nonce";
import { FirstPageForm } from "~/respondent/FirstPageForm";
import { firstPageOf, pageCount, pageOffersOf, textIn, type FirstPageQuestion, type RespondentPageData } from "~/respondent/page-data";
import { RespondentChrome } from "~/respondent/RespondentChrome";
import respondentStyles from "~/styles/respondent.css?url";

/** The page carries this device's proof: never stored by a shared cache. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Valuemap" }];

/**
 * The page loads no Remix runtime and none of the researchers' styles (root.tsx reads this): only
 * its stylesheet and its own scripts (vite.respondent.config.ts).
 */
export const handle = { bare: true, styles: [respondentStyles] };

/**
 * The respondent's page: `/s/:token` (rating stage), `?stage=focus-group` (focus-group stage),
 * `?invite=<token>` (a personal link, resumable on any device), `?lang=zh-CN|en` (the language,
 * else the visitor's if the questionnaire offers it). Sets the device cookie and hands the page its
 * proof (app/lib/fieldwork/page-proof.server.ts). The first page is
 * rendered here as a plain form whose answers a tiny script saves through the respondent API;
 * the questionnaire library takes over from the second page (app/respondent/first-page.ts).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const url = new URL(request.url);
  const stage: Stage = parseStageParam(url.searchParams.get("stage")) ?? "rating";
  const invite = url.searchParams.get("invite");
  const token = params.token ?? "";
  const page = await loadRespondentPage(db, token, stage);
  if (!page) throw new Response("Not found", { status: 404 });
  const asked = url.searchParams.get("lang");
  const preferred = isLocale(asked) ? asked : await getLocale(request);
  const languages = page.languages.filter(isLocale);
  const locale: Locale = languages.includes(preferred) ? preferred : (languages[0] ?? "en");
  // The page proof (start, screen and complete require it) for this device, whose cookie is set
  // here when the browser has none; per device, so the page is never stored by a shared cache.
  const { proof, setCookie } = pageProofFor(token, request.headers.get("Cookie"), cameOverHttps(request));
  const assets = page.published ? respondentAssets() : null;
  const survey = page.survey as { title?: unknown; description?: unknown; pages?: [] } | null;
  const byLanguage = (pick: (l: Locale) => string) => Object.fromEntries(languages.map((l) => [l, pick(l)]));
  const data: RespondentPageData = {
    token,
    stage,
    invite,
    proof,
    locale,
    languages,
    // Only the respondent's messages, in the languages this questionnaire offers (it switches
    // language in place): the page carries nothing of the researchers' screens.
    messages: Object.fromEntries(languages.map((l) => [l, messagesFor(l, ["respondent"])])),
    titles: byLanguage((l) => (survey ? textIn(survey.title as never, l) : "") || (l === "zh-CN" && page.titleZh ? page.titleZh : page.title)),
    descriptions: byLanguage((l) => (survey ? textIn(survey.description as never, l) : "")),
    pageOffers: survey ? pageOffersOf(survey) : [],
    firstPage: survey ? firstPageOf(survey, locale) : null,
    app: assets?.app ?? "",
    surveyStyles: assets?.surveyStyles ?? "",
  };
  const other = languages.find((l) => l !== locale);
  const switched = new URL(url);
  if (other) switched.searchParams.set("lang", other);
  return json(
    {
      data,
      title: data.titles[locale] ?? page.title,
      published: page.published,
      languageHref: `${switched.pathname}${switched.search}`,
      script: assets?.script ?? null,
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

/**
 * The page's data for its scripts: JSON that never runs (`<` escaped so no text can close the
 * block), without what only the server renders or sends (the first page's texts, the study's names, three messages, the refusals' texts): the
 * respondent page weighs at most 1.02 times a bare SurveyJS page (bench:respondent-page).
 */
function jsonBlock(data: RespondentPageData): string {
  const serverOnly = new Set(["respondent.needsJavaScript", "respondent.next", "respondent.notPublished"]);
  // A refusal's answer carries its own message in the page's language (respondent-refusal.server.ts).
  const refusals = "respondent.refused.";
  const forScripts: RespondentPageData = {
    ...data,
    messages: Object.fromEntries(
      Object.entries(data.messages).map(([l, m]) => [l, Object.fromEntries(Object.entries(m ?? {}).filter(([k]) => !serverOnly.has(k) && !k.startsWith(refusals)))]),
    ),
    // The app takes the study's title and market from the questionnaire it starts.
    titles: {},
    descriptions: {},
    firstPage: data.firstPage && {
      title: null,
      questions: data.firstPage.questions.map(({ type, name, required }) => ({ type, name, required }) as FirstPageQuestion),
    },
  };
  return JSON.stringify(forScripts).replace(/</g, "\\u003c");
}

export default function Respondent() {
  const { data, title, published, languageHref, script } = useLoaderData<typeof loader>();
  // Not needed by the CSP (a data block never runs; the script is 'self'), carried so every script tag has it.
  const nonce = useNonce();
  const locale = data.locale as Locale;
  const t = translator(locale, data.messages[locale] ?? {});
  return (
    <>
      <div className="respondent" id="respondent" lang={locale} data-page-proof={data.proof}>
        <RespondentChrome
          t={t}
          locale={locale}
          languages={data.languages as Locale[]}
          progress={published ? { page: 1, pages: pageCount(data.pageOffers, []) } : null}
          save="idle"
          saveText=""
          title={title}
          description={data.descriptions[locale] ?? ""}
          collapsed={false}
          languageHref={languageHref}
        />
        {!published ? (
          <p className="panel" data-testid="respondent-notice">
            {t("respondent.notPublished")}
          </p>
        ) : data.firstPage ? (
          <FirstPageForm page={data.firstPage} t={t} />
        ) : (
          <p className="panel">{t("respondent.loading")}</p>
        )}
        {published ? (
          <noscript>
            <p className="panel">{t("respondent.needsJavaScript")}</p>
          </noscript>
        ) : null}
      </div>
      {script ? (
        <>
          <script type="application/json" id="respondent-data" nonce={nonce} dangerouslySetInnerHTML={{ __html: jsonBlock(data as RespondentPageData) }} />
          <script type="module" src={script} nonce={nonce} />
        </>
      ) : null}
    </>
  );
}
