import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAttributes } from "../../../app/lib/design/attributes.server";
import { addOffers } from "../../../app/lib/design/offers.server";
import { loadPreview } from "../../../app/lib/design/preview.server";
import { addProfileQuestion, updateProfileQuestion } from "../../../app/lib/design/profile-questions.server";
import { publishingStatus, publishRating } from "../../../app/lib/design/publish.server";
import { saveRatingLayout } from "../../../app/lib/design/rating-layout.server";
import { loadStudyEditor } from "../../../app/lib/design/study-editor.server";
import { listProfileQuestionRows } from "../../../db/queries/profile-questions";
import { getLatestQuestionnaire } from "../../../db/queries/questionnaires";
import { getStudyDefinition } from "../../../db/queries/study-definition";
import { definitionChanges } from "../../../surveys/definition-changes";
import { StudyDefinitionSchema } from "../../../surveys/study-definition";
import { designDb } from "./design-fixture";

/**
 * Issue 15: the researcher's "ask first" on a profile question and the study's rating pages
 * (one offer per page, or one attribute with every known offer), saved, read back, frozen with a
 * published version and listed as unpublished changes.
 */
let temp: Awaited<ReturnType<typeof designDb>>;
beforeAll(async () => {
  temp = await designDb();
  const study = await temp.study();
  await addOffers(temp.db, study, temp.userId, [{ name: "Kestrel" }, { name: "Birch" }], 0);
  await addAttributes(temp.db, study, temp.userId, [
    { kind: "quality", name: "Range" },
    { kind: "quality", name: "Brakes" },
    { kind: "price", name: "Price" },
  ]);
});
afterAll(() => temp.cleanup());

const city = { kind: "choice" as const, text: "City", choices: [{ label: "Shanghai" }, { label: "Beijing" }], isSegment: true };
const pages = (survey: { pages: Array<{ name: string }> } | null) => survey!.pages.map((p) => p.name);

describe("the researcher's respondent layout settings", () => {
  it("starts with one offer per page and no question asked first", async () => {
    const study = await temp.study();
    expect(study.ratingLayout).toBe("offer");
    expect((await loadStudyEditor(temp.db, study)).study.ratingLayout).toBe("offer");
    expect((await getStudyDefinition(temp.db, study)).ratingLayout).toBe("offer");
  });

  it("saves and reads 'ask first' on a question (added with it, cleared and set again by an edit)", async () => {
    const study = await temp.study();
    expect((await addProfileQuestion(temp.db, study, temp.userId, { ...city, askFirst: true })).ok).toBe(true);
    expect((await addProfileQuestion(temp.db, study, temp.userId, { kind: "text", text: "Age", choices: [], isSegment: false })).ok).toBe(true);
    const read = async () => (await listProfileQuestionRows(temp.db, study.id)).map((q) => [q.code, q.askFirst === true]);
    expect(await read()).toEqual([
      ["city", true],
      ["age", false],
    ]);
    const [q] = await listProfileQuestionRows(temp.db, study.id);
    await updateProfileQuestion(temp.db, study, temp.userId, { ...city, questionId: q!.id, askFirst: false });
    expect(await read()).toEqual([
      ["city", false],
      ["age", false],
    ]);
    await updateProfileQuestion(temp.db, study, temp.userId, { ...city, questionId: q!.id, askFirst: true });
    expect(await read()).toEqual([
      ["city", true],
      ["age", false],
    ]);
    // The stored column itself (a boolean on both engines).
    const rows = await temp.db.rows<{ code: string; ask_first: unknown }>(sql`select code, ask_first from profile_questions where study_id = ${study.id} order by sort`);
    expect(rows.map((r) => [r.code, Boolean(r.ask_first)])).toEqual([
      ["city", true],
      ["age", false],
    ]);
  });

  it("saves and reads the rating pages, audited; the preview shows the chosen layout", async () => {
    expect((await saveRatingLayout(temp.db, await temp.study(), temp.userId, { ratingLayout: "attribute" })).ok).toBe(true);
    const study = await temp.study();
    expect(study.ratingLayout).toBe("attribute");
    expect((await loadStudyEditor(temp.db, study)).study.ratingLayout).toBe("attribute");
    const audit = await temp.db.rows<{ action: string; detail: string }>(sql`select action, detail from audit_events where study_id = ${study.id} and action = 'ratingLayout'`);
    expect(audit).toEqual([{ action: "ratingLayout", detail: "attribute" }]);
    // Offers Kestrel (own) and Birch; attributes Range, Brakes (quality) and Price: the attribute
    // layout has a page per attribute (quality ones, overall, price ones, worth), City right
    // after the screening, Age at the end.
    const preview = await loadPreview(temp.db, study, "rating", "seed-1");
    expect(pages(preview.survey)).toEqual(["screening", "profile_first", "weights", "attribute_range", "attribute_brakes", "overall", "attribute_price", "worth", "purchase", "profile"]);
  });

  it("freezes both with a published version, which keeps them when the design changes again", async () => {
    expect((await publishRating(temp.db, await temp.study(), temp.userId, { confirmed: false })).ok).toBe(true);
    const study = await temp.study();
    const frozen = StudyDefinitionSchema.parse(JSON.parse((await getLatestQuestionnaire(temp.db, study.id, "rating"))!.definitionJson));
    expect(frozen.ratingLayout).toBe("attribute");
    expect(frozen.profileQuestions.map((q) => [q.code, q.askFirst === true])).toEqual([
      ["city", true],
      ["age", false],
    ]);
    expect((await publishingStatus(temp.db, study)).rating.changes).toEqual([]);

    await saveRatingLayout(temp.db, study, temp.userId, { ratingLayout: "offer" });
    const [q] = await listProfileQuestionRows(temp.db, study.id);
    await updateProfileQuestion(temp.db, study, temp.userId, { ...city, questionId: q!.id, askFirst: false });
    const status = await publishingStatus(temp.db, await temp.study());
    expect(status.rating.changes).toEqual([
      { part: "study", field: "ratingLayout" },
      { part: "profileQuestion", change: "changed", code: "city", name: "City" },
    ]);
    // The focus group has no ratings to lay out and no profile questions.
    expect(status.focusGroup.changes).toEqual([]);
    // The published version still has the attribute pages and City first.
    const published = JSON.parse((await getLatestQuestionnaire(temp.db, study.id, "rating"))!.surveyJson) as { pages: Array<{ name: string }> };
    expect(pages(published).slice(0, 4)).toEqual(["screening", "profile_first", "weights", "attribute_range"]);
    const now = await loadPreview(temp.db, await temp.study(), "rating", "seed-1");
    // (The preview shuffles the offers as a respondent's order would.)
    expect(pages(now.survey).filter((p) => !p.startsWith("offer_"))).toEqual(["screening", "weights", "purchase", "profile"]);
    expect(pages(now.survey).filter((p) => p.startsWith("offer_")).sort()).toEqual(["offer_birch", "offer_kestrel"]);
  });

  it("shows no change against a version frozen before the settings existed while the study keeps the defaults", async () => {
    const now = await getStudyDefinition(temp.db, await temp.study());
    // The study now: one offer per page, no question asked first; an old frozen definition has neither key.
    expect(now.profileQuestions.every((q) => !("askFirst" in q))).toBe(true);
    const { ratingLayout, ...old } = now;
    expect(ratingLayout).toBe("offer");
    expect(definitionChanges(StudyDefinitionSchema.parse(old), now)).toEqual([]);
  });
});
