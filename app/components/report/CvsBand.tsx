import type { ShownInterval } from "./shown-intervals";
import type { ValueBand } from "../../../analysis/types";
import { fmt, type ChartText } from "./chart-kit";
import { IntervalText } from "./IntervalText";

/** PIMS bands of the customer value score (analysis/customer-value-score.ts), drawn as a scale. */
const BANDS: Array<{ band: ValueBand; from: number; to: number }> = [
  { band: "below-parity", from: 85, to: 98 },
  { band: "parity", from: 98, to: 103 },
  { band: "above-parity", from: 103, to: 110 },
  { band: "world-class", from: 110, to: 125 },
];
const LO = 85;
const HI = 125;

/** The own offer's customer value score V on the band scale, with its band named. */
export function CvsBand({ value, band, interval, t, locale }: ChartText & { value: number; band: ValueBand; interval?: ShownInterval | undefined }) {
  const pos = (v: number) => `${((Math.min(HI, Math.max(LO, v)) - LO) / (HI - LO)) * 100}%`;
  return (
    <div className="cvs" data-testid="cvs" data-band={band}>
      <p>
        V = <strong>{fmt(locale, value)}</strong> · <strong>{t(`report.band.${band}`)}</strong>
        {interval?.ok ? (
          <span className="small muted">
            {" "}
            · {t("report.intervalColumn")}: <IntervalText interval={interval} bare t={t} locale={locale} />
          </span>
        ) : null}
      </p>
      <div className="cvs-scale" aria-hidden="true">
        {BANDS.map((b) => (
          <span
            key={b.band}
            className={`cvs-band cvs-${b.band}${b.band === band ? " current" : ""}`}
            style={{ left: pos(b.from), width: `calc(${pos(b.to)} - ${pos(b.from)})` }}
          >
            {t(`report.band.${b.band}`)}
          </span>
        ))}
        {interval?.ok ? <span className="cvs-interval" style={{ left: pos(interval.lower), width: `calc(${pos(interval.upper)} - ${pos(interval.lower)})` }} /> : null}
        <span className="cvs-marker" style={{ left: pos(value) }} />
      </div>
      <p className="muted small">{t("report.cvs.help")}</p>
    </div>
  );
}
