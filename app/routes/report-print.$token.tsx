import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReportView } from "~/components/report/ReportView";
import { studyOfPrintToken } from "~/lib/exports/export-pdf.server";
import { parseReportOptionsWithIssues } from "~/lib/report/report-options.server";
import { loadReport } from "~/lib/report/report.server";
import { SHARED_PAGE_HEADERS } from "~/lib/sharing/share.server";
import { dbOf } from "~/lib/platform/context.server";
import { i18nFor } from "~/i18n/messages.server";

/**
 * The page the server's Chromium prints for the PDF download: the report, read-only, behind a
 * token that this server process signed a minute ago (app/lib/exports/export-pdf.server.ts). Anything
 * else gets a plain 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const found = await studyOfPrintToken(db, params.token);
  if (!found) throw new Response("Not found", { status: 404, headers: SHARED_PAGE_HEADERS });
  const { options, ignored } = parseReportOptionsWithIssues(new URL(request.url).searchParams, found.study);
  const report = await loadReport(db, found.study, found.locale, options, ignored);
  return data({ report, today: new Date().toISOString().slice(0, 10), i18n: i18nFor(found.locale, ["report"]) }, { headers: SHARED_PAGE_HEADERS });
}

export const headers: HeadersFunction = () => SHARED_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.report ? `${data.report.study.title} · Valuemap` : "Valuemap" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function PrintedReport() {
  const { report, today } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{report.study.title}</h1>
      <ReportView report={report} shared today={today} />
    </>
  );
}
