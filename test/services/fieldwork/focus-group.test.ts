import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adoptWeights, dropWeights, loadFocusGroup, mergeSuggestion } from "../../../app/lib/fieldwork/focus-group.server";
import { getStudyByToken, listAttributes, type Study } from "../../../db/queries/studies";
import { readStatedWeights } from "../../../surveys/read-stated-weights";
import { demoDb } from "../demo-db";

/** The focus-group page's services on the seeded demo (no server): merge a suggestion, adopt and drop weights. */
let demo: Awaited<ReturnType<typeof demoDb>>;
let userId: number;
const fresh = async (): Promise<Study> => (await getStudyByToken(demo.db, "demo"))!;
const audited = async (action: string) =>
  (await demo.db.rows<{ n: number }>(sql`select count(*) as "n" from audit_events where study_id = ${demo.study.id} and action = ${action}`)).map((r) => Number(r.n))[0];

beforeAll(async () => {
  demo = await demoDb();
  userId = demo.study.ownerId;
});
afterAll(() => demo.cleanup());

describe("focus group (services)", () => {
  it("merges a suggestion as a new attribute of the chosen kind, with a code from its name", async () => {
    const before = (await listAttributes(demo.db, demo.study.id)).length;
    expect(await mergeSuggestion(demo.db, demo.study, userId, { name: "Warranty", nameZh: "保修", kind: "price" })).toEqual({ ok: true, notice: "fieldwork.focus.merged" });
    const attributes = await listAttributes(demo.db, demo.study.id);
    expect(attributes).toHaveLength(before + 1);
    expect(attributes.find((a) => a.name === "Warranty")).toMatchObject({ code: "warranty", kind: "price", nameZh: "保修" });
    expect(await audited("mergeSuggestion")).toBe(1);
  });

  it("adopts the consolidated weights as the study's stated weights, then drops them", async () => {
    const page = await loadFocusGroup(demo.db, await fresh());
    if (!page.adoptable.ok) throw new Error(`the demo's focus group is not adoptable: ${page.adoptable.reason}`);
    expect(await adoptWeights(demo.db, await fresh(), userId)).toEqual({ ok: true, notice: "fieldwork.focus.adopted" });
    // Stored as the page offered them, readable by the one reader of the column.
    expect(readStatedWeights((await fresh()).statedWeightsJson)).toEqual({ qualityShare: page.adoptable.qualityShare, weights: page.adoptable.weights });
    expect((await loadFocusGroup(demo.db, await fresh())).stated).toEqual({ qualityShare: page.adoptable.qualityShare, weights: page.adoptable.weights });
    expect(await dropWeights(demo.db, await fresh(), userId)).toEqual({ ok: true, notice: "fieldwork.focus.dropped" });
    expect((await fresh()).statedWeightsJson).toBeNull();
    expect([await audited("adoptWeights"), await audited("dropWeights")]).toEqual([1, 1]);
  });
});
