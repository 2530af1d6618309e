import type { ReportView } from "~/lib/report/report-view";
import { useT } from "../use-t";
import { ChartFrame } from "./ChartFrame";
import { ValueMapChart } from "./ValueMapChart";

/**
 * The value map in its frame: drawn at the width of its box, each point focusable, its figures
 * (relative quality and price with their intervals, distance to the fair-value line, zone, n) in
 * a tooltip next to it on hover, focus or tap. The table under the map holds the same figures.
 */
export function ValueMapInteractive({ report }: { report: ReportView }) {
  const locale = report.locale;
  const { t } = useT();
  return (
    <div className="value-map-box">
      <ChartFrame id="value-map" tipTestId="map-tooltip">
        {(width) => <ValueMapChart report={report} t={t} locale={locale} width={width} interactive />}
      </ChartFrame>
    </div>
  );
}
