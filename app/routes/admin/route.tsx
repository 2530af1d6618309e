import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormStatus } from "~/components/form-kit";
import { InlineForm } from "~/components/InlineForm";
import { SecurityEvents } from "~/components/SecurityEvents";
import { useT } from "~/components/use-t";
import { formatDate } from "~/i18n";
import { loadAdminPage, requireAdmin, resetLinkFromAdmin, setAdministrator } from "~/lib/auth/admin-page.server";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { usePublicOrigin } from "~/components/use-public-origin";
import { dbOf } from "~/lib/platform/context.server";
import { done, refused } from "~/lib/platform/form-reply.server";
import { pageI18n } from "~/lib/platform/page-i18n.server";
import { AccountActionSchema } from "./schema";

/** Every action of the page answers under this form id (its messages show above the accounts). */
const FORM_ID = "admin";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const adminId = await requireAdmin(db, request);
  return { ...(await loadAdminPage(db)), adminId, now: Date.now(), i18n: await pageI18n(request, ["auth"]) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  const { form } = await requireResearcherForm(db, request);
  const adminId = await requireAdmin(db, request);
  const intent = form.get("intent");
  if (intent !== "reset" && intent !== "grant" && intent !== "revoke") throw new Response("intent requires reset, grant or revoke", { status: 400 });
  const submission = parseWithZod(form, { schema: AccountActionSchema });
  // A reset link is shown once, under the page's notice (the other answers carry none).
  const noLink = { resetLink: null };
  if (submission.status !== "success") return refused(FORM_ID, submission, {}, noLink);
  if (intent === "reset") {
    const link = await resetLinkFromAdmin(db, adminId, submission.value);
    if (!link.ok) return refused(FORM_ID, submission, { form: [link.error] }, noLink);
    return done(FORM_ID, submission, null, { resetLink: { email: link.email, path: link.path, expiresAt: link.expiresAt } });
  }
  const changed = await setAdministrator(db, adminId, { userId: submission.value.userId, isAdmin: intent === "grant" });
  if (!changed.ok) return refused(FORM_ID, submission, { form: [changed.error] }, noLink);
  return done(FORM_ID, submission, { key: intent === "grant" ? "admin.granted" : "admin.revoked", params: { email: changed.email } }, noLink);
}

/** Administrators: every account, one-time password-reset links, who administers. */
export default function Admin() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const resetLink = result?.resetLink ?? null;
  const { t, locale } = useT();
  const origin = usePublicOrigin();
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <section className="panel">
        <p className="muted small">{t("admin.help")}</p>
        <FormStatus id={FORM_ID} all />
        {resetLink ? (
          <p className="notice" role="status">
            {t("admin.linkCreated", { email: resetLink.email, date: formatDate(locale, resetLink.expiresAt) })}{" "}
            <code className="reset-link">{origin + resetLink.path}</code>
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
                    <InlineForm intent="reset" fields={{ userId: u.id }} label={t("admin.resetButton")} />{" "}
                    {u.id !== data.adminId ? (
                      <InlineForm
                        intent={u.isAdmin ? "revoke" : "grant"}
                        fields={{ userId: u.id }}
                        label={t(u.isAdmin ? "admin.revokeButton" : "admin.grantButton")}
                        buttonClassName="link-button"
                      />
                    ) : null}
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
