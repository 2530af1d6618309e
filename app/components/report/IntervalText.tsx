import type { ShownInterval } from "./shown-intervals";
import { fmt, type ChartText } from "./chart-kit";

/** "95% interval lo to hi" for an interval (bootstrap or delta method), or nothing (a dash when `bare`) when it could not be computed. */
export function IntervalText({
  interval,
  decimals = 1,
  bare = false,
  t,
  locale,
}: ChartText & { interval?: ShownInterval | undefined; decimals?: number; bare?: boolean }) {
  if (!interval?.ok) return bare ? <>–</> : null;
  const lower = fmt(locale, interval.lower, decimals);
  const upper = fmt(locale, interval.upper, decimals);
  return bare ? <>{`${lower} – ${upper}`}</> : <span className="small muted interval">{t("report.interval", { lower, upper })}</span>;
}
