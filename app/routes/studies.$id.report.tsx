import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ExportPanel } from "~/components/report/ExportPanel";
import { ReportFilters } from "~/components/report/ReportFilters";
import { ReportView } from "~/components/report/ReportView";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { getLocale } from "~/lib/locale.server";
import { parseReportOptionsWithIssues } from "~/lib/report-options.server";
import { loadReport } from "~/lib/report.server";
import { requireUserId } from "~/lib/session.server";
import { requireStudyRole } from "~/lib/studies.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { study, role } = await requireStudyRole(await requireUserId(request), params.id, "viewer");
  const { options, ignored } = parseReportOptionsWithIssues(new URL(request.url).searchParams, study);
  return { report: await loadReport(study, await getLocale(request), options, ignored), role, today: new Date().toISOString().slice(0, 10) };
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
      <ReportView report={report} today={today} filters={<ReportFilters report={report} t={t} />} />
      <ExportPanel report={report} shareHref={role === "viewer" ? undefined : `/studies/${report.study.id}/share`} />
    </>
  );
}
