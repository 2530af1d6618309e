import { recordAuditEvent } from "../../../db/queries/audit";
import { updateStudy, type Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";
import { done, type DesignResult } from "./design-result";

export interface StudyDetails {
  title: string;
  titleZh?: string;
  market?: string;
  marketZh?: string;
  languages: Array<"en" | "zh-CN">;
}

/** Title, market description and questionnaire languages (validated by the form's schema). */
export async function saveStudyDetails(db: Db, study: Study, userId: number, input: StudyDetails): Promise<DesignResult> {
  const now = Date.now();
  await updateStudy(db, {
    id: study.id,
    ownerId: study.ownerId,
    fields: {
      title: input.title,
      titleZh: input.titleZh ?? null,
      market: input.market ?? "",
      marketZh: input.marketZh ?? null,
      languages: [...new Set(input.languages)].join(","),
    },
    now,
  });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "details", detail: input.title, now });
  return done("study.saved");
}
