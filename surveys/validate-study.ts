import { questionNameClashes } from "./question-name-clashes";
import type { StudyDefinition } from "./study-definition";

/** A reason the study cannot be published yet; `code` is an i18n key the app translates. */
export interface StudyIssue {
  field: "offers" | "attributes" | "title";
  code:
    | "study.issue.oneOwnOffer"
    | "study.issue.competitorRequired"
    | "study.issue.qualityAttributeRequired"
    | "study.issue.priceAttributeRequired"
    | "study.issue.duplicateCode"
    | "study.issue.nameClash"
    | "study.issue.titleRequired";
}

/** The rules a study must meet before its rating questionnaire can be published. */
export function validateStudy(study: StudyDefinition): StudyIssue[] {
  const issues: StudyIssue[] = [];
  if (study.title.trim() === "") issues.push({ field: "title", code: "study.issue.titleRequired" });
  const own = study.offers.filter((o) => o.own).length;
  if (own !== 1) issues.push({ field: "offers", code: "study.issue.oneOwnOffer" });
  if (study.offers.filter((o) => !o.own).length < 1) {
    issues.push({ field: "offers", code: "study.issue.competitorRequired" });
  }
  if (!study.attributes.some((a) => a.kind === "quality")) {
    issues.push({ field: "attributes", code: "study.issue.qualityAttributeRequired" });
  }
  if (!study.attributes.some((a) => a.kind === "price")) {
    issues.push({ field: "attributes", code: "study.issue.priceAttributeRequired" });
  }
  const codes = [...study.offers.map((o) => o.code), ...study.attributes.map((a) => a.code)];
  if (new Set(codes).size !== codes.length) issues.push({ field: "attributes", code: "study.issue.duplicateCode" });
  else if (questionNameClashes(study).length > 0) issues.push({ field: "attributes", code: "study.issue.nameClash" });
  return issues;
}
