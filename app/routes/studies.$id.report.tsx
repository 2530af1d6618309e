import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { IntervalText } from "~/components/IntervalText";
import { ProfileTable } from "~/components/ProfileTable";
import { StudyNav } from "~/components/StudyNav";
import { Unavailable } from "~/components/Unavailable";
import { ValueMapChart } from "~/components/ValueMapChart";
import { useT } from "~/components/use-t";
import { formatNumber } from "~/i18n";
import { getLocale } from "~/lib/locale.server";
import { loadReport } from "~/lib/report.server";
import { requireUserId } from "~/lib/session.server";
import { requireStudyRole } from "~/lib/studies.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { study, role } = requireStudyRole(await requireUserId(request), params.id, "viewer");
  const line = new URL(request.url).searchParams.get("line") === "parity" ? "parity" : "weights";
  return { ...loadReport(study, await getLocale(request), line), role };
}

export default function Report() {
  const report = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const [params] = useSearchParams();
  const a = report.analysis;
  const n = (v: number, d = 1) => formatNumber(locale, v, d);
  const ownName = report.ownName ?? "";
  const own = a?.intervals?.own;
  return (
    <>
      <h1>
        {t("report.title")}: {report.study.title}
      </h1>
      <StudyNav studyId={report.study.id} role={report.role} />
      {!a ? (
        <section className="panel">
          <p>{t("report.noResponses")}</p>
        </section>
      ) : (
        <>
          <p data-testid="respondents">
            {t("report.respondents", { n: a.respondents })}
            {a.respondents < 30 ? <span className="flag"> · {t("report.smallSample")}</span> : null}
          </p>
          <div className="scores">
            {a.quality.ok ? (
              <div className="score">
                {t("report.qualityScore")}
                <strong data-testid="score-q">{n(a.quality.score)}</strong>
                <IntervalText interval={own?.quality} />
              </div>
            ) : null}
            {a.price.ok ? (
              <>
                <div className="score">
                  {t("report.satisfactionScore")}
                  <strong>{n(a.price.satisfaction)}</strong>
                  <IntervalText interval={own?.satisfaction} />
                </div>
                <div className="score">
                  {t("report.relativePrice")}
                  <strong>{n(a.price.relativePrice)}</strong>
                  <IntervalText interval={own?.relativePrice} />
                </div>
              </>
            ) : null}
            {a.value ? (
              <div className="score">
                {t("report.valueScore")}
                <strong>{n(a.value.value)}</strong>
                {t(`report.band.${a.value.band}`)}
                <IntervalText interval={own?.value} />
              </div>
            ) : null}
          </div>

          <section className="panel">
            <h2>{t("report.valueMap")}</h2>
            <p className="muted small">{t("report.valueMapHelp")}</p>
            <p className="no-print small">
              <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), line: "weights" })}`} replace>
                {t("report.line.weights", { slope: a.map.ok ? n(a.map.line.slope, 2) : "–" })}
              </Link>{" "}
              ·{" "}
              <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), line: "parity" })}`} replace>
                {t("report.line.parity")}
              </Link>
            </p>
            {a.map.ok ? (
              <>
                <p className="small" data-testid="line-name">
                  {a.line === "parity"
                    ? t("report.line.parity")
                    : t("report.line.weights", { slope: n(a.map.line.slope, 2) })}
                </p>
                <div className="chart-scroll">
                  <ValueMapChart points={a.map.points} line={a.map.line} band={a.map.band} names={report.names.offers} />
                </div>
                <div className="table-scroll">
                  <table className="profile">
                    <thead>
                      <tr>
                        <th scope="col">{t("report.offer")}</th>
                        <th scope="col">Q</th>
                        <th scope="col">Q {t("report.intervalColumn")}</th>
                        <th scope="col">RP</th>
                        <th scope="col">RP {t("report.intervalColumn")}</th>
                        <th scope="col">{t("report.value")}</th>
                        <th scope="col">{t("report.zone")}</th>
                        <th scope="col">n</th>
                      </tr>
                    </thead>
                    <tbody>
                      {a.map.points.map((p) => (
                        <tr key={p.offerId}>
                          <td>{report.names.offers[p.offerId] ?? p.offerId}</td>
                          <td>{n(p.quality)}</td>
                          <td>
                            <IntervalText interval={a.intervals?.offers[p.offerId]?.quality} bare />
                          </td>
                          <td>{n(p.relativePrice)}</td>
                          <td>
                            <IntervalText interval={a.intervals?.offers[p.offerId]?.relativePrice} bare />
                          </td>
                          <td>{n(p.value)}</td>
                          <td>{t(`report.zone.${p.zone}`)}</td>
                          <td data-testid={`n-${p.offerId}`}>
                            {p.n}
                            {p.n < 30 ? <span className="flag"> *</span> : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            ) : (
              <Unavailable reason={a.map.reason} />
            )}
          </section>

          <section className="panel">
            <h2>{t("report.qualityProfile")}</h2>
            {a.quality.ok ? (
              <ProfileTable
                rows={a.quality.rows}
                score={a.quality.score}
                ratioIntervals={own?.ratios}
                names={report.names.attributes}
                ownName={ownName}
                caption={t("report.profileVs", { own: ownName })}
              />
            ) : (
              <Unavailable reason={a.quality.reason} />
            )}
          </section>
          <section className="panel">
            <h2>{t("report.priceProfile")}</h2>
            {a.price.ok ? (
              <ProfileTable
                rows={a.price.rows}
                score={a.price.satisfaction}
                ratioIntervals={own?.ratios}
                names={report.names.attributes}
                ownName={ownName}
                caption={t("report.profileVs", { own: ownName })}
              />
            ) : (
              <Unavailable reason={a.price.reason} />
            )}
          </section>
        </>
      )}
    </>
  );
}
