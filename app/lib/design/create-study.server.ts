import crypto from "node:crypto";
import { recordAuditEvent } from "../../../db/queries/audit";
import { createStudy } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";

/** A new study of `ownerId` with its title (validated by the form's schema), both languages on. */
export async function createStudyFor(db: Db, ownerId: number, input: { title: string }): Promise<{ id: number }> {
  const now = Date.now();
  const study = await createStudy(db, {
    ownerId,
    publicToken: crypto.randomBytes(9).toString("base64url"),
    title: input.title,
    titleZh: null,
    market: "",
    marketZh: null,
    languages: "en,zh-CN",
    now,
  });
  await recordAuditEvent(db, { studyId: study.id, userId: ownerId, action: "create", detail: study.title, now });
  return { id: study.id };
}
