import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { listWaveShares, saveOfferPrices, saveWaveShares } from "../../db/queries/market-data";
import { deleteScenario, getScenario, listScenarios, saveScenario } from "../../db/queries/scenarios";
import { listOffers } from "../../db/queries/studies";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, expectRefused, NOW, scalar } from "./fixtures";

let temp: TempDb | null = null;
afterEach(async () => {
  await temp?.cleanup();
  temp = null;
});

async function setup() {
  temp = await createTempDb();
  const { db } = temp;
  const owner = await addUser(db, "owner@example.com");
  const editor = await addUser(db, "editor@example.com");
  const a = await addStudy(db, { ownerId: owner.id, token: "tok-study-a" });
  const b = await addStudy(db, { ownerId: owner.id, token: "tok-study-b" });
  return { db, owner, editor, a, b };
}

const changes = JSON.stringify([{ offer: "alpha", attribute: "speed", delta: 1 }]);

describe("saved scenarios", () => {
  it("saves a new scenario, then replaces the study's scenario of the same name and records who saved it last", async () => {
    const { db, owner, editor, a } = await setup();
    const first = await saveScenario(db, { studyId: a.study.id, name: "Faster", changesJson: changes, respondJson: "[]", userId: owner.id, now: NOW });
    expect(first.created).toBe(true);
    const again = await saveScenario(db, {
      studyId: a.study.id,
      name: "Faster",
      changesJson: "[]",
      respondJson: JSON.stringify([{ competitor: "beta", copies: "alpha" }]),
      userId: editor.id,
      now: NOW + 1000,
    });
    expect(again).toEqual({ id: first.id, created: false });
    const rows = await listScenarios(db, a.study.id);
    expect(rows.map((r) => [r.name, r.changesJson, r.respondJson, r.createdAt, r.updatedAt, r.updatedBy])).toEqual([
      ["Faster", "[]", '[{"competitor":"beta","copies":"alpha"}]', NOW, NOW + 1000, "editor@example.com"],
    ]);
  });

  it("lists a study's scenarios in name order, and only its own", async () => {
    const { db, owner, a, b } = await setup();
    for (const name of ["Price cut", "Better service"]) {
      await saveScenario(db, { studyId: a.study.id, name, changesJson: changes, respondJson: "[]", userId: owner.id, now: NOW });
    }
    await saveScenario(db, { studyId: b.study.id, name: "Elsewhere", changesJson: changes, respondJson: "[]", userId: owner.id, now: NOW });
    expect((await listScenarios(db, a.study.id)).map((r) => r.name)).toEqual(["Better service", "Price cut"]);
  });

  it("gets and deletes a scenario only within its study", async () => {
    const { db, owner, a, b } = await setup();
    const { id } = await saveScenario(db, { studyId: b.study.id, name: "Theirs", changesJson: changes, respondJson: "[]", userId: owner.id, now: NOW });
    expect(await getScenario(db, { studyId: a.study.id, id })).toBeNull();
    expect(await deleteScenario(db, { studyId: a.study.id, id })).toBeNull();
    expect((await getScenario(db, { studyId: b.study.id, id }))?.name).toBe("Theirs");
    expect(await deleteScenario(db, { studyId: b.study.id, id })).toBe("Theirs");
    expect(await listScenarios(db, b.study.id)).toEqual([]);
  });

  it("refuses an empty name and a second scenario of the same name in the same study (constraints)", async () => {
    const { db, owner, a } = await setup();
    const insert = (name: string) =>
      db.run(sql`insert into scenarios (study_id, name, changes_json, created_by, created_at, updated_at) values (${a.study.id}, ${name}, '[]', ${owner.id}, 1, 1)`);
    await expectRefused(db, insert(""), { kind: "check", constraint: "scenarios_name_ck" });
    await expectRefused(db, insert("x".repeat(81)), { kind: "check", constraint: "scenarios_name_ck" });
    await insert("Same");
    await expectRefused(db, insert("Same"), { kind: "unique", constraint: "scenarios_study_name_uq", sqlite: /UNIQUE constraint failed: scenarios\.study_id, scenarios\.name/ });
    expect(await scalar(db, sql`select count(*) as "v" from scenarios`)).toBe(1);
  });

  it("goes with its study", async () => {
    const { db, owner, a } = await setup();
    await saveScenario(db, { studyId: a.study.id, name: "Gone", changesJson: changes, respondJson: "[]", userId: owner.id, now: NOW });
    await db.run(sql`delete from studies where id = ${a.study.id}`);
    expect(await scalar(db, sql`select count(*) as "v" from scenarios`)).toBe(0);
  });
});

describe("market data", () => {
  it("replaces one wave's shares and lists every wave in wave then offer order", async () => {
    const { db, a } = await setup();
    const [alpha, beta, gamma] = await listOffers(db, a.study.id);
    expect(await saveWaveShares(db, { studyId: a.study.id, wave: 2, shares: [{ offerId: alpha!.id, share: 30 }, { offerId: beta!.id, share: 45.5 }] })).toBe(true);
    await saveWaveShares(db, { studyId: a.study.id, wave: 1, shares: [{ offerId: alpha!.id, share: 28 }, { offerId: gamma!.id, share: 20 }] });
    // Saving wave 2 again: beta cleared, gamma added.
    await saveWaveShares(db, { studyId: a.study.id, wave: 2, shares: [{ offerId: alpha!.id, share: 31 }, { offerId: beta!.id, share: null }, { offerId: gamma!.id, share: 19 }] });
    expect((await listWaveShares(db, a.study.id)).map((r) => [r.wave, r.offerCode, r.share])).toEqual([
      [1, "alpha", 28],
      [1, "gamma", 20],
      [2, "alpha", 31],
      [2, "gamma", 19],
    ]);
  });

  it("refuses an offer of another study and stores nothing", async () => {
    const { db, a, b } = await setup();
    const [alpha] = await listOffers(db, a.study.id);
    const [foreign] = await listOffers(db, b.study.id);
    expect(await saveWaveShares(db, { studyId: a.study.id, wave: 1, shares: [{ offerId: alpha!.id, share: 10 }, { offerId: foreign!.id, share: 20 }] })).toBe(false);
    expect(await listWaveShares(db, a.study.id)).toEqual([]);
  });

  it("refuses a share above 100, a negative share, wave 0 and a negative price (constraints)", async () => {
    const { db, a } = await setup();
    const [alpha] = await listOffers(db, a.study.id);
    const insert = (wave: number, share: number) =>
      db.run(sql`insert into market_shares (study_id, offer_id, wave, share) values (${a.study.id}, ${alpha!.id}, ${wave}, ${share})`);
    await expectRefused(db, insert(1, 100.5), { kind: "check", constraint: "market_shares_share_ck" });
    await expectRefused(db, insert(1, -1), { kind: "check", constraint: "market_shares_share_ck" });
    await expectRefused(db, insert(0, 10), { kind: "check", constraint: "market_shares_wave_ck" });
    await expectRefused(db, db.run(sql`update offers set price = -1 where id = ${alpha!.id}`), { kind: "check", constraint: "offers_price_ck" });
    expect(await scalar(db, sql`select count(*) as "v" from market_shares`)).toBe(0);
  });

  it("sets and clears the offers' actual prices, and leaves another study's offers alone", async () => {
    const { db, a, b } = await setup();
    const [alpha, beta] = await listOffers(db, a.study.id);
    const [foreign] = await listOffers(db, b.study.id);
    const changed = await saveOfferPrices(db, {
      studyId: a.study.id,
      prices: [
        { offerId: alpha!.id, price: 549 },
        { offerId: beta!.id, price: 0 },
        { offerId: foreign!.id, price: 1 },
      ],
    });
    expect(changed).toBe(2);
    expect((await listOffers(db, a.study.id)).map((o) => [o.code, o.price])).toEqual([
      ["alpha", 549],
      ["beta", 0],
      ["gamma", null],
    ]);
    expect((await listOffers(db, b.study.id))[0]!.price).toBeNull();
    await saveOfferPrices(db, { studyId: a.study.id, prices: [{ offerId: alpha!.id, price: null }] });
    expect((await listOffers(db, a.study.id))[0]!.price).toBeNull();
  });
});
