import type { UnavailableReason } from "../../../analysis/unavailable-reasons";
import type { ChartText } from "./chart-kit";

/**
 * Says politely why a section or figure cannot be shown: every reason the analysis can give has
 * a label in both languages (app/i18n/reasons.*.ts, required by the type checker).
 */
export function NotEnough({ reason, t }: Pick<ChartText, "t"> & { reason: UnavailableReason }) {
  return (
    <p className="muted not-enough" data-reason={reason}>
      {t("report.unavailable", { reason: t(`reason.${reason}`) })}
    </p>
  );
}
