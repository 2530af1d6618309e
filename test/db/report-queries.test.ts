import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { addFirmFunction, deleteFirmFunction, listFirmFunctions, listWhatWhoCells, saveWhatWhoCells } from "../../db/queries/firm-functions";
import { addKeyEvent, deleteKeyEvent, listKeyEvents } from "../../db/queries/key-events";
import { reportDataVersion } from "../../db/queries/report-data";
import { completeResponse, startResponse } from "../../db/queries/responses";
import { listAttributes, listOffers, updateStudy } from "../../db/queries/studies";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, completeResult, expectRefused, NOW, scalar } from "./fixtures";

let temp: TempDb | null = null;
afterEach(async () => {
  await temp?.cleanup();
  temp = null;
});

async function setup() {
  temp = await createTempDb();
  const { db } = temp;
  const owner = await addUser(db, "owner@example.com");
  const a = await addStudy(db, { ownerId: owner.id, token: "tok-study-a" });
  const b = await addStudy(db, { ownerId: owner.id, token: "tok-study-b" });
  return { db, a, b };
}

describe("key events", () => {
  it("lists a study's events in date order with the offer's code, and only its own", async () => {
    const { db, a, b } = await setup();
    const [alpha, beta] = await listOffers(db, a.study.id);
    const otherOffer = (await listOffers(db, b.study.id))[0]!;
    await addKeyEvent(db, { studyId: a.study.id, offerId: beta!.id, occurredOn: "2026-05-01", wave: 2, label: "Price cut", labelZh: "降价" });
    await addKeyEvent(db, { studyId: a.study.id, offerId: alpha!.id, occurredOn: "2026-01-15", wave: null, label: "Launch", labelZh: null });
    await addKeyEvent(db, { studyId: b.study.id, offerId: otherOffer.id, occurredOn: "2026-03-01", wave: null, label: "Other study", labelZh: null });
    const events = await listKeyEvents(db, a.study.id);
    expect(events.map((e) => [e.occurredOn, e.offerCode, e.label, e.wave, e.labelZh])).toEqual([
      ["2026-01-15", "alpha", "Launch", null, null],
      ["2026-05-01", "beta", "Price cut", 2, "降价"],
    ]);
  });

  it("refuses an offer of another study and deletes only within the study", async () => {
    const { db, a, b } = await setup();
    const foreign = (await listOffers(db, b.study.id))[0]!;
    expect(await addKeyEvent(db, { studyId: a.study.id, offerId: foreign.id, occurredOn: "2026-01-01", wave: null, label: "x", labelZh: null })).toBeNull();
    expect(await listKeyEvents(db, a.study.id)).toEqual([]);
    const id = (await addKeyEvent(db, { studyId: b.study.id, offerId: foreign.id, occurredOn: "2026-01-01", wave: null, label: "x", labelZh: null }))!;
    expect(await deleteKeyEvent(db, { studyId: a.study.id, id })).toBe(false);
    expect(await listKeyEvents(db, b.study.id)).toHaveLength(1);
    expect(await deleteKeyEvent(db, { studyId: b.study.id, id })).toBe(true);
    expect(await listKeyEvents(db, b.study.id)).toEqual([]);
  });

  it("rejects a malformed date in the database itself", async () => {
    const { db, a } = await setup();
    const offer = (await listOffers(db, a.study.id))[0]!;
    await expectRefused(db, addKeyEvent(db, { studyId: a.study.id, offerId: offer.id, occurredOn: "15/01/2026", wave: null, label: "x", labelZh: null }), {
      kind: "check",
      constraint: "key_events_date_ck",
    });
    expect(await listKeyEvents(db, a.study.id)).toEqual([]);
  });
});

describe("firm functions and what/who cells", () => {
  it("keeps functions in order and replaces the grid as a whole, storing no 0 cells", async () => {
    const { db, a } = await setup();
    const [speed, comfort] = await listAttributes(db, a.study.id);
    const rd = await addFirmFunction(db, { studyId: a.study.id, name: "R&D", nameZh: "研发" });
    const service = await addFirmFunction(db, { studyId: a.study.id, name: "Service", nameZh: null });
    expect((await listFirmFunctions(db, a.study.id)).map((f) => f.name)).toEqual(["R&D", "Service"]);
    expect(
      await saveWhatWhoCells(db, {
        studyId: a.study.id,
        cells: [
          { functionId: rd, attributeId: speed!.id, strength: 9 },
          { functionId: rd, attributeId: comfort!.id, strength: 0 },
          { functionId: service, attributeId: comfort!.id, strength: 3 },
        ],
      }),
    ).toBe(true);
    expect((await listWhatWhoCells(db, a.study.id)).sort((x, y) => x.functionId - y.functionId)).toEqual([
      { functionId: rd, attributeId: speed!.id, strength: 9 },
      { functionId: service, attributeId: comfort!.id, strength: 3 },
    ]);
    await saveWhatWhoCells(db, { studyId: a.study.id, cells: [{ functionId: service, attributeId: speed!.id, strength: 1 }] });
    expect(await listWhatWhoCells(db, a.study.id)).toEqual([{ functionId: service, attributeId: speed!.id, strength: 1 }]);
    expect(await deleteFirmFunction(db, { studyId: a.study.id, id: service })).toBe(true);
    expect(await listWhatWhoCells(db, a.study.id)).toEqual([]);
  });

  it("changes nothing when a cell names another study's function or attribute", async () => {
    const { db, a, b } = await setup();
    const speed = (await listAttributes(db, a.study.id))[0]!;
    const foreignAttribute = (await listAttributes(db, b.study.id))[0]!;
    const rd = await addFirmFunction(db, { studyId: a.study.id, name: "R&D", nameZh: null });
    const foreignFunction = await addFirmFunction(db, { studyId: b.study.id, name: "Sales", nameZh: null });
    await saveWhatWhoCells(db, { studyId: a.study.id, cells: [{ functionId: rd, attributeId: speed.id, strength: 3 }] });
    const before = await listWhatWhoCells(db, a.study.id);
    expect(await saveWhatWhoCells(db, { studyId: a.study.id, cells: [{ functionId: rd, attributeId: foreignAttribute.id, strength: 9 }] })).toBe(false);
    expect(await saveWhatWhoCells(db, { studyId: a.study.id, cells: [{ functionId: foreignFunction, attributeId: speed.id, strength: 9 }] })).toBe(false);
    expect(await listWhatWhoCells(db, a.study.id)).toEqual(before);
  });
});

describe("reportDataVersion", () => {
  it("changes when a response completes, when a review decision changes and when the study is edited; not otherwise", async () => {
    const { db, a, b } = await setup();
    const v0 = await reportDataVersion(db, a.study.id);
    expect(await reportDataVersion(db, a.study.id)).toBe(v0);

    // A draft does not change the analysed data; its completion does.
    const started = await startResponse(db, { clientId: "client-0001", questionnaireId: a.questionnaire.id, offerOrder: [], locale: "en", now: NOW });
    expect(started).toBeTruthy();
    expect(await reportDataVersion(db, a.study.id)).toBe(v0);
    await completeResponse(db, { clientId: "client-0001", questionnaireId: a.questionnaire.id, offerOrder: [], answersJson: "{}", result: completeResult(), locale: "en", now: NOW });
    const v1 = await reportDataVersion(db, a.study.id);
    expect(v1).not.toBe(v0);

    // Another study's responses do not touch this one's version.
    await completeResponse(db, { clientId: "client-0002", questionnaireId: b.questionnaire.id, offerOrder: [], answersJson: "{}", result: completeResult(), locale: "en", now: NOW });
    expect(await reportDataVersion(db, a.study.id)).toBe(v1);

    const id = await scalar(db, sql`select id as "v" from responses where client_id = 'client-0001'`);
    const review = (value: string | null) => db.run(sql`update responses set review = ${value} where id = ${id}`);
    await review("exclude");
    const v2 = await reportDataVersion(db, a.study.id);
    expect(v2).not.toBe(v1);
    await review("include");
    const v3 = await reportDataVersion(db, a.study.id);
    expect(new Set([v1, v2, v3]).size).toBe(3);
    await review(null);
    expect(await reportDataVersion(db, a.study.id)).toBe(v1);

    await updateStudy(db, { id: a.study.id, ownerId: a.study.ownerId, fields: { title: "Renamed", titleZh: null, market: "", marketZh: null, languages: "en" }, now: NOW + 1 });
    const v4 = await reportDataVersion(db, a.study.id);
    expect(v4).not.toBe(v1);
    await db.run(sql`update attributes set group_name = 'money' where study_id = ${a.study.id} and code = 'fare'`);
    expect(await reportDataVersion(db, a.study.id)).not.toBe(v4);
  });
});
