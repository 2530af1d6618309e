import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAttributes, updateAttribute } from "../../../app/lib/design/attributes.server";
import { addOffers } from "../../../app/lib/design/offers.server";
import { publishFocusGroup, publishingStatus, publishRating } from "../../../app/lib/design/publish.server";
import { getStudyDefinition } from "../../../db/queries/study-definition";
import { listAttributes } from "../../../db/queries/studies";
import { designDb, designSnapshot, errorsOf } from "./design-fixture";

/**
 * Kotler's cost groups on the design (issue 19): a price attribute carries money (default),
 * time, energy or psychic; a quality attribute has none. The group is part of the definition a
 * published version freezes, so changing it is an unpublished change.
 */
let temp: Awaited<ReturnType<typeof designDb>>;
beforeAll(async () => {
  temp = await designDb("Dry cleaning");
});
afterAll(() => temp.cleanup());

const groups = async () => Object.fromEntries((await listAttributes(temp.db, (await temp.study()).id)).map((a) => [a.code, a.costGroup]));
const idOf = async (code: string) => (await listAttributes(temp.db, (await temp.study()).id)).find((a) => a.code === code)!.id;

describe("cost groups of price attributes", () => {
  it("stores the cost group given to a price row, money when none is given, money for quality rows", async () => {
    const study = await temp.study();
    const result = await addAttributes(temp.db, study, temp.userId, [
      { kind: "quality", name: "Cleaning" },
      { kind: "price", name: "Price" },
      { kind: "price", name: "Waiting", costGroup: "time" },
    ]);
    expect(result.ok).toBe(true);
    expect(await groups()).toEqual({ cleaning: "money", price: "money", waiting: "time" });
    // The definition carries the group only where it is not money (absent = money).
    expect((await getStudyDefinition(temp.db, study)).attributes.map((a) => [a.code, a.costGroup])).toEqual([
      ["cleaning", undefined],
      ["price", undefined],
      ["waiting", "time"],
    ]);
  });

  it("refuses a cost group on a quality attribute, added or edited; nothing changes", async () => {
    const study = await temp.study();
    const before = await designSnapshot(temp);
    expect(errorsOf(await addAttributes(temp.db, study, temp.userId, [{ kind: "quality", name: "Care", costGroup: "energy" }]))).toEqual({
      "rows[0].costGroup": ["study.error.costGroupQuality"],
    });
    expect(errorsOf(await updateAttribute(temp.db, study, temp.userId, { attributeId: await idOf("cleaning"), name: "Cleaning", costGroup: "psychic" }))).toEqual({
      costGroup: ["study.error.costGroupQuality"],
    });
    expect(await designSnapshot(temp)).toBe(before);
  });

  it("lists a changed cost group as an unpublished change and freezes it with the next version", async () => {
    const study = await temp.study();
    await addOffers(temp.db, study, temp.userId, [{ name: "Ours" }, { name: "Rival" }], 0);
    expect((await publishRating(temp.db, study, temp.userId, { confirmed: false })).ok).toBe(true);
    expect((await publishFocusGroup(temp.db, study, temp.userId, { confirmed: false })).ok).toBe(true);
    expect((await publishingStatus(temp.db, study)).rating.changes).toEqual([]);

    // An edit without a cost group keeps it; one with a group changes it.
    expect((await updateAttribute(temp.db, study, temp.userId, { attributeId: await idOf("waiting"), name: "Waiting" })).ok).toBe(true);
    expect((await publishingStatus(temp.db, study)).rating.changes).toEqual([]);
    expect((await updateAttribute(temp.db, study, temp.userId, { attributeId: await idOf("price"), name: "Price", costGroup: "energy" })).ok).toBe(true);
    expect(await groups()).toEqual({ cleaning: "money", price: "energy", waiting: "time" });
    expect((await publishingStatus(temp.db, study)).rating.changes).toEqual([{ part: "attribute", change: "changed", code: "price", name: "Price" }]);
    // The focus group asks no prices: its questionnaire is the same, so nothing to publish there.
    expect((await publishingStatus(temp.db, study)).focusGroup.changes).toEqual([]);

    expect((await publishRating(temp.db, study, temp.userId, { confirmed: true })).ok).toBe(true);
    const frozen = await temp.db.rows<{ version: number; definition: string }>(
      sql`select version, definition_json as "definition" from questionnaires where study_id = ${study.id} and stage = 'rating' order by version`,
    );
    const costGroupsOf = (json: string) => (JSON.parse(json) as { attributes: Array<{ code: string; costGroup?: string }> }).attributes.map((a) => `${a.code}:${a.costGroup ?? "money"}`);
    expect(frozen.map((f) => [f.version, costGroupsOf(f.definition)])).toEqual([
      [1, ["cleaning:money", "price:money", "waiting:time"]],
      [2, ["cleaning:money", "price:energy", "waiting:time"]],
    ]);
    expect((await publishingStatus(temp.db, study)).rating.changes).toEqual([]);
    const audit = await temp.db.rows<{ detail: string }>(sql`select detail from audit_events where study_id = ${study.id} and action = 'updateAttribute' order by id`);
    expect(audit.map((a) => a.detail)).toEqual(["Waiting (waiting)", "Price (price, money -> energy)"]);
  });
});
