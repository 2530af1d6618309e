import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStudyFor } from "../../../app/lib/design/create-study.server";
import { requireStudyRole } from "../../../app/lib/design/study-access.server";
import { upsertMember } from "../../../db/queries/members";
import { addUser } from "../../db/fixtures";
import { createTempDb, type TempDb } from "../../helpers/temp-db";

/** Who may open a study, decided by the service on a temporary database (no server). */
let temp: TempDb;
let ownerId: number;
let viewerId: number;
let outsiderId: number;
let studyId: number;

beforeAll(async () => {
  temp = await createTempDb();
  ownerId = (await addUser(temp.db, "owner@example.com")).id;
  viewerId = (await addUser(temp.db, "viewer@example.com")).id;
  outsiderId = (await addUser(temp.db, "outsider@example.com")).id;
  studyId = (await createStudyFor(temp.db, ownerId, { title: "Access study" })).id;
  await upsertMember(temp.db, { studyId, userId: viewerId, role: "viewer", now: Date.now() });
});
afterAll(() => temp.cleanup());

const status = (promise: Promise<unknown>) => promise.then(() => 200, (thrown: unknown) => (thrown instanceof Response ? thrown.status : 500));

describe("requireStudyRole (service, no server)", () => {
  it("gives the owner every role and a viewer the viewer role", async () => {
    expect((await requireStudyRole(temp.db, ownerId, String(studyId), "owner")).role).toBe("owner");
    expect((await requireStudyRole(temp.db, viewerId, String(studyId), "viewer")).role).toBe("viewer");
  });

  it("answers 403 to a member whose role is too low and 404 to anyone else or an unknown id", async () => {
    expect(await status(requireStudyRole(temp.db, viewerId, String(studyId), "editor"))).toBe(403);
    expect(await status(requireStudyRole(temp.db, outsiderId, String(studyId), "viewer"))).toBe(404);
    expect(await status(requireStudyRole(temp.db, ownerId, "999999", "viewer"))).toBe(404);
    expect(await status(requireStudyRole(temp.db, ownerId, "1abc", "viewer"))).toBe(404);
  });
});
