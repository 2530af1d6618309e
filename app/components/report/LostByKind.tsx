import type { LostByKind as LostByKindFigures } from "../../../analysis/index";
import type { MessageKey } from "~/i18n";
import { fmt, type ChartText } from "./chart-kit";
import { SmallN } from "./SmallN";

/** Which kind carried the losses, as the one-line reading under the split. */
function readingKey(split: LostByKindFigures): MessageKey {
  const quality = split.quality > 0;
  const price = split.price > 0;
  if (quality && price) return split.quality >= split.price ? "report.wonLost.byKind.reading.bothQuality" : "report.wonLost.byKind.reading.bothPrice";
  if (price) return "report.wonLost.byKind.reading.price";
  if (quality) return "report.wonLost.byKind.reading.quality";
  return "report.wonLost.byKind.reading.neither";
}

/**
 * The lost reasons split by kind (docs/method.md §3 (d), `wonLostReasons.byKind`): the chosen
 * competitor's mean lead in the lost customers' own value, as a quality part and a price part
 * (each weighted by the customer's quality share), with n and a one-line reading.
 */
export function LostByKind({ split, smallN, t, locale }: ChartText & { split: LostByKindFigures; smallN: number }) {
  const n = (v: number) => fmt(locale, v, 2);
  return (
    <div data-testid="lost-by-kind">
      <h3>
        {t("report.wonLost.byKind.title")} <SmallN n={split.n} smallN={smallN} t={t} />
      </h3>
      <p className="muted small">{t("report.wonLost.byKind.help")}</p>
      <div className="table-scroll">
        <table className="profile">
          <tbody>
            {(["quality", "price", "total"] as const).map((kind) => (
              <tr key={kind} data-kind={kind}>
                <th scope="row">{t(`report.wonLost.byKind.${kind}`)}</th>
                <td data-value={split[kind].toFixed(4)}>{n(split[kind])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p data-testid="lost-by-kind-reading">{t(readingKey(split))}</p>
    </div>
  );
}
