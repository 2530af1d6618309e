import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAttributes, deleteAttribute, updateAttribute } from "../../../app/lib/design/attributes.server";
import { addOffers } from "../../../app/lib/design/offers.server";
import { publishRating } from "../../../app/lib/design/publish.server";
import { listAttributes } from "../../../db/queries/studies";
import { designDb, designSnapshot, errorsOf } from "./design-fixture";

let temp: Awaited<ReturnType<typeof designDb>>;
beforeAll(async () => {
  temp = await designDb();
});
afterAll(() => temp.cleanup());

const attributes = async () => (await listAttributes(temp.db, (await temp.study()).id)).map((a) => `${a.kind}:${a.code}`);
const idOf = async (code: string) => (await listAttributes(temp.db, (await temp.study()).id)).find((a) => a.code === code)!.id;

describe("addAttributes", () => {
  it("adds quality and price attributes in one go, codes joined with _", async () => {
    const rows = [
      { kind: "quality" as const, name: "Range per charge" },
      { kind: "quality" as const, name: "Waterproofing (IP rating)", nameZh: "防水性能" },
      { kind: "price" as const, name: "Battery replacement cost" },
      { kind: "price" as const, name: "防水", nameZh: "防水" },
    ];
    expect((await addAttributes(temp.db, await temp.study(), temp.userId, rows)).ok).toBe(true);
    // The Chinese-only name has no letters to make a code of: attr<n> (n = its place among the new ones).
    expect(await attributes()).toEqual(["quality:range_per_charge", "quality:waterproofing_ip_rating", "price:battery_replacement_cost", "price:attr4"]);
  });

  it("refuses a name another attribute has, of either kind; nothing is added", async () => {
    const before = await designSnapshot(temp);
    const result = await addAttributes(temp.db, await temp.study(), temp.userId, [{ kind: "price", name: "Range per Charge" }]);
    expect(errorsOf(result)).toEqual({ "rows[0].name": ["study.error.attributeNameTaken"] });
    expect(await designSnapshot(temp)).toBe(before);
  });
});

describe("updateAttribute and deleteAttribute", () => {
  it("changes the code before publication and refuses it after", async () => {
    const study = await temp.study();
    expect((await updateAttribute(temp.db, study, temp.userId, { attributeId: await idOf("attr4"), name: "Insurance", code: "insurance" })).ok).toBe(true);
    await addOffers(temp.db, study, temp.userId, [{ name: "Kestrel" }, { name: "Birch" }], 0);
    expect((await publishRating(temp.db, study, temp.userId, { confirmed: false })).ok).toBe(true);
    const result = await updateAttribute(temp.db, study, temp.userId, { attributeId: await idOf("insurance"), name: "Insurance", code: "insurance_fee" });
    expect(errorsOf(result)).toEqual({ code: ["study.error.codeFrozen"] });
  });

  it("deletes an attribute", async () => {
    expect((await deleteAttribute(temp.db, await temp.study(), temp.userId, { attributeId: await idOf("insurance") })).ok).toBe(true);
    expect(await attributes()).not.toContain("price:insurance");
  });
});
