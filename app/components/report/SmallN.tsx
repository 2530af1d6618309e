import type { ChartText } from "./chart-kit";

/** The n of a figure, with the small-sample marker when n < smallN. */
export function SmallN({ n, smallN, t, bare = false }: Pick<ChartText, "t"> & { n: number; smallN: number; bare?: boolean }) {
  return (
    <span className="n" data-n={n}>
      {bare ? n : t("report.n", { n })}
      {n < smallN ? (
        <span className="small-n" title={t("report.smallN.legend", { n: smallN })}>
          {" *"}
        </span>
      ) : null}
    </span>
  );
}
