import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleRespondentRequest } from "../../../app/lib/fieldwork/respondent.server";
import { demoAnswers } from "../../fixtures/answers";
import { demoDb } from "../demo-db";

/**
 * Issue 15: a profile question that carries a quota is asked right after the familiarity screen,
 * and a full cell ends the response there, before the long part (the demo study has the profile
 * question `segment`, choices home and office).
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
beforeAll(async () => {
  demo = await demoDb();
});
afterAll(() => demo.cleanup());

type Body = { ok: boolean; outcome?: string; status?: string; screenReason?: string | null; survey?: { pages: Array<{ name: string }> } };
const send = async (body: Record<string, unknown>) => {
  const res = await handleRespondentRequest(demo.db, "demo", { locale: "zh-CN", stage: "rating", ...body } as never, "screen-early-device-01");
  return { status: res.status, body: (await res.json()) as Body };
};
const early = { known_offers: ["aster", "birch"], profile_segment: "office" };

describe("screening early against quotas (service, no server)", () => {
  it("asks segment at the end while it carries no quota", async () => {
    const started = await send({ intent: "start", responseId: "screen-early-0001" });
    expect(started.body.survey!.pages.map((p) => p.name).at(-1)).toBe("profile");
  });

  it("with a quota on segment: asks it second, and a full cell ends the response at once with reason quota_full", async () => {
    // office's target = the complete office responses already there: the cell is full.
    await demo.db.run(sql`insert into quotas (study_id, question_code, value, target)
      select 1, 'segment', 'office', cast(count(*) as integer) from response_profile p join responses r on r.id = p.response_id
      where p.question_code = 'segment' and p.value = 'office' and r.status = 'complete'`);
    await demo.db.run(sql`insert into quotas (study_id, question_code, value, target) values (1, 'segment', 'home', 100000)`);
    const started = await send({ intent: "start", responseId: "screen-early-0002" });
    expect(started.body.survey!.pages.map((p) => p.name).slice(0, 2)).toEqual(["screening", "profile_first"]);
    expect(started.body.survey!.pages.some((p) => p.name === "profile")).toBe(false);

    const screened = await send({ intent: "screen", responseId: "screen-early-0002", answers: early });
    expect(screened.body).toMatchObject({ ok: true, outcome: "quota_full", status: "screened_out", screenReason: "quota_full" });
    const [row] = await demo.db.rows<{ status: string; reason: string; answers: string }>(
      sql`select status, screen_reason as "reason", answers_json as "answers" from responses where client_id = 'screen-early-0002'`,
    );
    expect(row).toEqual({ status: "screened_out", reason: "quota_full", answers: JSON.stringify(early) });
    // Nothing more is taken: a completion afterwards changes nothing.
    const after = await send({ intent: "complete", responseId: "screen-early-0002", answers: demoAnswers({ profile_segment: "office" }) });
    expect(after.body).toMatchObject({ outcome: "already-finished", status: "screened_out" });
  });

  it("lets a respondent whose cell has room go on (status draft, nothing stored)", async () => {
    await send({ intent: "start", responseId: "screen-early-0003" });
    const screened = await send({ intent: "screen", responseId: "screen-early-0003", answers: { ...early, profile_segment: "home" } });
    expect(screened.body).toMatchObject({ ok: true, outcome: "continue", status: "draft" });
  });

  it("refuses a screen before start (409) and names unknown questions (400), changing nothing", async () => {
    expect((await send({ intent: "screen", responseId: "screen-early-0004", answers: early })).status).toBe(409);
    await send({ intent: "start", responseId: "screen-early-0005" });
    const bad = await send({ intent: "screen", responseId: "screen-early-0005", answers: { ...early, forged: 1 } });
    expect(bad.status).toBe(400);
    const [row] = await demo.db.rows<{ status: string }>(sql`select status from responses where client_id = 'screen-early-0005'`);
    expect(row!.status).toBe("draft");
  });
});
