import type { Db } from "../../../db/client";
import { listProfileQuestions } from "../../../db/queries/profile-questions";
import { askedByVersion, listRawRespondents, rawDataLayout } from "../../../db/queries/raw-data";
import { listAttributes, listOffers, type Study } from "../../../db/queries/studies";
import type { Locale } from "~/i18n/index";
import { translate } from "~/i18n/messages.server";
import { csvText } from "./export-csv.server";
import { filterRespondents } from "./export-raw.server";
import { ZipWriter } from "./export-zip.server";
import type { ReportOptions } from "../report/report-options.server";
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
    translate,
  });
}

export interface LabelledFile {
  body: Uint8Array;
  contentType: string;
  filename: string;
}

/**
 * One labelled file, labels in `locale`. `fileName(figure, extension)` names the download and
 * the files inside a ZIP (`raw-wide-<locale>`, `raw-wide-<locale>-r`, ...).
 */
export function labelledFile(dataset: LabelledDataset, format: LabelledFormat, locale: Locale, fileName: (figure: string, extension: string) => string): LabelledFile {
  const figure = `raw-wide-${locale}`;
  if (format === "sav") return { body: savFile(dataset, locale), contentType: "application/x-spss-sav", filename: fileName(figure, "sav") };
  if (format === "dta") return { body: dtaFile(dataset, locale), contentType: "application/x-stata-dta", filename: fileName(figure, "dta") };
  const zip = new ZipWriter();
  if (format === "r") {
    const csv = fileName(figure, "csv");
    zip.addText(csv, csvText(dataset.variables.map((v) => v.name), dataset.rows));
    zip.addText(fileName(figure, "R"), rScript(dataset, locale, csv));
    return { body: zip.finish(), contentType: "application/zip", filename: fileName(`${figure}-r`, "zip") };
  }
  const data = fileName(figure, "asc");
  const { xml, data: text } = tripleS(dataset, locale, { survey: fileName(figure, "sss").replace(/\.sss$/, ""), dataFile: data });
  zip.addText(fileName(figure, "sss"), xml);
  zip.addText(data, text);
  return { body: zip.finish(), contentType: "application/zip", filename: fileName(`${figure}-sss`, "zip") };
}
