import type { Db } from "../client";
import { readStatedWeights } from "../../surveys/read-stated-weights";
import type { StudyDefinition } from "../../surveys/study-definition";
import { listProfileQuestions } from "./profile-questions";
import { getStudyMethods } from "./study-methods";
import { listAttributes, listOffers, type Study } from "./studies";

/** The study as `surveys/` sees it: what a questionnaire is built from and frozen with. */
export async function getStudyDefinition(db: Db, study: Study): Promise<StudyDefinition> {
  const offers = await listOffers(db, study.id);
  const attributes = await listAttributes(db, study.id);
  const profileQuestions = await listProfileQuestions(db, study.id);
  return {
    title: study.title,
    titleZh: study.titleZh,
    market: study.market,
    marketZh: study.marketZh,
    languages: study.languages.split(",").filter((l): l is "en" | "zh-CN" => l === "en" || l === "zh-CN"),
    offers: offers.map((o) => ({ code: o.code, name: o.name, nameZh: o.nameZh, own: o.isOwn })),
    attributes: attributes.map((a) => ({
      code: a.code,
      kind: a.kind,
      name: a.name,
      nameZh: a.nameZh,
      description: a.description,
      descriptionZh: a.descriptionZh,
      group: a.groupName,
      // Only a price attribute outside "money" carries one (absent = money).
      ...(a.kind === "price" && a.costGroup !== "money" ? { costGroup: a.costGroup } : {}),
    })),
    profileQuestions,
    statedWeights: readStatedWeights(study.statedWeightsJson),
    ratingLayout: study.ratingLayout,
    methods: await getStudyMethods(db, study.id),
  };
}
