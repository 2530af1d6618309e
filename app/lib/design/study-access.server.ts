import { getMemberRole, getStudyById, listStudiesOfUser } from "../../../db/queries/members";
import { countResponses } from "../../../db/queries/responses";
import type { Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";

export type StudyRole = "owner" | "editor" | "viewer";
const rank: Record<StudyRole, number> = { viewer: 1, editor: 2, owner: 3 };

/** Whether `role` reaches `minimum` (owner > editor > viewer). */
export function roleReaches(role: StudyRole, minimum: StudyRole): boolean {
  return rank[role] >= rank[minimum];
}

/**
 * The study with the user's role in it when the role is at least `minimum`. A study the user
 * has no part in is a 404 (it does not exist for them); a member whose role is too low gets 403
 * (the study's pages show it as "view-only access").
 */
export async function requireStudyRole(db: Db, userId: number, studyId: string | undefined, minimum: StudyRole): Promise<{ study: Study; role: StudyRole }> {
  const id = Number(studyId);
  const study = Number.isSafeInteger(id) ? await getStudyById(db, id) : null;
  const role: StudyRole | null = !study ? null : study.ownerId === userId ? "owner" : await getMemberRole(db, { studyId: study.id, userId });
  if (!study || !role) throw new Response("Not found", { status: 404 });
  if (!roleReaches(role, minimum)) throw new Response(`this requires the ${minimum} role in the study`, { status: 403 });
  return { study, role };
}

/** The studies the user owns or is a member of, with the user's role. */
export async function listStudiesFor(db: Db, userId: number) {
  const out = [];
  for (const s of await listStudiesOfUser(db, userId)) {
    out.push({ role: s.role, id: s.id, title: s.title, titleZh: s.titleZh, complete: (await countResponses(db, s.id)).complete });
  }
  return out;
}
