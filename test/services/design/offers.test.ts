import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOffers, deleteOffer, setOwnOffer, updateOffer } from "../../../app/lib/design/offers.server";
import { publishFocusGroup } from "../../../app/lib/design/publish.server";
import { addAttributes } from "../../../app/lib/design/attributes.server";
import { listOffers } from "../../../db/queries/studies";
import { designDb, designSnapshot, errorsOf } from "./design-fixture";

/** Offers of the e-scooter study, decided by the service on a temporary database (no server). */
let temp: Awaited<ReturnType<typeof designDb>>;
beforeAll(async () => {
  temp = await designDb();
});
afterAll(() => temp.cleanup());

const offers = async () => (await listOffers(temp.db, (await temp.study()).id)).map((o) => ({ code: o.code, name: o.name, own: o.isOwn }));
const idOf = async (code: string) => (await listOffers(temp.db, (await temp.study()).id)).find((o) => o.code === code)!.id;

describe("addOffers", () => {
  it("adds several offers in one go with readable snake_case codes, the one marked own as the own offer", async () => {
    const result = await addOffers(temp.db, await temp.study(), temp.userId, [{ name: "Kestrel K1" }, { name: "Birch Ride", nameZh: "白桦" }, { name: "Volt Go" }], 0);
    expect(result).toEqual({ ok: true, notice: "study.saved", params: undefined });
    expect(await offers()).toEqual([
      { code: "kestrel_k1", name: "Kestrel K1", own: true },
      { code: "birch_ride", name: "Birch Ride", own: false },
      { code: "volt_go", name: "Volt Go", own: false },
    ]);
  });

  it("refuses a name another offer has (case and spacing ignored), and one repeated in the same form; nothing is added", async () => {
    const before = await designSnapshot(temp);
    const result = await addOffers(temp.db, await temp.study(), temp.userId, [{ name: "  kestrel   k1 " }, { name: "Lime" }, { name: "LIME" }], null);
    expect(errorsOf(result)).toEqual({ "rows[0].name": ["study.error.offerNameTaken"], "rows[2].name": ["study.error.offerNameTaken"] });
    expect(await designSnapshot(temp)).toBe(before);
  });

  it("refuses a code that is taken", async () => {
    const before = await designSnapshot(temp);
    expect(errorsOf(await addOffers(temp.db, await temp.study(), temp.userId, [{ name: "Lime", code: "volt_go" }], null))).toEqual({ "rows[0].code": ["study.error.codeTaken"] });
    expect(await designSnapshot(temp)).toBe(before);
  });
});

describe("the own offer is one choice", () => {
  it("moves to another offer and says which one it replaced", async () => {
    const result = await setOwnOffer(temp.db, await temp.study(), temp.userId, { offerId: await idOf("birch_ride") });
    expect(result).toEqual({ ok: true, notice: "study.notice.ownMoved", params: { now: "Birch Ride", was: "Kestrel K1" } });
    expect((await offers()).filter((o) => o.own).map((o) => o.code)).toEqual(["birch_ride"]);
  });

  it("moves when a new offer is added as the own offer, with the same notice", async () => {
    const result = await addOffers(temp.db, await temp.study(), temp.userId, [{ name: "Lime" }], 0);
    expect(result).toEqual({ ok: true, notice: "study.notice.ownMoved", params: { now: "Lime", was: "Birch Ride" } });
    await setOwnOffer(temp.db, await temp.study(), temp.userId, { offerId: await idOf("kestrel_k1") });
    expect((await offers()).filter((o) => o.own).map((o) => o.code)).toEqual(["kestrel_k1"]);
  });
});

describe("codes: editable before the first publication, frozen after", () => {
  it("renames an offer and changes its code while nothing is published", async () => {
    const result = await updateOffer(temp.db, await temp.study(), temp.userId, { offerId: await idOf("lime"), name: "Lime S", code: "lime_s" });
    expect(result.ok).toBe(true);
    expect((await offers()).map((o) => o.code)).toContain("lime_s");
  });

  it("refuses to change a code a published version uses, but still renames", async () => {
    const study = await temp.study();
    await addAttributes(temp.db, study, temp.userId, [
      { kind: "quality", name: "Range" },
      { kind: "price", name: "Price" },
    ]);
    expect((await publishFocusGroup(temp.db, study, temp.userId, { confirmed: false })).ok).toBe(true);
    const before = await designSnapshot(temp);
    const id = await idOf("kestrel_k1");
    expect(errorsOf(await updateOffer(temp.db, study, temp.userId, { offerId: id, name: "Kestrel K1", code: "kestrel" }))).toEqual({ code: ["study.error.codeFrozen"] });
    expect(await designSnapshot(temp)).toBe(before);
    expect((await updateOffer(temp.db, study, temp.userId, { offerId: id, name: "Kestrel K1 Pro" })).ok).toBe(true);
    expect((await offers()).find((o) => o.code === "kestrel_k1")?.name).toBe("Kestrel K1 Pro");
  });

  it("refuses renaming an offer to the name of another", async () => {
    expect(errorsOf(await updateOffer(temp.db, await temp.study(), temp.userId, { offerId: await idOf("volt_go"), name: "Birch ride" }))).toEqual({ name: ["study.error.offerNameTaken"] });
  });
});

describe("deleteOffer", () => {
  it("removes the offer and names it in the notice", async () => {
    const result = await deleteOffer(temp.db, await temp.study(), temp.userId, { offerId: await idOf("lime_s") });
    expect(result).toEqual({ ok: true, notice: "study.notice.deleted", params: { name: "Lime S" } });
    expect((await offers()).map((o) => o.code)).not.toContain("lime_s");
  });

  it("answers 404 for an offer of no study of this one", async () => {
    await expect(deleteOffer(temp.db, await temp.study(), temp.userId, { offerId: 999_999 })).rejects.toMatchObject({ status: 404 });
  });
});
