import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShareLink, revokeShareLinkOf, studyOfShareToken } from "../../../app/lib/sharing/share.server";
import type { Study } from "../../../db/queries/studies";
import { addStudy, addUser } from "../../db/fixtures";
import { createTempDb, type TempDb } from "../../helpers/temp-db";

/** Read-only share links, through the share page's services (no server). */
let temp: TempDb;
let userId: number;
let study: Study;
let other: Study;

const audited = async (action: string) =>
  (await temp.db.rows<{ detail: string }>(sql`select detail from audit_events where study_id = ${study.id} and action = ${action} order by id`)).map((r) => r.detail);

beforeAll(async () => {
  temp = await createTempDb();
  userId = (await addUser(temp.db, "sharer@example.com")).id;
  study = (await addStudy(temp.db, { ownerId: userId, token: "shared-study" })).study;
  other = (await addStudy(temp.db, { ownerId: userId, token: "other-study", title: "Other" })).study;
});
afterAll(() => temp.cleanup());

describe("share links (services)", () => {
  it("creates a link whose token opens the study, storing only its SHA-256, audited", async () => {
    const link = await createShareLink(temp.db, study, userId);
    expect(link.path).toMatch(/^\/r\/[A-Za-z0-9_-]{43}$/);
    const token = link.path.slice(3);
    expect((await studyOfShareToken(temp.db, token))?.id).toBe(study.id);
    const stored = await temp.db.rows<{ token_hash: string }>(sql`select token_hash from share_links where id = ${link.id}`);
    expect(stored).toEqual([{ token_hash: crypto.createHash("sha256").update(token).digest("hex") }]);
    expect(await audited("shareCreate")).toContain(`#${link.id}`);
  });

  it("revokes a link once: it stops opening the study; again, or through another study, is refused and records nothing", async () => {
    const link = await createShareLink(temp.db, study, userId);
    const token = link.path.slice(3);
    expect(await revokeShareLinkOf(temp.db, other, userId, { linkId: link.id })).toEqual({ ok: false, error: "exports.share.notActive" });
    expect((await studyOfShareToken(temp.db, token))?.id).toBe(study.id);
    expect(await revokeShareLinkOf(temp.db, study, userId, { linkId: link.id })).toEqual({ ok: true });
    expect(await studyOfShareToken(temp.db, token)).toBeNull();
    expect(await revokeShareLinkOf(temp.db, study, userId, { linkId: link.id })).toEqual({ ok: false, error: "exports.share.notActive" });
    expect((await audited("shareRevoke")).filter((d) => d === `#${link.id}`)).toHaveLength(1);
  });
});
