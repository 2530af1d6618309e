import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { InlineForm } from "~/components/InlineForm";
import { useT } from "~/components/use-t";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { acceptInvitationFor, loadInvitation } from "~/lib/sharing/members.server";
import { requireUserId } from "~/lib/auth/session.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

/** An invitation link: a signed-in researcher sees the study and role and joins with one click. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { invitation, study, forOther } = await loadInvitation(db, params.token ?? "", await requireUserId(db, request));
  return { title: study.title, role: invitation.role, forOther, i18n: await pageI18n(request, ["auth", "members"]) };
}

/** Joins the study (the page's one button; no other field). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session } = await requireResearcherForm(db, request);
  const result = await acceptInvitationFor(db, params.token ?? "", session.userId);
  return result.ok ? redirect(`/studies/${result.studyId}/report`) : result;
}

export default function Invitation() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="panel">
      <h1>{t("invitation.title")}</h1>
      <p>{t("invitation.text", { title: data.title, role: t(`studies.role.${data.role}`) })}</p>
      {data.forOther || result ? (
        <p className="error" role="alert">
          {t("members.error.otherEmail")}
        </p>
      ) : (
        <InlineForm intent="accept" label={t("invitation.accept")} />
      )}
    </section>
  );
}
