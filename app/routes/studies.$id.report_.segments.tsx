import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SegmentComparison } from "~/components/report/SegmentComparison";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { getLocale } from "~/lib/platform/locale.server";
import { parseReportOptionsWithIssues } from "~/lib/report/report-options.server";
import { loadSegmentComparison } from "~/lib/report/segment-comparison.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { i18nFor } from "~/i18n/messages.server";

/** Segment comparison (issue 19): `?question=<code>&value=<a>&value=<b>` plus the report's options. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "viewer");
  const search = new URL(request.url).searchParams;
  const { options, ignored } = parseReportOptionsWithIssues(search, study);
  const question = search.get("question");
  const view = await loadSegmentComparison(db, study, await getLocale(request), options, ignored, {
    question: question && question.length <= 64 ? question : null,
    values: search.getAll("value").filter((v) => v.length > 0 && v.length <= 200),
  });
  return { view, role, i18n: i18nFor(view.report.locale, ["report"]) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.view.report.study.title} · Valuemap` : "Valuemap" }];

export default function SegmentComparisonPage() {
  const { view, role } = useLoaderData<typeof loader>();
  const { t } = useT();
  const report = view.report;
  return (
    <>
      <h1>
        {t("report.segments.title")}: {report.study.title}
      </h1>
      <StudyNav studyId={report.study.id} role={role} />
      <SegmentComparison view={view} t={t} reportHref={`/studies/${report.study.id}/report${report.query ? `?${report.query}` : ""}`} />
    </>
  );
}
