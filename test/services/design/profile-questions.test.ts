import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addProfileQuestion, deleteProfileQuestion, moveProfileQuestion, updateProfileQuestion } from "../../../app/lib/design/profile-questions.server";
import { saveQuotas } from "../../../app/lib/design/quotas.server";
import { listProfileQuestionRows } from "../../../db/queries/profile-questions";
import { listQuotas } from "../../../db/queries/quotas";
import { designDb, designSnapshot, errorsOf } from "./design-fixture";

let temp: Awaited<ReturnType<typeof designDb>>;
beforeAll(async () => {
  temp = await designDb();
});
afterAll(() => temp.cleanup());

const questions = async () => listProfileQuestionRows(temp.db, (await temp.study()).id);

describe("profile questions with a row editor for choices", () => {
  it("makes the question's and the choices' codes from their texts when left empty", async () => {
    const result = await addProfileQuestion(temp.db, await temp.study(), temp.userId, {
      kind: "choice",
      text: "How do you mainly use your scooter?",
      textZh: "您主要如何使用滑板车？",
      choices: [{ label: "Commuting", labelZh: "通勤" }, { label: "Leisure", code: "fun" }, { label: "Cafés & errands" }],
      isSegment: true,
    });
    expect(result.ok).toBe(true);
    const [q] = await questions();
    expect(q).toMatchObject({ code: "how_do_you_mainly_use_your_scooter", kind: "choice", textZh: "您主要如何使用滑板车？", isSegment: true });
    expect(q!.choices).toEqual([
      { code: "commuting", label: "Commuting", labelZh: "通勤" },
      { code: "fun", label: "Leisure", labelZh: null },
      { code: "cafes_errands", label: "Cafés & errands", labelZh: null },
    ]);
  });

  it("refuses a choice question without choices, two choices with one label, and a code in use; nothing changes", async () => {
    const study = await temp.study();
    const before = await designSnapshot(temp);
    expect(errorsOf(await addProfileQuestion(temp.db, study, temp.userId, { kind: "choice", text: "City", choices: [], isSegment: true }))).toEqual({ choices: ["fieldwork.error.choicesRequired"] });
    expect(errorsOf(await addProfileQuestion(temp.db, study, temp.userId, { kind: "choice", text: "City", choices: [{ label: "Shanghai" }, { label: "shanghai" }], isSegment: true }))).toEqual({
      "choices[1].label": ["study.error.choiceLabelTaken"],
    });
    expect(errorsOf(await addProfileQuestion(temp.db, study, temp.userId, { kind: "text", code: "how_do_you_mainly_use_your_scooter", text: "Again", choices: [], isSegment: false }))).toEqual({
      code: ["fieldwork.error.codeTaken"],
    });
    expect(await designSnapshot(temp)).toBe(before);
  });

  it("keeps a choice's quota when its label changes, drops it when the choice goes", async () => {
    const study = await temp.study();
    const [q] = await questions();
    await saveQuotas(temp.db, study, temp.userId, { questionCode: q!.code, targets: [{ choice: "commuting", target: 40 }, { choice: "fun", target: 20 }, { choice: "cafes_errands" }] });
    const edited = await updateProfileQuestion(temp.db, study, temp.userId, {
      questionId: q!.id,
      kind: "choice",
      text: q!.text,
      choices: [{ label: "Commuting to work", code: "commuting" }, { label: "Errands", code: "cafes_errands" }],
      isSegment: true,
    });
    expect(edited.ok).toBe(true);
    expect((await listQuotas(temp.db, study.id)).map((x) => [x.value, x.target])).toEqual([["commuting", 40]]);
  });

  it("refuses a quota of a choice the question does not have", async () => {
    const study = await temp.study();
    const [q] = await questions();
    expect(errorsOf(await saveQuotas(temp.db, study, temp.userId, { questionCode: q!.code, targets: [{ choice: "nope", target: 3 }] }))).toEqual({ "": ["fieldwork.error.quotaQuestion"] });
  });

  it("moves and deletes questions", async () => {
    const study = await temp.study();
    await addProfileQuestion(temp.db, study, temp.userId, { kind: "text", text: "Which city do you live in?", choices: [], isSegment: false });
    const city = (await questions()).find((q) => q.code === "which_city_do_you_live_in")!;
    await moveProfileQuestion(temp.db, study, temp.userId, { questionId: city.id, direction: "up" });
    expect((await questions()).map((q) => q.code)).toEqual(["which_city_do_you_live_in", "how_do_you_mainly_use_your_scooter"]);
    expect(await deleteProfileQuestion(temp.db, study, temp.userId, { questionId: city.id })).toEqual({ ok: true, notice: "study.notice.deleted", params: { name: "Which city do you live in?" } });
    expect((await questions()).map((q) => q.code)).toEqual(["how_do_you_mainly_use_your_scooter"]);
  });
});
