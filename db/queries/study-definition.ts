import type { Db } from "../client";
import { StatedWeightsSchema, type StudyDefinition } from "../../surveys/study-definition";
import { listProfileQuestions } from "./profile-questions";
import { listAttributes, listOffers, type Study } from "./studies";

/** The study as `surveys/` sees it: what a questionnaire is built from and frozen with. */
export function getStudyDefinition(db: Db, study: Study): StudyDefinition {
  return {
    title: study.title,
    titleZh: study.titleZh,
    market: study.market,
    marketZh: study.marketZh,
    languages: study.languages.split(",").filter((l): l is "en" | "zh-CN" => l === "en" || l === "zh-CN"),
    offers: listOffers(db, study.id).map((o) => ({ code: o.code, name: o.name, nameZh: o.nameZh, own: o.isOwn })),
    attributes: listAttributes(db, study.id).map((a) => ({
      code: a.code,
      kind: a.kind,
      name: a.name,
      nameZh: a.nameZh,
      description: a.description,
      descriptionZh: a.descriptionZh,
      group: a.groupName,
      direction: a.direction,
    })),
    profileQuestions: listProfileQuestions(db, study.id),
    statedWeights: study.statedWeightsJson ? StatedWeightsSchema.parse(JSON.parse(study.statedWeightsJson)) : null,
  };
}
