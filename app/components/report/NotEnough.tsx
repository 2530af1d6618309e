import type { MessageKey } from "~/i18n";
import type { ChartText } from "./chart-kit";

const KNOWN_REASONS = new Set([
  "no-reference-ratings",
  "offer-not-rated",
  "no-quality-share",
  "too-few-offers",
  "empty-segment",
  "no-decisions",
  "too-few-observations",
  "no-functions",
  "no-waves",
  "duplicate-wave-date",
  "singular-matrix",
  "zero-variance",
  "no-responses",
]);

/** Says politely why a section or figure cannot be shown. */
export function NotEnough({ reason, t }: Pick<ChartText, "t"> & { reason: string }) {
  const key = (KNOWN_REASONS.has(reason) ? `report.reason.${reason}` : "report.reason.other") as MessageKey;
  return (
    <p className="muted not-enough" data-reason={reason}>
      {t("report.unavailable", { reason: t(key) })}
    </p>
  );
}

