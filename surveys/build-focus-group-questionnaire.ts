import { COMMON_SURVEY_OPTIONS, qualityShareElements, type SurveyElement, type SurveyJson, type SurveyPage } from "./build-rating-questionnaire";
import { localized } from "./localized";
import { MAX_SUGGESTIONS, questionNames as q } from "./question-names";
import { texts } from "./questionnaire-texts";
import { maxDiffPages } from "./maxdiff-questions";
import type { AttributeDefinition, StudyDefinition } from "./study-definition";
import { maxDiffItems } from "./study-methods";

type Kind = "quality" | "price";
const KINDS: Kind[] = ["quality", "price"];
const attributeChoice = (a: AttributeDefinition) => ({ value: a.code, text: localized(a.name, a.nameZh) });

/** The attributes of a kind the respondent chooses from; a kind with a single attribute is not asked (it gets 100). */
export function askedAttributes(study: StudyDefinition, kind: Kind): AttributeDefinition[] {
  const attrs = study.attributes.filter((a) => a.kind === kind);
  return attrs.length >= 2 ? attrs : [];
}

function mattersQuestion(study: StudyDefinition, kind: Kind): SurveyElement[] {
  const attrs = askedAttributes(study, kind);
  if (attrs.length === 0) return [];
  return [
    {
      type: "checkbox",
      name: q.matters(kind),
      title: kind === "quality" ? texts.mattersQualityTitle : texts.mattersPriceTitle,
      description: texts.mattersDescription,
      isRequired: true,
      choices: attrs.map(attributeChoice),
    },
  ];
}

/**
 * One number per attribute that matters (hidden otherwise), and a live total that must be 100;
 * none for a kind asked by MaxDiff (its tasks come after).
 */
function pointsQuestions(study: StudyDefinition, kind: Kind): SurveyElement[] {
  const attrs = askedAttributes(study, kind);
  if (attrs.length === 0 || maxDiffItems(study, "focusGroup", kind).length > 0) return [];
  const refs = attrs.map((a) => `{${q.points(a.code)}}`).join(", ");
  return [
    {
      type: "panel",
      name: `points_${kind}`,
      title: kind === "quality" ? texts.pointsQualityTitle : texts.pointsPriceTitle,
      elements: attrs.map((a) => ({
        type: "text",
        name: q.points(a.code),
        title: localized(a.name, a.nameZh),
        inputType: "number",
        min: 0,
        max: 100,
        isRequired: true,
        visibleIf: `{${q.matters(kind)}} contains '${a.code}'`,
      })),
    },
    {
      type: "expression",
      name: q.pointsTotal(kind),
      title: texts.weightsTotal,
      expression: `sum(${refs})`,
      displayStyle: "decimal",
      validators: [{ type: "expression", expression: `sum(${refs}) = 100`, text: texts.weightsSum }],
    },
  ];
}

function suggestionQuestions(): SurveyElement[] {
  const elements: SurveyElement[] = [];
  for (let n = 1; n <= MAX_SUGGESTIONS; n++) {
    elements.push({
      type: "text",
      name: q.suggestion(n),
      title: texts.suggestionTitle,
      maxLength: 120,
      ...(n > 1 ? { visibleIf: `{${q.suggestion(n - 1)}} notempty` } : {}),
    });
    elements.push({
      type: "text",
      name: q.suggestionPoints(n),
      title: texts.suggestionPointsTitle,
      inputType: "number",
      min: 0,
      max: 100,
      visibleIf: `{${q.suggestion(n)}} notempty`,
    });
  }
  return elements;
}

/**
 * Builds the focus-group questionnaire (Gale steps 1-2; product.md): which listed attributes
 * matter (per kind), up to five new attributes in free text with optional points, 100 points
 * across the attributes that matter within each kind, and the quality/price split. Values of
 * questions that get hidden are cleared at once, so the live totals count only what is shown.
 * `readFocusGroupResponse` turns the answers into the stored rows. A kind asked by MaxDiff
 * (study-methods.ts) gets MaxDiff tasks over all its listed attributes instead of points.
 */
export function buildFocusGroupQuestionnaire(study: StudyDefinition): SurveyJson {
  const pointsPage: SurveyPage = {
    name: "points",
    title: texts.pointsPageTitle,
    elements: KINDS.flatMap((k) => pointsQuestions(study, k)),
  };
  return {
    title: localized(study.title, study.titleZh),
    description: localized(study.market, study.marketZh),
    ...COMMON_SURVEY_OPTIONS,
    clearInvisibleValues: "onHidden",
    completedHtml: texts.completed,
    pages: [
      { name: "matters", title: texts.mattersPageTitle, elements: KINDS.flatMap((k) => mattersQuestion(study, k)) },
      { name: "suggestions", title: texts.suggestionsPageTitle, elements: suggestionQuestions() },
      ...(pointsPage.elements.length > 0 ? [pointsPage] : []),
      ...maxDiffPages(study, "focusGroup"),
      { name: "split", title: texts.splitPageTitle, elements: qualityShareElements() },
    ].filter((p) => p.elements.length > 0),
  };
}
