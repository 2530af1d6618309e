import { isIncluded } from "../../../analysis/data-quality";
import { wonLostOutcome } from "../../../analysis/won-lost-outcome";
import type { AnalysisRespondent } from "../../../db/queries/analysis-respondents";
import { listRawRespondents, rawDataLayout, type RawDataLayout } from "../../../db/queries/raw-data";
import type { Cell } from "./export-cells.server";
import type { Db } from "../../../db/client";
import type { ReportOptions } from "../report/report-options.server";

/** Raw data with stable variable names (docs/export-format.md): header and rows, built lazily. */
export interface RawData {
  header: string[];
  rows: Iterable<Cell[]>;
  /** respondents exported */
  count: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The respondents the report's filters keep (flagged in/out and review, segment answer, wave). */
export function filterRespondents(respondents: AnalysisRespondent[], options: Pick<ReportOptions, "flagged" | "segment" | "wave">): AnalysisRespondent[] {
  return respondents.filter(
    (r) =>
      isIncluded(r.flags, r.review, options.flagged) &&
      (!options.segment || r.profile[options.segment.question] === options.segment.value) &&
      (options.wave === undefined || r.wave === options.wave),
  );
}

/**
 * Wide layout: one row per respondent. respondent_id, wave, locale, questionnaire_version,
 * started_at, completed_at (ISO 8601 UTC), duration_s, flags (";"-separated), review,
 * profile_<question>, quality_share, weight_<attribute>, rating_<offer>_<attribute>,
 * overall_<offer>, worth_<offer>, known_<offer> (1/0), chose (offer code), considered_<offer> (1/0),
 * won_lost (the respondent's group in the report's won/lost section, `wonLostOutcome`).
 */
export function wideData(layout: RawDataLayout, respondents: AnalysisRespondent[]): RawData {
  const { offers, attributes, profile } = layout;
  const header = [
    "respondent_id",
    "wave",
    "locale",
    "questionnaire_version",
    "started_at",
    "completed_at",
    "duration_s",
    "flags",
    "review",
    ...profile.map((p) => `profile_${p}`),
    "quality_share",
    ...attributes.map((a) => `weight_${a.code}`),
    ...offers.flatMap((o) => attributes.map((a) => `rating_${o}_${a.code}`)),
    ...offers.map((o) => `overall_${o}`),
    ...offers.map((o) => `worth_${o}`),
    ...offers.map((o) => `known_${o}`),
    "chose",
    ...offers.map((o) => `considered_${o}`),
    "won_lost",
  ];
  function* rows(): Generator<Cell[]> {
    for (const r of respondents) {
      const known = new Set(r.known);
      const considered = new Set(r.considered);
      yield [
        r.id,
        r.wave,
        r.locale,
        r.questionnaireVersion,
        iso(r.startedAt),
        iso(r.completedAt),
        Math.round((r.completedAt - r.startedAt) / 1000),
        r.flags.join(";"),
        r.review ?? "",
        ...profile.map((p) => r.profile[p] ?? null),
        r.qualityShare,
        ...attributes.map((a) => r.weights[a.code] ?? null),
        ...offers.flatMap((o) => attributes.map((a) => r.ratings[o]?.[a.code] ?? null)),
        ...offers.map((o) => r.overall[o] ?? null),
        ...offers.map((o) => r.worth[o] ?? null),
        ...offers.map((o) => (known.has(o) ? 1 : 0)),
        r.chose,
        ...offers.map((o) => (considered.has(o) ? 1 : 0)),
        layout.own === null ? null : wonLostOutcome({ ...(r.chose !== null ? { chose: r.chose } : {}), considered: r.considered }, layout.own),
      ];
    }
  }
  return { header, rows: { [Symbol.iterator]: rows }, count: respondents.length };
}

/** Long layout: one row per rating: respondent_id, wave, offer, attribute, kind, score. */
export function longData(layout: RawDataLayout, respondents: AnalysisRespondent[]): RawData {
  const header = ["respondent_id", "wave", "offer", "attribute", "kind", "score"];
  function* rows(): Generator<Cell[]> {
    for (const r of respondents) {
      for (const o of layout.offers) {
        const ratings = r.ratings[o];
        if (!ratings) continue;
        for (const a of layout.attributes) {
          const score = ratings[a.code];
          if (score !== undefined) yield [r.id, r.wave, o, a.code, a.kind, score];
        }
      }
    }
  }
  return { header, rows: { [Symbol.iterator]: rows }, count: respondents.length };
}

/** The study's raw data in one layout, with the report's respondent filters applied. */
export async function loadRawData(db: Db, studyId: number, layout: "wide" | "long", options: Pick<ReportOptions, "flagged" | "segment" | "wave">): Promise<RawData> {
  const shape = await rawDataLayout(db, studyId);
  const respondents = filterRespondents(await listRawRespondents(db, studyId, shape), options);
  return layout === "wide" ? wideData(shape, respondents) : longData(shape, respondents);
}
