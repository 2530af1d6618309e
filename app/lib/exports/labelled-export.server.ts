import type { Db } from "../../../db/client";
import { listProfileQuestions } from "../../../db/queries/profile-questions";
import { askedByVersion, listRawRespondents, rawDataLayout } from "../../../db/queries/raw-data";
import { listAttributes, listOffers, type Study } from "../../../db/queries/studies";
import type { Locale } from "~/i18n";
import { csvText } from "../export-csv.server";
import { filterRespondents } from "../export-raw.server";
import { ZipWriter } from "../export-zip.server";
import type { ReportOptions } from "../report-options.server";
import { dtaFile } from "./formats/dta";
import type { LabelledDataset } from "./formats/labelled-dataset";
import { labelledWide } from "./formats/labelled-wide";
import { rScript } from "./formats/r-script";
import { savFile } from "./formats/sav";
import { tripleS } from "./formats/triple-s";

/** The labelled exports: SPSS, Stata, R (CSV + script) and Triple-S (XML + data). */
export const LABELLED_FORMATS = ["sav", "dta", "r", "sss"] as const;
export type LabelledFormat = (typeof LABELLED_FORMATS)[number];

/** The study's wide raw data with labels, the report's respondent filters applied. */
export async function loadLabelledWide(
  db: Db,
  study: Pick<Study, "id" | "title" | "titleZh">,
  options: Pick<ReportOptions, "flagged" | "segment" | "wave">,
  now: number,
): Promise<LabelledDataset> {
  const layout = await rawDataLayout(db, study.id);
  return labelledWide({
    study,
    layout,
    offers: await listOffers(db, study.id),
    attributes: await listAttributes(db, study.id),
    profile: await listProfileQuestions(db, study.id),
    versions: await askedByVersion(db, study.id),
    respondents: filterRespondents(await listRawRespondents(db, study.id, layout), options),
    createdAt: now,
  });
}

export interface LabelledFile {
  body: Uint8Array;
  contentType: string;
  filename: string;
}

/** One labelled file, labels in `locale`; `base` names it (e.g. `valuemap-study1-raw-wide`). */
export function labelledFile(dataset: LabelledDataset, format: LabelledFormat, locale: Locale, base: string): LabelledFile {
  const name = `${base}-${locale}`;
  if (format === "sav") return { body: savFile(dataset, locale), contentType: "application/x-spss-sav", filename: `${name}.sav` };
  if (format === "dta") return { body: dtaFile(dataset, locale), contentType: "application/x-stata-dta", filename: `${name}.dta` };
  const zip = new ZipWriter();
  if (format === "r") {
    zip.addText(`${name}.csv`, csvText(dataset.variables.map((v) => v.name), dataset.rows));
    zip.addText(`${name}.R`, rScript(dataset, locale, `${name}.csv`));
    return { body: zip.finish(), contentType: "application/zip", filename: `${name}-r.zip` };
  }
  const { xml, data } = tripleS(dataset, locale, { survey: base, dataFile: `${name}.asc` });
  zip.addText(`${name}.sss`, xml);
  zip.addText(`${name}.asc`, data);
  return { body: zip.finish(), contentType: "application/zip", filename: `${name}-sss.zip` };
}
