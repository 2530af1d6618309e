import { listFocusGroupAnswers } from "../../../db/queries/focus-group";
import { countResponses } from "../../../db/queries/responses";
import type { Study } from "../../../db/queries/studies";
import type { MessageKey } from "~/i18n";
import type { Db } from "../../../db/client";
import { fieldworkWindowState } from "../fieldwork/fieldwork-window";
import { publishingStatus } from "./publish.server";

export type StepId = "design" | "focusGroup" | "adoptWeights" | "rating" | "fieldwork" | "report";
/**
 * done; now (the next thing to do); changes (done, but changed since); waiting; todo (later);
 * optional; skipped; interim (usable already, not final: the report while fieldwork is open).
 */
export type StepState = "done" | "now" | "changes" | "waiting" | "todo" | "optional" | "skipped" | "interim";

export interface StudyStep {
  id: StepId;
  state: StepState;
  /** One line on where the step stands. */
  status: { key: MessageKey; params?: Record<string, string | number> };
  /** The next action, a link to where it is done. */
  next: { key: MessageKey; href: string } | null;
}

/**
 * The guided path every study page shows: Design → Focus group → Adopt weights → Rating
 * questionnaire → Fieldwork → Report, each with its state and the next action. The focus group and
 * its weights are optional; once the rating stage is published without them they are skipped.
 */
export async function loadStudySteps(db: Db, study: Study, now = Date.now()): Promise<StudyStep[]> {
  const base = `/studies/${study.id}`;
  const status = await publishingStatus(db, study);
  const designIssues = status.rating.issues;
  const fgResponses = status.focusGroup.version !== null ? (await listFocusGroupAnswers(db, study.id)).length : 0;
  const complete = (await countResponses(db, study.id)).complete;
  const ratingPublished = status.rating.version !== null;
  const window = fieldworkWindowState({ opensAt: study.fieldworkOpensAt, closesAt: study.fieldworkClosesAt }, now);

  const design: StudyStep =
    designIssues.length === 0
      ? { id: "design", state: "done", status: { key: "studyNav.step.status.designReady" }, next: null }
      : { id: "design", state: "now", status: { key: designIssues[0]! }, next: { key: "studyNav.step.next.design", href: `${base}#offers` } };

  const focusGroup: StudyStep =
    status.focusGroup.version !== null
      ? { id: "focusGroup", state: "done", status: { key: "studyNav.step.status.focusGroup", params: { version: status.focusGroup.version, n: fgResponses } }, next: null }
      : ratingPublished
        ? { id: "focusGroup", state: "skipped", status: { key: "studyNav.step.status.skipped" }, next: null }
        : {
            id: "focusGroup",
            state: "optional",
            status: { key: "studyNav.step.status.focusGroupOptional" },
            next: status.focusGroup.issues.length === 0 ? { key: "studyNav.step.next.focusGroup", href: `${base}#publish-focus-group` } : null,
          };

  const adoptWeights: StudyStep =
    status.weights === "adopted"
      ? { id: "adoptWeights", state: "done", status: { key: "studyNav.step.status.weightsAdopted" }, next: null }
      : status.focusGroup.version === null
        ? { id: "adoptWeights", state: ratingPublished ? "skipped" : "optional", status: { key: "studyNav.step.status.weightsNeedFocusGroup" }, next: null }
        : fgResponses === 0
          ? { id: "adoptWeights", state: "waiting", status: { key: "studyNav.step.status.weightsWaiting" }, next: { key: "studyNav.step.next.shareFocusGroup", href: `${base}/distribution` } }
          : { id: "adoptWeights", state: ratingPublished ? "optional" : "now", status: { key: "studyNav.step.status.weightsReady", params: { n: fgResponses } }, next: { key: "studyNav.step.next.adoptWeights", href: `${base}/focus-group` } };

  const changes = status.rating.changes.length;
  const rating: StudyStep = !ratingPublished
    ? {
        id: "rating",
        state: designIssues.length === 0 ? "now" : "todo",
        status: { key: "studyNav.step.status.notPublished" },
        next: designIssues.length === 0 ? { key: "studyNav.step.next.publish", href: `${base}#publish` } : null,
      }
    : changes > 0
      ? { id: "rating", state: "changes", status: { key: "studyNav.step.status.changes", params: { version: status.rating.version!, n: changes } }, next: { key: "studyNav.step.next.republish", href: `${base}#publish` } }
      : { id: "rating", state: "done", status: { key: "studyNav.step.status.published", params: { version: status.rating.version! } }, next: null };

  const fieldwork: StudyStep = !ratingPublished
    ? { id: "fieldwork", state: "todo", status: { key: "studyNav.step.status.fieldworkNotPublished" }, next: null }
    : window === "open"
      ? { id: "fieldwork", state: complete > 0 ? "done" : "now", status: { key: "studyNav.step.status.fieldworkOpen", params: { n: complete } }, next: { key: "studyNav.step.next.share", href: `${base}/distribution` } }
      : window === "scheduled"
        ? { id: "fieldwork", state: "waiting", status: { key: "fieldwork.window.state.scheduled" }, next: { key: "studyNav.step.next.window", href: `${base}#window` } }
        : { id: "fieldwork", state: "done", status: { key: "studyNav.step.status.fieldworkClosed", params: { n: complete } }, next: null };

  const report: StudyStep =
    complete > 0
      ? { id: "report", state: window === "closed" ? "now" : "interim", status: { key: "studyNav.step.status.report", params: { n: complete } }, next: { key: "studyNav.step.next.report", href: `${base}/report` } }
      : { id: "report", state: "todo", status: { key: "studyNav.step.status.reportEmpty" }, next: null };

  return [design, focusGroup, adoptWeights, rating, fieldwork, report];
}
