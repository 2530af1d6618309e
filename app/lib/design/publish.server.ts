import { recordAuditEvent } from "../../../db/queries/audit";
import { getLatestQuestionnaire, publishQuestionnaire, type QuestionnaireStage } from "../../../db/queries/questionnaires";
import type { Study } from "../../../db/queries/studies";
import { getStudyDefinition } from "../../../db/queries/study-definition";
import { buildFocusGroupQuestionnaire } from "../../../surveys/build-focus-group-questionnaire";
import { buildRatingQuestionnaire } from "../../../surveys/build-rating-questionnaire";
import { definitionChanges, type DefinitionChange } from "../../../surveys/definition-changes";
import { StudyDefinitionSchema, type StudyDefinition } from "../../../surveys/study-definition";
import { validateStudy } from "../../../surveys/validate-study";
import type { MessageKey } from "~/i18n";
import type { Db } from "../../../db/client";
import { done, refused, type DesignResult } from "./design-result";
import type { PublishingStatus, StageStatus } from "./publishing-status";

/** What the focus-group stage needs (no offers). */
const FOCUS_GROUP_ISSUES = new Set<MessageKey>([
  "study.issue.qualityAttributeRequired",
  "study.issue.priceAttributeRequired",
  "study.issue.duplicateCode",
  "study.issue.nameClash",
  "study.issue.titleRequired",
]);

/** Changes that alter the focus-group questionnaire (it shows the study and its attributes only; it has no ratings to lay out). */
const touchesFocusGroup = (c: DefinitionChange) => (c.part === "study" && c.field !== "ratingLayout") || c.part === "attribute" || (c.part === "order" && c.list === "attributes");

/** What the focus-group questionnaire is built from: the definition without the attributes' cost groups (it asks no prices). */
const focusGroupView = (d: StudyDefinition): StudyDefinition => ({ ...d, attributes: d.attributes.map(({ costGroup: _costGroup, ...a }) => a) });

function frozenDefinition(json: string): StudyDefinition | null {
  try {
    const parsed = StudyDefinitionSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function stageStatus(db: Db, study: Study, stage: QuestionnaireStage, now: StudyDefinition, issues: MessageKey[]): Promise<StageStatus> {
  const latest = await getLatestQuestionnaire(db, study.id, stage);
  if (!latest) return { version: null, publishedAt: null, changes: [], issues };
  const before = frozenDefinition(latest.definitionJson);
  if (!before) return { version: latest.version, publishedAt: latest.publishedAt, changes: [], issues };
  const changes = stage === "focus_group" ? definitionChanges(focusGroupView(before), focusGroupView(now)).filter(touchesFocusGroup) : definitionChanges(before, now);
  return { version: latest.version, publishedAt: latest.publishedAt, changes, issues };
}

/** Both stages: their newest versions, what changed since, and what prevents publishing. */
export async function publishingStatus(db: Db, study: Study): Promise<PublishingStatus> {
  const definition = await getStudyDefinition(db, study);
  const issues = validateStudy(definition).map((i) => i.code as MessageKey);
  const rating = await stageStatus(db, study, "rating", definition, issues);
  const focusGroup = await stageStatus(db, study, "focus_group", definition, issues.filter((c) => FOCUS_GROUP_ISSUES.has(c)));
  const weights = definition.statedWeights ? "adopted" : focusGroup.version !== null ? "askedAfterFocusGroup" : "asked";
  return { rating, focusGroup, weights };
}

/**
 * Freezes a new version of a stage from the study as it is now. Version 1 needs no confirmation;
 * a later version (N+1) only with `confirmed` (the page shows what changed first).
 */
async function publishStage(db: Db, study: Study, userId: number, stage: QuestionnaireStage, confirmed: boolean): Promise<DesignResult> {
  const status = await publishingStatus(db, study);
  const own = stage === "rating" ? status.rating : status.focusGroup;
  if (own.issues.length > 0) return refused({ "": own.issues });
  if (own.version !== null && !confirmed) return refused({ "": ["study.error.confirmRepublish"] });
  const definition = await getStudyDefinition(db, study);
  const survey = stage === "rating" ? buildRatingQuestionnaire(definition) : buildFocusGroupQuestionnaire(definition);
  const q = await publishQuestionnaire(db, { studyId: study.id, stage, definitionJson: JSON.stringify(definition), surveyJson: JSON.stringify(survey), now: Date.now() });
  const action = stage === "rating" ? "publish" : "publishFocusGroup";
  const detail = stage === "rating" ? `version ${q.version}` : `focus group version ${q.version}`;
  await recordAuditEvent(db, { studyId: study.id, userId, action, detail, now: Date.now() });
  return done(stage === "rating" ? "study.notice.published" : "study.notice.publishedFocusGroup", { version: String(q.version) });
}

export const publishRating = (db: Db, study: Study, userId: number, input: { confirmed: boolean }) => publishStage(db, study, userId, "rating", input.confirmed);
export const publishFocusGroup = (db: Db, study: Study, userId: number, input: { confirmed: boolean }) => publishStage(db, study, userId, "focus_group", input.confirmed);
