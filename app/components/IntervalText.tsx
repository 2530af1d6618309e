import { formatNumber } from "~/i18n";
import type { BootstrapInterval } from "../../analysis/bootstrap-intervals";
import { useT } from "./use-t";

/** "95% interval lo to hi" for a bootstrap interval, or nothing when it could not be computed. */
export function IntervalText({ interval, decimals = 1, bare = false }: { interval?: BootstrapInterval | undefined; decimals?: number; bare?: boolean }) {
  const { t, locale } = useT();
  if (!interval?.ok) return bare ? <>–</> : null;
  const lower = formatNumber(locale, interval.lower, decimals);
  const upper = formatNumber(locale, interval.upper, decimals);
  return bare ? <>{`${lower} – ${upper}`}</> : <span className="small muted interval">{t("report.interval", { lower, upper })}</span>;
}
