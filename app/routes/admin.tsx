import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/CsrfField";
import { SecurityEvents } from "~/components/SecurityEvents";
import { useT } from "~/components/use-t";
import { formatDate } from "~/i18n";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { adminAction, loadAdminPage, requireAdmin } from "~/lib/auth/password-reset.server";
import { usePublicOrigin } from "~/components/use-public-origin";
import { dbOf } from "~/lib/platform/context.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const adminId = await requireAdmin(db, request);
  return { ...(await loadAdminPage(db)), adminId, now: Date.now(), i18n: await pageI18n(request, ["auth"]) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { form } = await requireResearcherForm(db, request);
  return adminAction(db, await requireAdmin(db, request), form);
}

/** Administrators: every account, one-time password-reset links, who administers. */
export default function Admin() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT();
  const origin = usePublicOrigin();
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <section className="panel">
        <p className="muted small">{t("admin.help")}</p>
        {result && !result.ok ? (
          <p className="error" role="alert">
            {t(result.error)}
          </p>
        ) : null}
        {result?.ok && result.intent === "reset" ? (
          <p className="notice" role="status">
            {t("admin.linkCreated", { email: result.email, date: formatDate(locale, result.expiresAt) })}{" "}
            <code className="reset-link">{origin + result.path}</code>
          </p>
        ) : null}
        {result?.ok && result.intent === "admin" ? (
          <p className="notice" role="status">
            {t(result.isAdmin ? "admin.granted" : "admin.revoked", { email: result.email })}
          </p>
        ) : null}
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t("admin.email")}</th>
                <th>{t("admin.created")}</th>
                <th>{t("admin.role")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.users.map((u) => (
                <tr key={u.id}>
                  <td>{u.email}</td>
                  <td>{formatDate(locale, u.createdAt)}</td>
                  <td>{t(u.isAdmin ? "admin.yes" : "admin.no")}</td>
                  <td>
                    <Form method="post" className="inline">
                      <CsrfField />
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" name="intent" value="reset">
                        {t("admin.resetButton")}
                      </button>{" "}
                      {u.id !== data.adminId ? (
                        <button type="submit" name="intent" value={u.isAdmin ? "revoke" : "grant"} className="link-button">
                          {t(u.isAdmin ? "admin.revokeButton" : "admin.grantButton")}
                        </button>
                      ) : null}
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted small">{t("admin.commandLine")}</p>
      </section>
      <section className="panel">
        <h2>{t("admin.recentResets")}</h2>
        {data.resets.length === 0 ? (
          <p className="muted">{t("admin.noResets")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t("admin.resetFor")}</th>
                  <th>{t("admin.resetBy")}</th>
                  <th>{t("admin.created")}</th>
                  <th>{t("admin.resetState")}</th>
                </tr>
              </thead>
              <tbody>
                {data.resets.map((r) => (
                  <tr key={r.id}>
                    <td>{r.email}</td>
                    <td>{r.createdBy ?? "—"}</td>
                    <td>{formatDate(locale, r.createdAt)}</td>
                    <td>
                      {r.usedAt !== null
                        ? t("admin.stateUsed", { date: formatDate(locale, r.usedAt) })
                        : r.expiresAt <= data.now
                          ? t("admin.stateExpired")
                          : t("admin.stateLive", { date: formatDate(locale, r.expiresAt) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <SecurityEvents events={data.securityEvents} />
    </>
  );
}
