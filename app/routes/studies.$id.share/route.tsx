import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SharePanel, SHARE_FORM_ID } from "~/components/report/SharePanel";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { createShareLink, revokeShareLinkOf, shareLinksOf } from "~/lib/sharing/share.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { answer, done, refused } from "~/lib/platform/form-reply.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { CreateShareLinkSchema, RevokeShareLinkSchema } from "./schema";
import { inLocale } from "~/i18n";

/** Read-only share links of the report: owners and editors create, list and revoke them. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  return { study: { id: study.id, title: study.title, titleZh: study.titleZh }, role, links: await shareLinksOf(db, study), i18n: await pageI18n(request, ["report", "members"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  switch (form.get("intent")) {
    case "create": {
      const submission = parseWithZod(form, { schema: CreateShareLinkSchema });
      if (submission.status !== "success") return refused(SHARE_FORM_ID, submission, {}, { created: null });
      return done(SHARE_FORM_ID, submission, null, { created: (await createShareLink(db, study, session.userId, Date.now(), submission.value.label ?? null)).path });
    }
    case "revoke": {
      const submission = parseWithZod(form, { schema: RevokeShareLinkSchema });
      if (submission.status !== "success") return refused(SHARE_FORM_ID, submission, {}, { created: null });
      const revoked = await revokeShareLinkOf(db, study, session.userId, submission.value);
      return answer(SHARE_FORM_ID, submission, revoked, { key: "exports.share.revoked" }, { created: null });
    }
    default:
      throw new Response("intent requires create or revoke", { status: 400 });
  }
}

export default function Share() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <>
      <h1>
        {t("exports.share.title")}: {inLocale(locale, data.study.title, data.study.titleZh)}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <SharePanel links={data.links} createdPath={result?.created ?? null} />
    </>
  );
}
