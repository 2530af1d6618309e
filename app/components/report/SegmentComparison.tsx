import { Form } from "@remix-run/react";
import type { SegmentComparisonView, ComparedInterval } from "~/lib/report/segment-comparison-view";
import { ChartFrame } from "./ChartFrame";
import { fmt, niceDomain, type ChartText } from "./chart-kit";
import { IntervalText } from "./IntervalText";
import { shownIntervals } from "./shown-intervals";
import { SegmentGapTable } from "./SegmentGapTable";
import { SmallN } from "./SmallN";
import { ValueMapChart } from "./ValueMapChart";

const shown = (i: ComparedInterval | null) => (i ? { ok: true as const, ...i } : { ok: false as const });

/** The axes shared by every segment's map: fitted to all their points and intervals together. */
function sharedDomain(view: SegmentComparisonView): { x: [number, number]; y: [number, number] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of view.segments) {
    const map = s.report.analysis?.valueMap;
    if (!map || !map.ok) continue;
    const intervals = shownIntervals(s.report.analysis)?.offers ?? {};
    for (const p of map.points) {
      const qi = intervals[p.offer]?.quality;
      const ri = intervals[p.offer]?.relativePrice;
      xs.push(p.quality, ...(qi?.ok ? [qi.lower, qi.upper] : []));
      ys.push(p.relativePrice, ...(ri?.ok ? [ri.lower, ri.upper] : []));
    }
    if (s.report.options.wave === undefined && s.report.timeline.ok && s.report.timeline.waves.length > 1) {
      for (const series of s.report.timeline.series) {
        for (const p of series.points) {
          xs.push(p.quality);
          ys.push(p.relativePrice);
        }
      }
    }
  }
  return { x: niceDomain(xs), y: niceDomain(ys) };
}

/**
 * Two or more segments of one segment question side by side (issue 19): the answers to compare
 * (a plain GET form), each segment's value map on the same axes (a grid that stacks on a phone),
 * and one table of every segment's Q, RP and V per offer with their 95 % intervals and n
 * (small samples marked).
 */
export function SegmentComparison({ view, reportHref, t }: Pick<ChartText, "t"> & { view: SegmentComparisonView; reportHref: string }) {
  const report = view.report;
  const locale = report.locale;
  const text = { t, locale };
  const smallN = report.smallN;
  const question = report.choices.segments.find((s) => s.question === view.question);
  const hidden = [...new URLSearchParams(report.query).entries()].filter(([k]) => k !== "segment" && k !== "question" && k !== "value");
  const domain = view.segments.length > 0 ? sharedDomain(view) : null;
  const n = (v: number) => fmt(locale, v, 1);
  return (
    <div className="segment-comparison" data-testid="segment-comparison">
      <p className="small no-print">
        <a href={reportHref} data-testid="back-to-report">
          {t("report.segments.back")}
        </a>
      </p>
      {view.issue === "no-question" ? (
        <section className="panel">
          <p data-testid="segments-issue">{t("report.segments.noQuestion")}</p>
        </section>
      ) : (
        <Form method="get" className="panel report-filters no-print" data-testid="segments-form">
          {hidden.map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {report.choices.segments.length > 1 ? (
            <label>
              {t("report.segments.question")}
              <select name="question" defaultValue={view.question ?? ""}>
                {report.choices.segments.map((s) => (
                  <option key={s.question} value={s.question}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <input type="hidden" name="question" value={view.question ?? ""} />
          )}
          {question ? (
            <fieldset>
              <legend>{t("report.segments.answers", { question: question.label })}</legend>
              {question.values.map((v) => (
                <label key={v.value} className="check">
                  <input type="checkbox" name="value" value={v.value} defaultChecked={view.selected.includes(v.value)} />{" "}
                  {`${v.label} (n=${v.n}${v.n < smallN ? "*" : ""})`}
                </label>
              ))}
            </fieldset>
          ) : null}
          <button type="submit">{t("report.segments.compare")}</button>
        </Form>
      )}
      {view.issue === "need-two" ? (
        <section className="panel">
          <p data-testid="segments-issue">{t("report.segments.needTwo")}</p>
        </section>
      ) : null}
      {view.segments.length > 0 && domain ? (
        <>
          <p className="muted small small-n-legend">
            <span className="small-n">*</span> {t("report.smallN.legend", { n: smallN })}
          </p>
          <section className="panel report-section" data-section="segment-maps" aria-labelledby="h-segment-maps">
            <h2 id="h-segment-maps">{t("report.segments.maps")}</h2>
            <p className="muted small">{t("report.segments.sameAxes")}</p>
            <div className="segment-maps">
              {view.segments.map((s) => (
                <figure key={s.value} className="segment-map" data-segment={s.value}>
                  <figcaption>
                    <strong>{s.label}</strong> · <SmallN n={s.n} smallN={smallN} t={t} />
                  </figcaption>
                  {s.report.analysis?.valueMap.ok ? (
                    <ChartFrame id={`value-map-${s.value}`}>
                      {(width) => <ValueMapChart report={s.report} {...text} width={width} interactive domain={domain} svgId={`value-map-${s.value}`} />}
                    </ChartFrame>
                  ) : (
                    <p className="muted small">{t("report.noneInFilter")}</p>
                  )}
                </figure>
              ))}
            </div>
          </section>
          <section className="panel report-section" data-section="segment-table" aria-labelledby="h-segment-table">
            <h2 id="h-segment-table">{t("report.segments.table")}</h2>
            <div className="table-scroll">
              <table data-testid="segment-table">
                <thead>
                  <tr>
                    <th scope="col">{t("report.segments.segment")}</th>
                    <th scope="col">{t("report.difference.offer")}</th>
                    <th scope="col">Q</th>
                    <th scope="col">95 %</th>
                    <th scope="col">RP</th>
                    <th scope="col">95 %</th>
                    <th scope="col">V</th>
                    <th scope="col">95 %</th>
                    <th scope="col">n</th>
                  </tr>
                </thead>
                <tbody>
                  {view.segments.flatMap((s) =>
                    s.rows.map((r) => (
                      <tr key={`${s.value}:${r.offer}`} data-segment={s.value} data-offer={r.offer}>
                        <th scope="row">{s.label}</th>
                        <td>{report.names.offers[r.offer] ?? r.offer}</td>
                        <td data-figure="q">{n(r.quality)}</td>
                        <td>
                          <IntervalText interval={shown(r.qualityInterval)} bare {...text} />
                        </td>
                        <td data-figure="rp">{n(r.relativePrice)}</td>
                        <td>
                          <IntervalText interval={shown(r.relativePriceInterval)} bare {...text} />
                        </td>
                        <td data-figure="v">{r.value !== null ? n(r.value) : "–"}</td>
                        <td>
                          <IntervalText interval={shown(r.valueInterval)} bare {...text} />
                        </td>
                        <td>
                          <SmallN n={r.n} smallN={smallN} t={t} bare />
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          </section>
          <SegmentGapTable view={view} {...text} />
        </>
      ) : null}
    </div>
  );
}
