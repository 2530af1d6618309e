import { countInvitations, listInvitations } from "../../../db/queries/invitations";
import { getLatestQuestionnaire } from "../../../db/queries/questionnaires";
import type { Study } from "../../../db/queries/studies";
import { stageParam, type Stage } from "../../../surveys/stage";
import type { Db } from "../../../db/client";
import { invitationLink, stageLink } from "./links.server";

export const INVITATIONS_PER_PAGE = 100;

/** The distribution page: links of both stages, QR code downloads, invitations (one page). */
export async function loadDistribution(db: Db, study: Study, origin: string, page: number) {
  const counts = await countInvitations(db, study.id);
  const pages = Math.max(1, Math.ceil(counts.total / INVITATIONS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const stage = async (stage: Stage) => ({
    stage,
    /** The stage as its link and the QR code downloads spell it. */
    param: stageParam(stage),
    published: (await getLatestQuestionnaire(db, study.id, stage))?.version ?? null,
    link: stageLink(origin, study, stage),
  });
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh },
    stages: [await stage("rating"), await stage("focus_group")],
    counts,
    page: current,
    pages,
    invitations: (await listInvitations(db, { studyId: study.id, limit: INVITATIONS_PER_PAGE, offset: (current - 1) * INVITATIONS_PER_PAGE })).map((i) => ({
      ...i,
      link: invitationLink(origin, study, i.token),
    })),
  };
}
