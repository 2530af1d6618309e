import type { MessageKey } from "~/i18n";
import { useT } from "./use-t";

const known = new Set(["no-reference-ratings", "offer-not-rated", "no-quality-share", "too-few-offers"]);

/** Says, in the reader's language, why a figure could not be computed. */
export function Unavailable({ reason }: { reason: string }) {
  const { t } = useT();
  const key = (known.has(reason) ? `report.reason.${reason}` : "report.reason.other") as MessageKey;
  return (
    <p className="muted" data-reason={reason}>
      {t("report.unavailable", { reason: t(key) })}
    </p>
  );
}
