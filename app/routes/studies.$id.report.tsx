import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ExportPanel } from "~/components/report/ExportPanel";
import { ReportFilters } from "~/components/report/ReportFilters";
import { ReportView } from "~/components/report/ReportView";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { getLocale } from "~/lib/platform/locale.server";
import { parseReportOptionsWithIssues } from "~/lib/report/report-options.server";
import { loadReport } from "~/lib/report/report.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { i18nFor } from "~/i18n/messages.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "viewer");
  const { options, ignored } = parseReportOptionsWithIssues(new URL(request.url).searchParams, study);
  const report = await loadReport(db, study, await getLocale(request), options, ignored);
  return { report, role, today: new Date().toISOString().slice(0, 10), i18n: i18nFor(report.locale, ["report"]) };
}

/** The segment comparison with the report's options (its question: the segment filtered on, else the first). */
function compareHref(report: { study: { id: number }; query: string; options: { segment?: { question: string } } }): string {
  const params = new URLSearchParams(report.query);
  params.delete("segment");
  if (report.options.segment) params.set("question", report.options.segment.question);
  const query = params.toString();
  return `/studies/${report.study.id}/report/segments${query ? `?${query}` : ""}`;
}

export default function Report() {
  const { report, role, today } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>
        {t("report.title")}: {report.study.title}
      </h1>
      <StudyNav studyId={report.study.id} role={role} />
      <ReportView report={report} today={today} filters={<ReportFilters report={report} t={t} compareHref={compareHref(report)} />} scenariosHref={`/studies/${report.study.id}/scenarios?${report.query}`} />
      <ExportPanel report={report} shareHref={role === "viewer" ? undefined : `/studies/${report.study.id}/share`} />
    </>
  );
}
