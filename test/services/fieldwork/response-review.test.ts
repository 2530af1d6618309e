import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewResponse } from "../../../app/lib/fieldwork/responses.server";
import { getStudyByToken } from "../../../db/queries/studies";
import { addStudy, addUser } from "../../db/fixtures";
import { demoDb } from "../demo-db";

/** Including and excluding a response by hand, through the responses page's service (no server). */
let demo: Awaited<ReturnType<typeof demoDb>>;
let responseId: number;
const reviewOf = async (id: number) => (await demo.db.rows<{ review: string | null }>(sql`select review from responses where id = ${id}`))[0]!.review;
const reviews = async () =>
  (await demo.db.rows<{ detail: string }>(sql`select detail from audit_events where study_id = ${demo.study.id} and action = 'review' order by id`)).map((r) => r.detail);

beforeAll(async () => {
  demo = await demoDb();
  responseId = (await demo.db.rows<{ id: number }>(
    sql`select r.id from responses r join questionnaires q on q.id = r.questionnaire_id where q.study_id = ${demo.study.id} and q.stage = 'rating' and r.status = 'complete' order by r.id limit 1`,
  ))[0]!.id;
});
afterAll(() => demo.cleanup());

describe("reviewResponse (service)", () => {
  it("excludes, includes and resets a response, each audited", async () => {
    const study = (await getStudyByToken(demo.db, "demo"))!;
    expect(await reviewResponse(demo.db, study, study.ownerId, { responseId, review: "exclude" })).toEqual({ ok: true });
    expect(await reviewOf(responseId)).toBe("exclude");
    await reviewResponse(demo.db, study, study.ownerId, { responseId, review: "include" });
    expect(await reviewOf(responseId)).toBe("include");
    await reviewResponse(demo.db, study, study.ownerId, { responseId, review: "reset" });
    expect(await reviewOf(responseId)).toBeNull();
    expect(await reviews()).toEqual([`response ${responseId}: exclude`, `response ${responseId}: include`, `response ${responseId}: reset`]);
  });

  it("answers 404 for a response of another study and changes nothing", async () => {
    const otherOwner = (await addUser(demo.db, "other-owner@example.com")).id;
    const { study: other } = await addStudy(demo.db, { ownerId: otherOwner, token: "other-study" });
    const before = await reviews();
    await expect(reviewResponse(demo.db, other, otherOwner, { responseId, review: "exclude" })).rejects.toMatchObject({ status: 404 });
    expect(await reviewOf(responseId)).toBeNull();
    expect(await reviews()).toEqual(before);
  });
});
