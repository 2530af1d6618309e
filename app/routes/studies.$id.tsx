import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useActionData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { StudyNav } from "~/components/StudyNav";
import { ErrorBoundary as RootErrorBoundary } from "~/root";
import { useT } from "~/components/use-t";
import type { FormReply } from "~/components/form-kit";
import { designAction } from "./studies.$id._index/design-action.server";
import { serverTranslator } from "~/i18n/messages.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { loadStudySteps } from "~/lib/design/study-steps.server";
import { dbOf } from "~/lib/platform/context.server";
import { getLocale } from "~/lib/platform/locale.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { inLocale } from "~/i18n";

/**
 * Every study page sits under this one: it knows the member's role and the guided path (the steps
 * StudyNav shows, worded here in the visitor's language), and it turns a refusal for a member whose
 * role is too low into a "view-only access" page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "viewer");
  const locale = await getLocale(request);
  const t = serverTranslator(locale);
  const steps = (await loadStudySteps(db, study)).map((s) => ({
    id: s.id,
    state: s.state,
    label: t(`studyNav.step.${s.id}`),
    stateLabel: t(`studyNav.step.state.${s.state}`),
    status: t(s.status.key, s.status.params),
    next: s.next ? { label: t(s.next.key), href: s.next.href } : null,
  }));
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh },
    role,
    steps,
    i18n: await pageI18n(request, ["studies"]),
  };
}

/**
 * A POST to /studies/:id without `?index` (scripts, HTTP clients; browsers add it) lands here:
 * it is the design page's action, and its answer reaches the page through the outlet context.
 */
export function action(args: ActionFunctionArgs): Promise<FormReply> {
  return designAction(args);
}

export default function StudyLayout() {
  const reply = useActionData<typeof action>();
  return <Outlet context={reply} />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("routes/studies.$id");
  const { t, locale } = useT();
  // A viewer refused an editor's page (not a refused form token, which is 403 for anyone).
  if (isRouteErrorResponse(error) && error.status === 403 && data?.role === "viewer") {
    return (
      <>
        <h1>{inLocale(locale, data.study.title, data.study.titleZh)}</h1>
        <StudyNav studyId={data.study.id} role={data.role} />
        <section className="panel" data-testid="view-only">
          <h2>{t("studyNav.viewOnlyTitle")}</h2>
          <p>{t("studyNav.viewOnlyPage")}</p>
          <p>
            <Link to={`/studies/${data.study.id}`}>{t("studyNav.design")}</Link> · <Link to={`/studies/${data.study.id}/report`}>{t("studyNav.report")}</Link>
          </p>
        </section>
      </>
    );
  }
  // Anything else reads as it does everywhere (not found, a refusal with its reason, or an error).
  return <RootErrorBoundary />;
}
