import { NavLink } from "@remix-run/react";
import { useT } from "./use-t";

/** The study's integration pages: panel links, webhooks, imports (editors and owners). */
export function IntegrationsNav({ studyId }: { studyId: number }) {
  const { t } = useT();
  return (
    <nav className="study-nav no-print" aria-label={t("studyNav.integrations")}>
      <NavLink to={`/studies/${studyId}/panel`}>{t("integrations.panel")}</NavLink>
      <NavLink to={`/studies/${studyId}/webhooks`}>{t("integrations.webhooks")}</NavLink>
      <NavLink to={`/studies/${studyId}/import`}>{t("integrations.import")}</NavLink>
    </nav>
  );
}

/** A field's errors (i18n keys), translated, where the field is. */
export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useT();
  if (!errors || errors.length === 0) return null;
  return (
    <p className="error" id={id} role="alert">
      {[...new Set(errors)].map((e) => t(e as Parameters<typeof t>[0])).join(" ")}
    </p>
  );
}
