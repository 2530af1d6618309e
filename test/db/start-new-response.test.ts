import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { getResponseByClientId, startNewResponse } from "../../db/queries/responses";
import { createTempDb, type TempDb } from "../helpers/temp-db";
import { addStudy, addUser, NOW } from "./fixtures";

// A public-link start whose client id has no row: the draft is stored and returned by the insert
// itself on SQLite (insert ... returning), and a start of the same id that got there first wins.
let temp: TempDb;
let db: Db;
let questionnaireId: number;

beforeAll(async () => {
  temp = await createTempDb();
  db = temp.db;
  const user = await addUser(db, "owner@example.com");
  questionnaireId = (await addStudy(db, { ownerId: user.id, token: "tok-start" })).questionnaire.id;
});
afterAll(() => temp.cleanup());

const start = (clientId: string, locale: string, now = NOW) =>
  startNewResponse(db, { clientId, questionnaireId, offerOrder: ["beta", "alpha"], locale, now, deviceId: "device-1", wave: 2 });

const rowsOf = async (clientId: string) =>
  Number((await db.rows<{ n: number }>(sql`select cast(count(*) as integer) as "n" from responses where client_id = ${clientId}`))[0]!.n);

describe("startNewResponse", () => {
  it("stores a draft and returns it as stored", async () => {
    const row = await start("new-client", "zh-CN");
    expect(row).toMatchObject({
      clientId: "new-client",
      questionnaireId,
      status: "draft",
      seq: 0,
      pageNo: 0,
      answersJson: "{}",
      offerOrder: JSON.stringify(["beta", "alpha"]),
      locale: "zh-CN",
      deviceId: "device-1",
      wave: 2,
      startedAt: NOW,
    });
    expect(await getResponseByClientId(db, "new-client")).toEqual(row);
  });

  it("returns the stored row, unchanged, when a start of the same id got there first", async () => {
    const [first, second] = await Promise.all([start("raced-client", "en"), start("raced-client", "zh-CN", NOW + 5)]);
    expect(second.id).toBe(first.id);
    expect(second).toEqual(first);
    expect(await rowsOf("raced-client")).toBe(1);
    const later = await start("raced-client", "zh-CN", NOW + 10);
    expect(later).toEqual(first);
    expect(later.locale).toBe("en");
  });
});
