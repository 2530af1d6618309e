import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { StudyNav } from "~/components/StudyNav";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { useT } from "~/components/use-t";
import { formatDate } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { changeMemberRole, inviteMember, loadMembers, removeMemberOf, revokeInvitationOf, transferStudy } from "~/lib/sharing/members.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { usePublicOrigin } from "~/components/use-public-origin";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study } = await requireStudyRole(db, await requireUserId(db, request), params.id, "owner");
  return { ...(await loadMembers(db, study)), i18n: await pageI18n(request, ["members"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "owner");
  switch (form.get("intent")) {
    case "invite":
      return inviteMember(db, study, session.userId, form);
    case "role":
      return changeMemberRole(db, study, session.userId, form);
    case "remove":
      return removeMemberOf(db, study, session.userId, form);
    case "transfer": {
      // The previous owner is an editor now: the members page is no longer theirs.
      const moved = await transferStudy(db, study, session.userId, form);
      return moved.ok ? redirect(`/studies/${study.id}`) : moved;
    }
    case "revoke":
      return revokeInvitationOf(db, study, session.userId, form);
    default:
      throw new Response("intent requires invite, role, remove, transfer or revoke", { status: 400 });
  }
}

export default function Members() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT();
  const origin = usePublicOrigin();
  return (
    <>
      <h1>
        {t("members.title")}: {locale === "zh-CN" && data.study.titleZh ? data.study.titleZh : data.study.title}
      </h1>
      <StudyNav studyId={data.study.id} role="owner" />
      <section className="panel">
        <p className="muted small">{t("members.help")}</p>
        {result && !result.ok ? (
          <p className="error" role="alert">
            {t(result.error)}
          </p>
        ) : null}
        <p>
          {t("members.owner")}: <strong>{data.owner}</strong>
        </p>
        {data.members.length === 0 ? <p className="muted">{t("members.none")}</p> : null}
        <ul className="study-list">
          {data.members.map((m) => (
            <li key={m.userId}>
              <span>
                {m.email} <span className="muted small">{t(`studies.role.${m.role}`)}</span>
              </span>
              <span>
                <Form method="post" className="inline">
                  <CsrfField />
                  <input type="hidden" name="userId" value={m.userId} />
                  <input type="hidden" name="role" value={m.role === "editor" ? "viewer" : "editor"} />
                  <button type="submit" name="intent" value="role" className="link-button">
                    {t("members.changeRole")}: {t(`studies.role.${m.role === "editor" ? "viewer" : "editor"}`)}
                  </button>
                </Form>{" "}
                <Form method="post" className="inline">
                  <CsrfField />
                  <input type="hidden" name="userId" value={m.userId} />
                  <button type="submit" name="intent" value="remove" className="link-button">
                    {t("members.remove")}
                  </button>
                </Form>{" "}
                <Form method="post" className="inline">
                  <CsrfField />
                  <input type="hidden" name="userId" value={m.userId} />
                  <button type="submit" name="intent" value="transfer" className="link-button">
                    {t("members.transfer")}
                  </button>
                </Form>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <h2>{t("members.invite")}</h2>
        <p className="muted small">{t("members.inviteHelp")}</p>
        <Form method="post">
          <CsrfField />
          <label htmlFor="email">{t("auth.email")}</label>
          <input id="email" name="email" type="email" maxLength={254} required />
          <label htmlFor="role">{t("members.role")}</label>
          <select id="role" name="role" defaultValue="viewer">
            <option value="viewer">{t("studies.role.viewer")}</option>
            <option value="editor">{t("studies.role.editor")}</option>
          </select>
          <p>
            <button type="submit" name="intent" value="invite">
              {t("members.createLink")}
            </button>
          </p>
        </Form>
        {result?.ok && result.invitationLink ? (
          <p className="notice" data-testid="invitation-link">
            {t("members.linkCreated")} <code>{origin + result.invitationLink}</code>
          </p>
        ) : null}
        {data.invitations.length ? (
          <>
            <h3>{t("members.pending")}</h3>
            <ul className="study-list">
              {data.invitations.map((i) => (
                <li key={i.id}>
                  <span>
                    {i.email} <span className="muted small">{t(`studies.role.${i.role}`)} · {formatDate(locale, i.expiresAt)}</span>
                  </span>
                  <Form method="post" className="inline">
                    <CsrfField />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" name="intent" value="revoke" className="link-button">
                      {t("members.revoke")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section className="panel">
        <h2>{t("audit.title")}</h2>
        {data.events.length === 0 ? <p className="muted">{t("audit.empty")}</p> : null}
        <div className="table-scroll">
          <table className="profile" data-testid="audit-log">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(locale, e.at)}</td>
                  <td>{e.actor}</td>
                  <td>
                    {e.label ? t(e.label) : e.action}
                    {e.detail ? `: ${e.detail}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
