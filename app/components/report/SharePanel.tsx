import { Form } from "@remix-run/react";
import { useState } from "react";
import { CsrfField } from "~/components/CsrfField";
import { FormStatus } from "~/components/form-kit";
import { InlineForm } from "~/components/InlineForm";
import { useT } from "~/components/use-t";
import { formatDate } from "~/i18n";
import { usePublicOrigin } from "../use-public-origin";

export interface ShareLinkView {
  id: number;
  label?: string | null;
  tokenTail?: string | null;
  createdAt: number;
  revokedAt: number | null;
  createdBy: string | null;
}

/** The id the share page's action answers under (its notices and refusals show in the panel). */
export const SHARE_FORM_ID = "share";

/**
 * Read-only share links of a report: create one (its address shown once, with a copy button),
 * the list with creation date, creator and state, revoke (after a confirmation). Forms post to
 * the share page (`action`).
 */
export function SharePanel({ links, createdPath, action }: { links: ShareLinkView[]; createdPath?: string | null; action?: string }) {
  const { t, locale } = useT();
  const [copied, setCopied] = useState(false);
  const origin = usePublicOrigin();
  const url = createdPath ? origin + createdPath : null;
  return (
    <section className="panel share-panel no-print" data-testid="share-panel" aria-labelledby="h-share">
      <h2 id="h-share">{t("exports.share.title")}</h2>
      <p className="muted small">{t("exports.share.help")}</p>
      <Form method="post" action={action}>
        <CsrfField />
        <label htmlFor="share-label">{t("exports.share.label")}</label>
        <input id="share-label" name="label" type="text" maxLength={80} aria-describedby="share-label-hint" />
        <span className="hint" id="share-label-hint">
          {t("exports.share.labelHint")}
        </span>
        <p>
          <button type="submit" name="intent" value="create">
            {t("exports.share.create")}
          </button>
        </p>
      </Form>
      {url ? (
        <p className="notice" data-testid="share-link">
          {t("exports.share.created")} <code data-testid="share-url">{url}</code>{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              void navigator.clipboard?.writeText(url).then(() => setCopied(true));
            }}
          >
            {copied ? t("exports.share.copied") : t("exports.share.copy")}
          </button>
        </p>
      ) : null}
      <FormStatus id={SHARE_FORM_ID} all />
      <h3>{t("exports.share.links")}</h3>
      {links.length === 0 ? (
        <p className="muted">{t("exports.share.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="profile" data-testid="share-links">
            <thead>
              <tr>
                <th scope="col">{t("exports.share.label")}</th>
                <th scope="col">{t("exports.share.createdAt")}</th>
                <th scope="col">{t("exports.share.createdBy")}</th>
                <th scope="col">{t("exports.share.status")}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id} data-link-id={l.id}>
                  <td>
                    {l.label ?? "–"}
                    {l.tokenTail ? <span className="muted small"> {t("exports.share.tokenEnds", { tail: l.tokenTail })}</span> : null}
                  </td>
                  <td>{formatDate(locale, l.createdAt)}</td>
                  <td>{l.createdBy ?? "–"}</td>
                  <td>{l.revokedAt === null ? t("exports.share.active") : t("exports.share.revokedAt", { date: formatDate(locale, l.revokedAt) })}</td>
                  <td>
                    {l.revokedAt === null ? (
                      <InlineForm
                        intent="revoke"
                        action={action}
                        fields={{ linkId: l.id }}
                        label={t("exports.share.revoke")}
                        buttonClassName="link-button"
                        confirm={{ message: <p>{t("exports.share.confirmRevoke")}</p> }}
                        testId={`revoke-link-${l.id}`}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
