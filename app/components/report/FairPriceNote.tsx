import { Link } from "@remix-run/react";
import type { FairPriceResult } from "../../../analysis";
import type { MessageKey } from "~/i18n";
import { fmt, type ChartText } from "./chart-kit";

/**
 * The own offer's fair price (docs/method.md §5 (d)) in words: its relative price on the
 * fair-value line at its quality, and with actual prices the fair price, the gap and a link to
 * the scenario that moves the price to the line (`tryHref`).
 */
export function FairPriceNote({ fair, ownName, tryHref, t, locale }: ChartText & { fair: FairPriceResult | null; ownName: string; tryHref?: string | undefined }) {
  if (!fair) return null;
  if (!fair.ok) {
    return fair.reason === "offer-not-on-map" ? (
      <p className="muted small" data-testid="fair-price">
        {t("report.fairPrice.offMap")}
      </p>
    ) : null;
  }
  const p = fair.prices;
  return (
    <div className="fair-price" data-testid="fair-price">
      <p className="small">
        {t("report.fairPrice.line", { own: ownName, quality: fmt(locale, fair.quality), fair: fmt(locale, fair.fairRelativePrice), rp: fmt(locale, fair.relativePrice) })}
      </p>
      {p.ok ? (
        <p className="small" data-testid="fair-price-money" data-fair={p.fair.toFixed(4)}>
          {t(p.gap > 0 ? "report.fairPrice.above" : "report.fairPrice.below", {
            own: ownName,
            fair: fmt(locale, p.fair, 2),
            actual: fmt(locale, p.actual, 2),
            gap: fmt(locale, Math.abs(p.gap), 2),
            pct: `${fmt(locale, Math.abs(p.gapPercent))}%`,
            reference: fmt(locale, p.referencePrice, 2),
          })}{" "}
          {tryHref ? (
            <Link to={tryHref} data-testid="try-fair-price">
              {t("report.fairPrice.try")}
            </Link>
          ) : null}
        </p>
      ) : (
        <p className="muted small">{t(`report.fairPrice.none.${p.reason}` as MessageKey)}</p>
      )}
    </div>
  );
}
