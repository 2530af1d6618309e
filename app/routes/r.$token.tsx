import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ExportPanel } from "~/components/report/ExportPanel";
import { ReportFilters } from "~/components/report/ReportFilters";
import { ReportView } from "~/components/report/ReportView";
import { i18nFor } from "~/i18n/messages.server";
import { ShareNotFound, sharedPageMeta } from "~/components/ShareNotFound";
import { useT } from "~/components/use-t";
import { getLocale } from "~/lib/platform/locale.server";
import { parseReportOptionsWithIssues } from "~/lib/report/report-options.server";
import { loadReport } from "~/lib/report/report.server";
import { SHARED_PAGE_HEADERS, shareNotFoundMessages, studyOfShareToken } from "~/lib/sharing/share.server";
import { dbOf } from "~/lib/platform/context.server";

/**
 * The read-only report behind a share link, for anyone with the link (no sign-in): the same
 * sections and filters as the researcher's report, no editing or navigation to the study.
 * Unknown and revoked tokens get the same polite 404 (in English and Chinese).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const study = await studyOfShareToken(db, params.token);
  if (!study) {
    const notFound = shareNotFoundMessages();
    return data({ report: null, path: "", today: "", notFound }, { status: 404, headers: SHARED_PAGE_HEADERS });
  }
  const { options, ignored } = parseReportOptionsWithIssues(new URL(request.url).searchParams, study);
  const report = await loadReport(db, study, await getLocale(request), options, ignored);
  return data(
    { report, path: `/r/${params.token}/export`, today: new Date().toISOString().slice(0, 10), notFound: [], i18n: i18nFor(report.locale, ["report"]) },
    { headers: SHARED_PAGE_HEADERS },
  );
}

export const headers: HeadersFunction = () => SHARED_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => sharedPageMeta(data?.report?.study.title);

export default function SharedReport() {
  const { report, path, today, notFound } = useLoaderData<typeof loader>();
  const { t } = useT();
  if (!report) {
    return <ShareNotFound messages={notFound} />;
  }
  return (
    <>
      <h1>{report.study.title}</h1>
      <p className="muted small" data-testid="shared-notice">
        {t("exports.share.sharedNotice")}
      </p>
      <ReportView report={report} shared today={today} filters={<ReportFilters report={report} t={t} />} scenariosHref={`${path.replace(/\/export$/, "")}/scenarios?${report.query}`} />
      <ExportPanel report={report} base={path} raw={false} />
    </>
  );
}
