import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAttributes } from "../../../app/lib/design/attributes.server";
import { addOffers } from "../../../app/lib/design/offers.server";
import { loadPreview } from "../../../app/lib/design/preview.server";
import { publishFocusGroup, publishingStatus, publishRating } from "../../../app/lib/design/publish.server";
import { loadStudySteps } from "../../../app/lib/design/study-steps.server";
import { saveStudyDetails } from "../../../app/lib/design/study-details.server";
import { designDb, designSnapshot, errorsOf } from "./design-fixture";

let temp: Awaited<ReturnType<typeof designDb>>;
beforeAll(async () => {
  temp = await designDb();
});
afterAll(() => temp.cleanup());

const versions = async () =>
  (await temp.db.rows<{ stage: string; version: number }>(sql`select stage, version from questionnaires where study_id = ${(await temp.study()).id} order by id`)).map((r) => `${r.stage} ${r.version}`);
const states = async () => Object.fromEntries((await loadStudySteps(temp.db, await temp.study())).map((s) => [s.id, s.state]));

describe("the guided path and publishing", () => {
  it("starts at Design with the first thing missing, the focus group optional", async () => {
    const steps = await loadStudySteps(temp.db, await temp.study());
    expect(steps.map((s) => [s.id, s.state])).toEqual([
      ["design", "now"],
      ["focusGroup", "optional"],
      ["adoptWeights", "optional"],
      ["rating", "todo"],
      ["fieldwork", "todo"],
      ["report", "todo"],
    ]);
    expect(steps[0]!.status.key).toBe("study.issue.oneOwnOffer");
  });

  it("previews both stages of an unpublished design and stores nothing", async () => {
    const study = await temp.study();
    await addOffers(temp.db, study, temp.userId, [{ name: "Kestrel" }, { name: "Birch" }], 0);
    await addAttributes(temp.db, study, temp.userId, [
      { kind: "quality", name: "Range" },
      { kind: "quality", name: "Brakes" },
      { kind: "price", name: "Price" },
    ]);
    const before = await designSnapshot(temp);
    const rating = await loadPreview(temp.db, study, "rating", "seed-1");
    const focus = await loadPreview(temp.db, study, "focus_group", "seed-1");
    expect(JSON.stringify(rating.survey)).toContain("rating_kestrel_range");
    expect(JSON.stringify(focus.survey)).toContain("matters_quality");
    expect(await designSnapshot(temp)).toBe(before);
  });

  it("publishes version 1 of each stage without confirmation; the path moves on", async () => {
    const study = await temp.study();
    expect(await publishFocusGroup(temp.db, study, temp.userId, { confirmed: false })).toEqual({ ok: true, notice: "study.notice.publishedFocusGroup", params: { version: "1" } });
    expect(await states()).toMatchObject({ design: "done", focusGroup: "done", adoptWeights: "waiting", rating: "now" });
    expect((await publishRating(temp.db, study, temp.userId, { confirmed: false })).ok).toBe(true);
    expect(await states()).toMatchObject({ rating: "done", fieldwork: "now" });
    expect(await versions()).toEqual(["focus_group 1", "rating 1"]);
  });

  it("shows what changed since version 1 and refuses version 2 until it is confirmed", async () => {
    const study = await temp.study();
    await addOffers(temp.db, study, temp.userId, [{ name: "Volt" }], null);
    await saveStudyDetails(temp.db, study, temp.userId, { title: study.title, titleZh: "电动滑板车研究", languages: ["en", "zh-CN"] });
    const status = await publishingStatus(temp.db, await temp.study());
    expect(status.rating.changes).toEqual([
      { part: "study", field: "titleZh" },
      { part: "offer", change: "added", code: "volt", name: "Volt" },
    ]);
    // The focus group shows no offers: only the title changed for it.
    expect(status.focusGroup.changes).toEqual([{ part: "study", field: "titleZh" }]);
    expect(await states()).toMatchObject({ rating: "changes" });
    const before = await designSnapshot(temp);
    expect(errorsOf(await publishRating(temp.db, await temp.study(), temp.userId, { confirmed: false }))).toEqual({ "": ["study.error.confirmRepublish"] });
    expect(await designSnapshot(temp)).toBe(before);
    expect(await publishRating(temp.db, await temp.study(), temp.userId, { confirmed: true })).toEqual({ ok: true, notice: "study.notice.published", params: { version: "2" } });
    expect(await versions()).toEqual(["focus_group 1", "rating 1", "rating 2"]);
    expect((await publishingStatus(temp.db, await temp.study())).rating.changes).toEqual([]);
  });

  it("refuses to publish a stage with issues, with them as the reason", async () => {
    const other = await designDb("Bare");
    try {
      expect(errorsOf(await publishFocusGroup(other.db, await other.study(), other.userId, { confirmed: true }))).toEqual({
        "": ["study.issue.qualityAttributeRequired", "study.issue.priceAttributeRequired"],
      });
    } finally {
      await other.cleanup();
    }
  });
});
