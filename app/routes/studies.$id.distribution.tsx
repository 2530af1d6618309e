import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { StudyNav } from "~/components/StudyNav";
import { useT } from "~/components/use-t";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { createInvitationsFrom, loadDistribution, MAX_INVITATIONS_PER_REQUEST, originOf, QR_PNG_SIZE, revokeInvitationOf } from "~/lib/fieldwork/distribution.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study, role } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return { ...(await loadDistribution(db, study, originOf(request), Number.isSafeInteger(page) ? page : 1)), role, max: MAX_INVITATIONS_PER_REQUEST, pngSize: QR_PNG_SIZE, i18n: await pageI18n(request, ["design"]) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  switch (form.get("intent")) {
    case "createInvitations":
      return createInvitationsFrom(db, study, session.userId, form);
    case "revokeInvitation":
      return revokeInvitationOf(db, study, session.userId, form);
    default:
      throw new Response("intent requires createInvitations or revokeInvitation", { status: 400 });
  }
}

export default function Distribution() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT();
  const base = `/studies/${data.study.id}`;
  return (
    <>
      <h1>
        {t("fieldwork.distribution.title")}: {locale === "zh-CN" && data.study.titleZh ? data.study.titleZh : data.study.title}
      </h1>
      <StudyNav studyId={data.study.id} role={data.role} />
      <section className="panel">
        <h2>{t("fieldwork.distribution.links")}</h2>
        {data.stages.map((s) => (
          <div key={s.stage} className="stage-link" data-testid={`link-${s.stage}`}>
            <h3>{t(s.stage === "rating" ? "fieldwork.distribution.rating" : "fieldwork.distribution.focusGroup")}</h3>
            {s.published === null ? <p className="muted small">{t("fieldwork.distribution.notPublished")}</p> : null}
            <p>
              <a href={s.link}>{s.link}</a>
            </p>
            <img className="qr-preview" src={`${base}/qr.svg?stage=${s.stage}`} width={132} height={132} alt={t("fieldwork.distribution.qrAlt")} />
            <p>
              <a href={`${base}/qr.svg?stage=${s.stage}`} download>
                {t("fieldwork.distribution.qrSvg")}
              </a>{" "}
              ·{" "}
              <a href={`${base}/qr.png?stage=${s.stage}`} download>
                {t("fieldwork.distribution.qrPng", { size: data.pngSize })}
              </a>
            </p>
          </div>
        ))}
      </section>
      <section className="panel" id="invitations">
        <h2>{t("fieldwork.invitations.title")}</h2>
        <p className="muted small">{t("fieldwork.invitations.help", { max: data.max })}</p>
        {result && !result.ok ? (
          <ul className="error" role="alert" data-testid="invitation-errors">
            {result.errors.slice(0, 50).map((e, i) => (
              <li key={i}>{e.line > 0 ? t("fieldwork.invitations.lineError", { line: e.line, error: t(e.error) }) : t(e.error)}</li>
            ))}
            {result.errors.length > 50 ? <li>{t("fieldwork.invitations.moreErrors", { n: result.errors.length - 50 })}</li> : null}
          </ul>
        ) : null}
        {result?.ok ? <p className="notice">{t(result.notice, { n: result.created ?? 0 })}</p> : null}
        <Form method="post" encType="multipart/form-data">
          <CsrfField />
          <label htmlFor="lines">{t("fieldwork.invitations.paste")}</label>
          <textarea id="lines" name="lines" rows={5} placeholder={"label,email\nAcme Ltd,buyer@acme.example"} />
          <label htmlFor="csv">{t("fieldwork.invitations.upload")}</label>
          <input id="csv" type="file" name="csv" accept=".csv,text/csv,text/plain" />
          <p>
            <button type="submit" name="intent" value="createInvitations">
              {t("fieldwork.invitations.create")}
            </button>
          </p>
        </Form>
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
                        <Form method="post" className="inline">
                          <CsrfField />
                          <input type="hidden" name="invitationId" value={i.id} />
                          <button type="submit" name="intent" value="revokeInvitation" className="link-button">
                            {t("fieldwork.invitations.revoke")}
                          </button>
                        </Form>
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
