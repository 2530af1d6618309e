import type { ProfileQuestionDefinition } from "../../../../surveys/study-definition";
import { wonLostOutcome } from "../../../../analysis/won-lost-outcome";
import type { WonLostOutcome } from "../../../../analysis/types";
import { texts } from "../../../../surveys/questionnaire-texts";
import type { Localized as SurveyText } from "../../../../surveys/localized";
import type { Locale, MessageKey, Params } from "~/i18n/index";
import { MISSING_CODES, type LabelledCell, type LabelledDataset, type LabelledVariable, type Localized, type ValueLabel } from "./labelled-dataset";

/** A respondent as the raw data has it (db/queries/analysis-respondents.ts). */
export interface WideRespondent {
  id: number;
  wave: number;
  locale: string;
  questionnaireVersion: number;
  startedAt: number;
  completedAt: number;
  flags: readonly string[];
  review: string | null;
  profile: Record<string, string>;
  qualityShare: number | null;
  weights: Record<string, number>;
  ratings: Record<string, Record<string, number>>;
  overall: Record<string, number>;
  worth: Record<string, number>;
  known: readonly string[];
  chose: string | null;
  considered: readonly string[];
}

/** What the labelled wide file is built from: the raw data's layout and respondents, with the names. */
export interface LabelledWideSource {
  study: { title: string; titleZh: string | null };
  /** the codes that make the variable names, in the study's order (db/queries/raw-data.ts) */
  layout: { offers: string[]; own: string | null; attributes: Array<{ code: string; kind: "quality" | "price" }>; profile: string[] };
  offers: Array<{ code: string; name: string; nameZh: string | null }>;
  attributes: Array<{ code: string; name: string; nameZh: string | null }>;
  profile: ProfileQuestionDefinition[];
  /** per published rating-questionnaire version: the offer and attribute codes it asked about */
  versions: Map<number, { offers: Set<string>; attributes: Set<string> }>;
  /** the respondents exported (the report's filters applied), id order */
  respondents: readonly WideRespondent[];
  createdAt: number;
  /** the whole dictionary's translator (i18n/messages.server.ts `translate`) */
  translate: (locale: Locale, key: MessageKey, params?: Params) => string;
}

const both = (en: string, zh: string | null | undefined): Localized => ({ en, "zh-CN": zh && zh.trim() !== "" ? zh : en });
const fromSurvey = (text: SurveyText): Localized => ({ en: text.default, "zh-CN": text["zh-cn"] });

const iso = (ms: number) => new Date(ms).toISOString();

/** `won_lost` numbered in the report's order, labelled with the report's group names. */
const WON_LOST: Array<[WonLostOutcome, MessageKey]> = [
  ["won", "report.wonLost.group.won"],
  ["lost", "report.wonLost.group.lost"],
  ["bought-competitor-without-considering-own", "report.wonLost.group.withoutConsideringOwn"],
  ["bought-competitor-consideration-unknown", "report.wonLost.group.considerationUnknown"],
  ["no-purchase", "report.wonLost.group.noPurchase"],
];

function variable(name: string, label: Localized, type: "numeric" | "string", more: Partial<LabelledVariable> = {}): LabelledVariable {
  return { name, label, type, decimals: 0, measure: type === "string" ? "nominal" : "scale", valueLabels: [], missing: [], ...more };
}


/** A 1-10 scale with its end labels as the questionnaire shows them. */
/** The scale's end labels as the respondent read them, without the score they name ("1 = Very poor" → "Very poor"). */
const endWord = (text: SurveyText): SurveyText => {
  const word = (value: string) => value.replace(/^\s*\d+\s*=\s*/, "");
  return { default: word(text.default), "zh-cn": word(text["zh-cn"]) };
};
const scale = (low: SurveyText, high: SurveyText): ValueLabel[] => [
  { value: 1, label: fromSurvey(endWord(low)) },
  { value: 10, label: fromSurvey(endWord(high)) },
];

/**
 * The labelled wide raw data: the same variables, in the same order and with the same names, as
 * `raw-wide.csv` (docs/export-format.md), labelled in both languages. Differences from the CSV:
 * a rating, overall or worth score that is absent holds 98 "don't know" (the respondent knows
 * the offer and was asked) or 99 "not asked" (the respondent does not know the offer, or the
 * questionnaire version did not have the offer or the attribute); choice profile questions,
 * `chose` and `won_lost` are numbered 1.. in the study's (or the report's) order with the choice,
 * offer or group as value label.
 */
export function labelledWide(source: LabelledWideSource): LabelledDataset {
  const { layout, respondents, translate } = source;
  const message = (key: MessageKey, params?: (locale: Locale) => Record<string, string>): Localized => ({
    en: translate("en", key, params?.("en")),
    "zh-CN": translate("zh-CN", key, params?.("zh-CN")),
  });
  /** "Don't know" and "not asked", with the questionnaire's own wording for don't know. */
  const MISSING: LabelledVariable["missing"] = [
    { kind: "dontKnow", value: MISSING_CODES.dontKnow, label: fromSurvey(texts.dontKnow) },
    { kind: "notAsked", value: MISSING_CODES.notAsked, label: message("exports.value.notAsked") },
  ];
  const offerName = new Map(source.offers.map((o) => [o.code, both(o.name, o.nameZh)]));
  const attributeName = new Map(source.attributes.map((a) => [a.code, both(a.name, a.nameZh)]));
  const offer = (code: string) => offerName.get(code) ?? both(code, null);
  const attribute = (code: string) => attributeName.get(code) ?? both(code, null);
  const questions = new Map(source.profile.map((q) => [q.code, q]));
  const yesNo: ValueLabel[] = [
    { value: 0, label: message("exports.value.no") },
    { value: 1, label: message("exports.value.yes") },
  ];
  const profileVariables = layout.profile.map((code) => {
    const q = questions.get(code);
    const label = q ? both(q.text, q.textZh) : both(code, null);
    if (q?.kind === "choice") {
      return variable(`profile_${code}`, label, "numeric", {
        measure: "nominal",
        valueLabels: q.choices.map((c, i) => ({ value: i + 1, label: both(c.label, c.labelZh) })),
      });
    }
    return variable(`profile_${code}`, label, "string");
  });
  const rated = { measure: "ordinal" as const, missing: MISSING };
  const variables: LabelledVariable[] = [
    variable("respondent_id", message("exports.var.respondentId"), "numeric", { measure: "nominal" }),
    variable("wave", message("exports.var.wave"), "numeric", { measure: "ordinal" }),
    variable("locale", message("exports.var.locale"), "string"),
    variable("questionnaire_version", message("exports.var.questionnaireVersion"), "numeric", { measure: "ordinal" }),
    variable("started_at", message("exports.var.startedAt"), "string"),
    variable("completed_at", message("exports.var.completedAt"), "string"),
    variable("duration_s", message("exports.var.duration"), "numeric"),
    variable("flags", message("exports.var.flags"), "string"),
    variable("review", message("exports.var.review"), "string"),
    ...profileVariables,
    variable("quality_share", message("exports.var.qualityShare"), "numeric", { decimals: 2 }),
    ...layout.attributes.map((a) =>
      variable(`weight_${a.code}`, message("exports.var.weight", (l) => ({ attribute: attribute(a.code)[l] })), "numeric", { decimals: 2 }),
    ),
    ...layout.offers.flatMap((o) =>
      layout.attributes.map((a) =>
        variable(`rating_${o}_${a.code}`, message("exports.var.rating", (l) => ({ offer: offer(o)[l], attribute: attribute(a.code)[l] })), "numeric", {
          ...rated,
          // Price attributes are rated as satisfaction with what the offer costs.
          valueLabels: a.kind === "price" ? scale(texts.minSatisfied, texts.maxSatisfied) : scale(texts.minRate, texts.maxRate),
        }),
      ),
    ),
    ...layout.offers.map((o) =>
      variable(`overall_${o}`, message("exports.var.overall", (l) => ({ offer: offer(o)[l] })), "numeric", { ...rated, valueLabels: scale(texts.minRate, texts.maxRate) }),
    ),
    ...layout.offers.map((o) =>
      variable(`worth_${o}`, message("exports.var.worth", (l) => ({ offer: offer(o)[l] })), "numeric", { ...rated, valueLabels: scale(texts.minWorth, texts.maxWorth) }),
    ),
    ...layout.offers.map((o) => variable(`known_${o}`, message("exports.var.known", (l) => ({ offer: offer(o)[l] })), "numeric", { measure: "nominal", valueLabels: yesNo })),
    variable("chose", message("exports.var.chose"), "numeric", {
      measure: "nominal",
      valueLabels: layout.offers.map((o, i) => ({ value: i + 1, label: offer(o) })),
    }),
    ...layout.offers.map((o) =>
      variable(`considered_${o}`, message("exports.var.considered", (l) => ({ offer: offer(o)[l] })), "numeric", { measure: "nominal", valueLabels: yesNo }),
    ),
    variable("won_lost", message("exports.var.wonLost"), "numeric", {
      measure: "nominal",
      valueLabels: WON_LOST.map(([, key], i) => ({ value: i + 1, label: message(key) })),
    }),
  ];

  const choiceNumber = new Map(
    source.profile.filter((q) => q.kind === "choice").map((q) => [q.code, new Map(q.choices.map((c, i) => [c.code, i + 1]))]),
  );
  const offerNumber = new Map(layout.offers.map((o, i) => [o, i + 1]));
  function* rows(): Generator<LabelledCell[]> {
    for (const r of respondents) {
      const known = new Set(r.known);
      const considered = new Set(r.considered);
      const asked = source.versions.get(r.questionnaireVersion);
      const offerAsked = (o: string) => known.has(o) && (!asked || asked.offers.has(o));
      const absent = (o: string, a?: string) =>
        offerAsked(o) && (a === undefined || !asked || asked.attributes.has(a)) ? MISSING_CODES.dontKnow : MISSING_CODES.notAsked;
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
        ...layout.profile.map((p) => {
          const answer = r.profile[p];
          if (answer === undefined) return null;
          const numbers = choiceNumber.get(p);
          return numbers ? (numbers.get(answer) ?? null) : answer;
        }),
        r.qualityShare,
        ...layout.attributes.map((a) => r.weights[a.code] ?? null),
        ...layout.offers.flatMap((o) => layout.attributes.map((a) => r.ratings[o]?.[a.code] ?? absent(o, a.code))),
        ...layout.offers.map((o) => r.overall[o] ?? absent(o)),
        ...layout.offers.map((o) => r.worth[o] ?? absent(o)),
        ...layout.offers.map((o) => (known.has(o) ? 1 : 0)),
        r.chose === null ? null : (offerNumber.get(r.chose) ?? null),
        ...layout.offers.map((o) => (considered.has(o) ? 1 : 0)),
        layout.own === null
          ? null
          : WON_LOST.findIndex(([group]) => group === wonLostOutcome({ ...(r.chose !== null ? { chose: r.chose } : {}), considered: [...r.considered] }, layout.own!)) + 1,
      ];
    }
  }
  return {
    label: both(source.study.title, source.study.titleZh),
    variables,
    rows: { [Symbol.iterator]: rows },
    count: respondents.length,
    createdAt: source.createdAt,
  };
}
