import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FieldError, FormFields, FormStatus, useIntentForm } from "~/components/form-kit";
import { InlineForm } from "~/components/InlineForm";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { formatDate, inLocale } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { changeMemberRole, inviteMember, loadMembers, removeMemberOf, revokeMemberInvitation, transferStudy } from "~/lib/sharing/members.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { usePublicOrigin } from "~/components/use-public-origin";
import { dbOf } from "~/lib/platform/context.server";
import { answer, refused } from "~/lib/platform/form-reply.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { InviteSchema, RemoveSchema, RevokeSchema, RoleSchema, TransferSchema } from "./schema";

/** The page's forms: the invitation form, the members' one-button forms, the open invitations' ones. */
const INVITE = "invite";
const MEMBERS = "members";
const INVITATIONS = "invitations";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study } = await requireStudyRole(db, await requireUserId(db, request), params.id, "owner");
  return { ...(await loadMembers(db, study)), i18n: await pageI18n(request, ["members", "auth"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "owner");
  // The link of a new invitation is shown once, under the form (the other answers carry none).
  const noLink = { invitationLink: null };
  const saved = { key: "members.saved" } as const;
  switch (form.get("intent")) {
    case "invite": {
      const submission = parseWithZod(form, { schema: InviteSchema });
      if (submission.status !== "success") return refused(INVITE, submission, {}, noLink);
      const result = await inviteMember(db, study, session.userId, submission.value);
      return answer(INVITE, submission, result, null, { invitationLink: result.ok ? (result.invitationLink ?? null) : null });
    }
    case "role": {
      const submission = parseWithZod(form, { schema: RoleSchema });
      if (submission.status !== "success") return refused(MEMBERS, submission, {}, noLink);
      return answer(MEMBERS, submission, await changeMemberRole(db, study, session.userId, submission.value), saved, noLink);
    }
    case "remove": {
      const submission = parseWithZod(form, { schema: RemoveSchema });
      if (submission.status !== "success") return refused(MEMBERS, submission, {}, noLink);
      return answer(MEMBERS, submission, await removeMemberOf(db, study, session.userId, submission.value), saved, noLink);
    }
    case "transfer": {
      const submission = parseWithZod(form, { schema: TransferSchema });
      if (submission.status !== "success") return refused(MEMBERS, submission, {}, noLink);
      const moved = await transferStudy(db, study, session.userId, submission.value);
      // The previous owner is an editor now: the members page is no longer theirs.
      return moved.ok ? redirect(`/studies/${study.id}`) : answer(MEMBERS, submission, moved, null, noLink);
    }
    case "revoke": {
      const submission = parseWithZod(form, { schema: RevokeSchema });
      if (submission.status !== "success") return refused(INVITATIONS, submission, {}, noLink);
      return answer(INVITATIONS, submission, await revokeMemberInvitation(db, study, session.userId, submission.value), saved, noLink);
    }
    default:
      throw new Response("intent requires invite, role, remove, transfer or revoke", { status: 400 });
  }
}

function InviteForm() {
  const { t } = useT();
  const [form, fields] = useIntentForm(INVITE, InviteSchema, { role: "viewer" });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormFields id={INVITE} intent="invite" />
      <label htmlFor={fields.email.id}>{t("auth.email")}</label>
      <input {...getInputProps(fields.email, { type: "email" })} />
      <FieldError id={fields.email.errorId} errors={fields.email.errors} />
      <label htmlFor={fields.role.id}>{t("members.role")}</label>
      <select {...getSelectProps(fields.role)}>
        <option value="viewer">{t("studies.role.viewer")}</option>
        <option value="editor">{t("studies.role.editor")}</option>
      </select>
      <FieldError id={fields.role.errorId} errors={fields.role.errors} />
      <FormStatus id={INVITE} />
      <p>
        <button type="submit">{t("members.createLink")}</button>
      </p>
    </Form>
  );
}

export default function Members() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const invitationLink = result && "invitationLink" in result ? result.invitationLink : null;
  const { t, locale } = useT();
  const origin = usePublicOrigin();
  return (
    <>
      <h1>
        {t("members.title")}: {inLocale(locale, data.study.title, data.study.titleZh)}
      </h1>
      <StudyNav studyId={data.study.id} role="owner" />
      <section className="panel">
        <p className="muted small">{t("members.help")}</p>
        <FormStatus id={MEMBERS} all />
        <p>
          {t("members.owner")}: <strong>{data.owner}</strong>
        </p>
        {data.members.length === 0 ? <p className="muted">{t("members.none")}</p> : null}
        <ul className="study-list">
          {data.members.map((m) => {
            const other = m.role === "editor" ? "viewer" : "editor";
            return (
              <li key={m.userId}>
                <span>
                  {m.email} <span className="muted small">{t(`studies.role.${m.role}`)}</span>
                </span>
                <span>
                  <InlineForm
                    intent="role"
                    fields={{ userId: m.userId, role: other }}
                    label={`${t("members.changeRole")}: ${t(`studies.role.${other}`)}`}
                    buttonClassName="link-button"
                  />{" "}
                  <InlineForm
                    intent="remove"
                    fields={{ userId: m.userId }}
                    label={t("members.remove")}
                    buttonClassName="link-button"
                    confirm={{ message: <p>{t("members.confirmRemove", { email: m.email })}</p> }}
                    testId={`remove-${m.userId}`}
                  />{" "}
                  <InlineForm
                    intent="transfer"
                    fields={{ userId: m.userId }}
                    label={t("members.transfer")}
                    buttonClassName="link-button"
                    confirm={{ message: <p>{t("members.confirmTransfer", { email: m.email })}</p> }}
                    testId={`transfer-${m.userId}`}
                  />
                </span>
              </li>
            );
          })}
        </ul>
      </section>
      <section className="panel">
        <h2>{t("members.invite")}</h2>
        <p className="muted small">{t("members.inviteHelp")}</p>
        <InviteForm />
        {invitationLink ? (
          <p className="notice" data-testid="invitation-link">
            {t("members.linkCreated")} <code>{origin + invitationLink}</code>
          </p>
        ) : null}
        <FormStatus id={INVITATIONS} all />
        {data.invitations.length ? (
          <>
            <h3>{t("members.pending")}</h3>
            <ul className="study-list">
              {data.invitations.map((i) => (
                <li key={i.id}>
                  <span>
                    {i.email} <span className="muted small">{t(`studies.role.${i.role}`)} · {formatDate(locale, i.expiresAt)}</span>
                  </span>
                  <InlineForm
                    intent="revoke"
                    fields={{ invitationId: i.id }}
                    label={t("members.revoke")}
                    buttonClassName="link-button"
                    confirm={{ message: <p>{t("members.confirmRevoke", { email: i.email })}</p> }}
                    testId={`revoke-${i.id}`}
                  />
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
