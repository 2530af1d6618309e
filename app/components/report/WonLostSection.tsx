import type { ReportView } from "~/lib/report/report-view";
import { fmt, type ChartText } from "./chart-kit";
import { LostByKind } from "./LostByKind";
import { NotEnough } from "./NotEnough";
import { SmallN } from "./SmallN";

/**
 * Won/lost analysis (method.md (d)): every respondent's group with the rule that puts them there
 * (won, lost, bought a competitor without considering us, considered set unknown, no purchase),
 * the win rate won / (won + lost), whom the lost ones chose, the attributes behind the losses,
 * the losses split into a quality part and a price part, and the own offer's profile among won
 * and lost respondents side by side.
 */
export function WonLostSection({
  report,
  t,
  locale,
}: ChartText & { report: ReportView }) {
  const result = report.analysis?.wonLost;
  if (!result) return null;
  if (!result.ok) return <NotEnough reason={result.reason} t={t} />;
  const n = (v: number, d = 1) => fmt(locale, v, d);
  const name = (offer: string) => report.names.offers[offer] ?? offer;
  const { won, lost } = result.profiles;
  const weighted = report.analysis?.wonLostReasons;
  const rows = report.attributes.filter(
    (a) => a.kind === "quality" || a.kind === "price"
  );
  const ratio = (p: typeof won.quality | typeof won.price, id: string) =>
    p.ok ? p.rows.find((r) => r.id === id)?.ratio : undefined;
  // Every respondent in exactly one row; "unknown" only when earlier questionnaire versions left it.
  const groups = (
    [
      ["won", result.won],
      ["lost", result.lost],
      ["withoutConsideringOwn", result.boughtCompetitorWithoutConsideringOwn],
      ["considerationUnknown", result.boughtCompetitorConsiderationUnknown],
      ["noPurchase", result.other],
    ] as const
  ).filter(([key, count]) => key !== "considerationUnknown" || count > 0);
  return (
    <div className="won-lost" data-testid="won-lost">
      <p>
        {result.winRate.ok ? (
          <>
            {t("report.wonLost.winRate")}{" "}
            <strong data-testid="win-rate">
              {n(result.winRate.rate * 100)}%
            </strong>{" "}
          </>
        ) : (
          <span className="muted">{t("reason.no-decisions")} </span>
        )}
        <span className="muted">
          {t("report.wonLost.rateRule", { won: result.won, lost: result.lost })}
        </span>{" "}
        <SmallN n={result.won + result.lost} smallN={report.smallN} t={t} />
      </p>
      <div className="table-scroll">
        <table className="profile" data-testid="won-lost-counts">
          <tbody>
            {groups.map(([key, count]) => (
              <tr key={key} data-group={key}>
                <td>{t(`report.wonLost.group.${key}`)}</td>
                <td>{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small" data-testid="won-lost-rule">
        {t("report.wonLost.rule")}
      </p>
      <div className="two-col">
        <div>
          <h3>{t("report.wonLost.lostTo")}</h3>
          {result.lostTo.length === 0 ? (
            <p className="muted small">{t("report.wonLost.noLosses")}</p>
          ) : (
            <div className="table-scroll">
              <table className="profile">
                <tbody>
                  {result.lostTo.map((l) => (
                    <tr key={l.offerId}>
                      <td>{name(l.offerId)}</td>
                      <td>{l.count}</td>
                      <td>
                        {result.lost > 0
                          ? `${n((100 * l.count) / result.lost, 0)}%`
                          : "–"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <div>
          <h3>{t("report.wonLost.reasons")}</h3>
          {result.reasons.length === 0 ? (
            <p className="muted small">{t("report.wonLost.noReasons")}</p>
          ) : (
            <div className="table-scroll">
              <table className="profile">
                <thead>
                  <tr>
                    <th scope="col">{t("report.attribute")}</th>
                    <th scope="col">{t("report.wonLost.winnerBetter")}</th>
                    <th scope="col">{t("report.wonLost.gap")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.reasons.map((r) => (
                    <tr key={r.id}>
                      <td>{report.names.attributes[r.id] ?? r.id}</td>
                      <td>
                        {r.count} /{" "}
                        <SmallN n={r.n} smallN={report.smallN} t={t} bare />
                      </td>
                      <td>{n(r.meanGap, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
      {weighted?.ok && weighted.lost > 0 ? (
        weighted.byKind.n > 0 ? (
          <LostByKind split={weighted.byKind} smallN={report.smallN} t={t} locale={locale} />
        ) : (
          <p className="muted small" data-testid="lost-by-kind-none">
            {t("report.wonLost.byKind.noShare")}
          </p>
        )
      ) : null}
      <h3>{t("report.wonLost.profiles")}</h3>
      <div className="table-scroll">
        <table className="profile" data-testid="won-lost-profiles">
          <thead>
            <tr>
              <th scope="col">{t("report.attribute")}</th>
              <th scope="col">
                {t("report.wonLost.won")}{" "}
                <SmallN n={won.n} smallN={report.smallN} t={t} />
              </th>
              <th scope="col">
                {t("report.wonLost.lost")}{" "}
                <SmallN n={lost.n} smallN={report.smallN} t={t} />
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => {
              const w = ratio(
                a.kind === "quality" ? won.quality : won.price,
                a.code
              );
              const l = ratio(
                a.kind === "quality" ? lost.quality : lost.price,
                a.code
              );
              return (
                <tr key={a.code}>
                  <td>{a.name}</td>
                  <td>{w !== undefined ? n(w, 2) : "–"}</td>
                  <td>{l !== undefined ? n(l, 2) : "–"}</td>
                </tr>
              );
            })}
            <tr>
              <td>Q</td>
              <td>{won.quality.ok ? n(won.quality.score) : "–"}</td>
              <td>{lost.quality.ok ? n(lost.quality.score) : "–"}</td>
            </tr>
            <tr>
              <td>S</td>
              <td>{won.price.ok ? n(won.price.satisfaction) : "–"}</td>
              <td>{lost.price.ok ? n(lost.price.satisfaction) : "–"}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("report.wonLost.ratioHelp")}</p>
    </div>
  );
}
