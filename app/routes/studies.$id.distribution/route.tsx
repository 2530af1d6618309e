import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldError, FormFields, FormStatus, useFormReply, useIntentForm } from "~/components/form-kit";
import { InlineForm } from "~/components/InlineForm";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { loadDistribution } from "~/lib/fieldwork/distribution.server";
import { MAX_INVITATIONS_PER_REQUEST } from "~/lib/fieldwork/invitation-limits";
import { originOf } from "~/lib/fieldwork/links.server";
import { QR_PNG_SIZE } from "~/lib/fieldwork/qr.server";
import { createRespondentInvitations, revokeRespondentInvitation } from "~/lib/fieldwork/respondent-invitations.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { done, refused } from "~/lib/platform/form-reply.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { CreateInvitationsSchema, RevokeInvitationSchema } from "./schema";
import { inLocale } from "~/i18n";

/** The page's forms: creating invitations, and the invitations' one-button revocations. */
const CREATE = "create-invitations";
const INVITATIONS = "invitations";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return {
    ...(await loadDistribution(db, study, originOf(request), Number.isSafeInteger(page) ? page : 1)),
    role,
    max: MAX_INVITATIONS_PER_REQUEST,
    pngSize: QR_PNG_SIZE,
    i18n: await pageI18n(request, ["design", "auth"]),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  // Every bad line of a list is named with its number (the service reads the lines).
  const noLines = { lineErrors: [] };
  switch (form.get("intent")) {
    case "createInvitations": {
      const submission = parseWithZod(form, { schema: CreateInvitationsSchema });
      if (submission.status !== "success") return refused(CREATE, submission, {}, noLines);
      const { lines, csv } = submission.value;
      const result = await createRespondentInvitations(db, study, session.userId, { lines, csv: csv ? await csv.text() : undefined });
      if (!result.ok) return refused(CREATE, submission, {}, { lineErrors: result.errors });
      return done(CREATE, submission, { key: result.notice, params: { n: result.created ?? 0 } }, noLines);
    }
    case "revokeInvitation": {
      const submission = parseWithZod(form, { schema: RevokeInvitationSchema });
      if (submission.status !== "success") return refused(INVITATIONS, submission, {}, noLines);
      const result = await revokeRespondentInvitation(db, study, session.userId, submission.value);
      return result.ok
        ? done(INVITATIONS, submission, { key: result.notice }, noLines)
        : refused(INVITATIONS, submission, { form: result.errors.map((e) => e.error) }, noLines);
    }
    default:
      throw new Response("intent requires createInvitations or revokeInvitation", { status: 400 });
  }
}

/** Pasted lines or a CSV file of label,email; every bad line is listed with its number. */
function CreateInvitationsForm() {
  const { t } = useT();
  const reply = useFormReply(CREATE);
  const result = useActionData<typeof action>();
  const lineErrors = reply && result ? result.lineErrors : [];
  const [form, fields] = useIntentForm(CREATE, CreateInvitationsSchema);
  return (
    <>
      {lineErrors.length ? (
        <ul className="error" role="alert" data-testid="invitation-errors">
          {lineErrors.slice(0, 50).map((e, i) => (
            <li key={i}>{e.line > 0 ? t("fieldwork.invitations.lineError", { line: e.line, error: t(e.error) }) : t(e.error)}</li>
          ))}
          {lineErrors.length > 50 ? <li>{t("fieldwork.invitations.moreErrors", { n: lineErrors.length - 50 })}</li> : null}
        </ul>
      ) : null}
      <FormStatus id={CREATE} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <FormFields id={CREATE} intent="createInvitations" />
        <label htmlFor={fields.lines.id}>{t("fieldwork.invitations.paste")}</label>
        <textarea {...getTextareaProps(fields.lines)} rows={5} placeholder={"label,email\nAcme Ltd,buyer@acme.example"} />
        <FieldError id={fields.lines.errorId} errors={fields.lines.errors} />
        <label htmlFor={fields.csv.id}>{t("fieldwork.invitations.upload")}</label>
        <input {...getInputProps(fields.csv, { type: "file" })} accept=".csv,text/csv,text/plain" />
        <FieldError id={fields.csv.errorId} errors={fields.csv.errors} />
        <p>
          <button type="submit">{t("fieldwork.invitations.create")}</button>
        </p>
      </Form>
    </>
  );
}

export default function Distribution() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const base = `/studies/${data.study.id}`;
  return (
    <>
      <h1>
        {t("fieldwork.distribution.title")}: {inLocale(locale, data.study.title, data.study.titleZh)}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <section className="panel">
        <h2>{t("fieldwork.distribution.links")}</h2>
        {data.stages.map((s) => (
          <div key={s.stage} className="stage-link" data-testid={`link-${s.param}`}>
            <h3>{t(s.stage === "rating" ? "fieldwork.distribution.rating" : "fieldwork.distribution.focusGroup")}</h3>
            {s.published === null ? <p className="muted small">{t("fieldwork.distribution.notPublished")}</p> : null}
            <p>
              <a href={s.link}>{s.link}</a>
            </p>
            <img className="qr-preview" src={`${base}/qr.svg?stage=${s.param}`} width={132} height={132} alt={t("fieldwork.distribution.qrAlt")} />
            <p>
              <a href={`${base}/qr.svg?stage=${s.param}`} download>
                {t("fieldwork.distribution.qrSvg")}
              </a>{" "}
              ·{" "}
              <a href={`${base}/qr.png?stage=${s.param}`} download>
                {t("fieldwork.distribution.qrPng", { size: data.pngSize })}
              </a>
            </p>
          </div>
        ))}
      </section>
      <section className="panel" id="invitations">
        <h2>{t("fieldwork.invitations.title")}</h2>
        <p className="muted small">{t("fieldwork.invitations.help", { max: data.max })}</p>
        <CreateInvitationsForm />
        <FormStatus id={INVITATIONS} all />
        <p data-testid="invitation-counts">
          {t("fieldwork.invitations.counts", {
            total: data.counts.total,
            notStarted: data.counts.not_started,
            inProgress: data.counts.in_progress,
            complete: data.counts.complete,
          })}{" "}
          {data.counts.total > 0 ? (
            <a href={`${base}/invitations.csv`} download>
              {t("fieldwork.invitations.export")}
            </a>
          ) : null}
        </p>
        {data.invitations.length ? (
          <div className="table-scroll">
            <table className="profile" data-testid="invitations">
              <thead>
                <tr>
                  <th scope="col">{t("fieldwork.invitations.label")}</th>
                  <th scope="col">{t("auth.email")}</th>
                  <th scope="col">{t("fieldwork.invitations.status")}</th>
                  <th scope="col">{t("fieldwork.invitations.link")}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {data.invitations.map((i) => (
                  <tr key={i.id}>
                    <td>{i.label}</td>
                    <td>{i.email ?? ""}</td>
                    <td>{t(`fieldwork.invitations.status.${i.status}`)}</td>
                    <td className="small">
                      <code>{i.link}</code>
                    </td>
                    <td>
                      {i.status === "not_started" ? (
                        <InlineForm
                          intent="revokeInvitation"
                          fields={{ invitationId: i.id }}
                          label={t("fieldwork.invitations.revoke")}
                          buttonClassName="link-button"
                          confirm={{ message: <p>{t("fieldwork.invitations.confirmRevoke", { who: i.label || i.email || `#${i.id}` })}</p> }}
                          testId={`revoke-invitation-${i.id}`}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {data.pages > 1 ? (
          <p className="pager">
            {data.page > 1 ? <Link to={`?page=${data.page - 1}#invitations`}>{t("fieldwork.pager.previous")}</Link> : null}{" "}
            {t("fieldwork.pager.page", { page: data.page, pages: data.pages })}{" "}
            {data.page < data.pages ? <Link to={`?page=${data.page + 1}#invitations`}>{t("fieldwork.pager.next")}</Link> : null}
          </p>
        ) : null}
      </section>
    </>
  );
}
