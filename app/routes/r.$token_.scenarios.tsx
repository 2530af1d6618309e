import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScenarioPageView } from "~/components/scenarios/ScenarioPageView";
import { useT } from "~/components/use-t";
import { i18nFor } from "~/i18n/messages.server";
import { ShareNotFound, sharedPageMeta } from "~/components/ShareNotFound";
import { dbOf } from "~/lib/platform/context.server";
import { getLocale } from "~/lib/platform/locale.server";
import { loadScenarioPage, parseScenarioPageQuery } from "~/lib/report/scenario-page.server";
import { SHARED_PAGE_HEADERS, shareNotFoundMessages, studyOfShareToken } from "~/lib/sharing/share.server";
import scenarioStyles from "~/styles/scenarios.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: scenarioStyles }];

/**
 * The study's scenarios behind a share link, read-only (no sign-in): the saved scenarios side by
 * side, the fair price, shares of preference, value leads share and the downloads; no editing.
 * Unknown and revoked tokens get the same polite 404 as the shared report.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const study = await studyOfShareToken(db, params.token);
  if (!study) {
    const notFound = shareNotFoundMessages();
    return data({ page: null, token: "", notFound }, { status: 404, headers: SHARED_PAGE_HEADERS });
  }
  const locale = await getLocale(request);
  const page = await loadScenarioPage(db, study, locale, parseScenarioPageQuery(new URL(request.url).searchParams, study));
  return data({ page, token: params.token ?? "", notFound: [], i18n: i18nFor(locale, ["scenarios", "report"]) }, { headers: SHARED_PAGE_HEADERS });
}

export const headers: HeadersFunction = () => SHARED_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => sharedPageMeta(data?.page?.study.title);

export default function SharedScenarios() {
  const { page, token, notFound } = useLoaderData<typeof loader>();
  const { t } = useT();
  if (!page) {
    return <ShareNotFound messages={notFound} />;
  }
  return (
    <>
      <h1>
        {t("scenarios.title")}: {page.study.title}
      </h1>
      <p className="muted small" data-testid="shared-notice">
        {t("exports.share.sharedNotice")} <Link to={`/r/${token}`}>{t("report.title")}</Link>
      </p>
      <ScenarioPageView page={page} exportBase={`/r/${token}/scenarios/export`} />
    </>
  );
}
