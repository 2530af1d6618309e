import { useState } from "react";
import type { ReportView } from "~/lib/report/report.server";
import { translate, type MessageKey } from "~/i18n";
import { fmt } from "./chart-kit";
import { IntervalText } from "./IntervalText";
import { shownIntervals } from "./shown-intervals";
import { ValueMapChart } from "./ValueMapChart";

/**
 * The value map with a tooltip after hydration: hovering, focusing or tapping a point shows its
 * figures (Q, RP with intervals, value, zone, n). Server-rendered, it is the plain chart (each
 * point keeps an SVG <title>).
 */
export function ValueMapInteractive({ report }: { report: ReportView }) {
  const [selected, setSelected] = useState<string | null>(null);
  const locale = report.locale;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const map = report.analysis?.valueMap;
  const point = map?.ok ? map.points.find((p) => p.offer === selected) : undefined;
  const figures = point ? shownIntervals(report.analysis)?.offers[point.offer] : undefined;
  return (
    <div className="value-map-box">
      <div className="chart-scroll">
        <ValueMapChart report={report} t={t} locale={locale} selected={selected} onSelect={setSelected} />
      </div>
      <div className="map-tooltip" role="status" aria-live="polite" data-testid="map-tooltip" hidden={!point}>
        {point ? (
          <>
            <strong>{report.names.offers[point.offer] ?? point.offer}</strong>
            <br />Q {fmt(locale, point.quality)} <IntervalText interval={figures?.quality} t={t} locale={locale} />
            <br />RP {fmt(locale, point.relativePrice)} <IntervalText interval={figures?.relativePrice} t={t} locale={locale} />
            <br />
            {t("report.value")}: {fmt(locale, point.value)} · {t(`report.zone.${point.zone}`)}
            <br />
            {t("report.n", { n: point.n })}
            {point.n < report.smallN ? <span className="small-n"> *</span> : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
