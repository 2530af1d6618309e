import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { publishedStudy } from "../helpers/published-study";
import { insertId, one } from "./server-db";

/**
 * A worked example through the whole stack: a study made with the design forms, two complete
 * responses with a segment answer each, and the report's Q, S and RP computed by hand (method.md
 * (a)(b): Q = sum of w_i * own_i / competitor_i over the quality attributes, S likewise over price,
 * RP = 10000 / S).
 *
 * r1 (north): weights speed 60, noise 40, price 100; Ours speed 8, noise 6, price 5; Rival 4, 6, 5.
 * r2 (south): weights speed 20, noise 80, price 100; Ours speed 6, noise 3, price 6; Rival 6, 6, 3.
 * - north only: Q = 60 * 8/4 + 40 * 6/6 = 160;   S = 100 * 5/5 = 100
 * - south only: Q = 20 * 6/6 + 80 * 3/6 = 60;    S = 100 * 6/3 = 200, RP = 50
 * - both: weights 40 / 60, means Ours 7, 4.5, 5.5 and Rival 5, 6, 4:
 *   Q = 40 * 1.4 + 60 * 0.75 = 101;  S = 100 * 5.5 / 4 = 137.5;  RP = 10000 / 137.5 = 72.73
 */
let server: AppServer;
let owner: Client;
let studyPath: string;

beforeAll(async () => {
  server = await startAppServer();
  owner = new Client(server.url);
  studyPath = await publishedStudy(owner, {
    email: "worked@example.com",
    title: "Kettles",
    attributes: [
      { kind: "quality", name: "Speed" },
      { kind: "quality", name: "Noise" },
      { kind: "price", name: "Price" },
    ],
  });

  const studyId = Number(studyPath.split("/")[2]);
  const db = await server.openDb();
  try {
    await db.transaction(async (tx) => {
      const code = async (table: "offers" | "attributes", name: string) =>
        (await one<{ code: string }>(tx, sql`select code from ${sql.identifier(table)} where study_id = ${studyId} and name = ${name}`)).code;
      const [ours, rival, speed, noise, price] = [
        await code("offers", "Ours"),
        await code("offers", "Rival"),
        await code("attributes", "Speed"),
        await code("attributes", "Noise"),
        await code("attributes", "Price"),
      ];
      const questionnaire = (await one<{ id: number }>(tx, sql`select id from questionnaires where study_id = ${studyId}`)).id;
      await tx.run(
        sql`insert into profile_questions (study_id, code, kind, text, choices_json, is_segment)
            values (${studyId}, 'region', 'choice', 'Region', ${JSON.stringify([{ code: "north", label: "North", labelZh: "北方" }, { code: "south", label: "South", labelZh: "南方" }])}, ${true})`,
      );
      const respondents = [
        { region: "north", weights: [60, 40, 100], share: 50, ours: [8, 6, 5], rival: [4, 6, 5] },
        { region: "south", weights: [20, 80, 100], share: 70, ours: [6, 3, 6], rival: [6, 6, 3] },
      ];
      for (const [i, r] of respondents.entries()) {
        const at = 1_790_000_000_000 + i * 600_000;
        const id = await insertId(
          tx,
          sql`insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, started_at, updated_at, completed_at)
              values (${`worked-example-${i}`}, ${questionnaire}, 'complete', '[]', ${r.share}, ${at}, ${at + 300_000}, ${at + 300_000}) returning id`,
        );
        for (const [k, a] of [speed, noise, price].entries()) {
          await tx.run(sql`insert into response_weights (response_id, attribute_code, weight) values (${id}, ${a}, ${r.weights[k]!})`);
          await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values (${id}, ${ours}, ${a}, ${r.ours[k]!})`);
          await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values (${id}, ${rival}, ${a}, ${r.rival[k]!})`);
        }
        await tx.run(sql`insert into response_offers (response_id, offer_code, position, known, chose) values (${id}, ${ours}, 0, ${true}, ${true})`);
        await tx.run(sql`insert into response_offers (response_id, offer_code, position, known, chose) values (${id}, ${rival}, 1, ${true}, ${false})`);
        await tx.run(sql`insert into response_profile (response_id, question_code, value) values (${id}, 'region', ${r.region})`);
      }
    });
  } finally {
    await db.close();
  }
});
afterAll(async () => {
  await server?.stop();
});

async function figures(query: string) {
  const html = await (await owner.request(`${studyPath}/report${query}`)).text();
  const get = (id: string) => new RegExp(`data-testid="${id}">([\\d.,]+)<`).exec(html)?.[1];
  return { q: get("score-q"), s: get("score-s"), rp: get("score-rp"), n: /(\d+) of (\d+) complete responses analysed/.exec(html)?.slice(1, 3).map(Number) };
}

describe("report worked example", () => {
  it("gives the hand-computed Q, S and RP for both respondents", async () => {
    expect(await figures("")).toEqual({ q: "101.0", s: "137.5", rp: "72.7", n: [2, 2] });
  });

  it("gives each segment's own hand-computed figures", async () => {
    expect(await figures("?segment=region:north")).toEqual({ q: "160.0", s: "100.0", rp: "100.0", n: [1, 2] });
    expect(await figures("?segment=region:south")).toEqual({ q: "60.0", s: "200.0", rp: "50.0", n: [1, 2] });
  });
});
