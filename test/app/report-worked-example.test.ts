import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";

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
  await owner.form("/signup", { email: "worked@example.com", password: "correct horse battery" });
  studyPath = (await owner.form("/studies", { title: "Kettles" })).headers.get("Location")!;
  await owner.form(studyPath, { intent: "addOffer", name: "Ours", isOwn: "on" });
  await owner.form(studyPath, { intent: "addOffer", name: "Rival" });
  await owner.form(studyPath, { intent: "addAttribute", kind: "quality", name: "Speed", direction: "higher" });
  await owner.form(studyPath, { intent: "addAttribute", kind: "quality", name: "Noise", direction: "higher" });
  await owner.form(studyPath, { intent: "addAttribute", kind: "price", name: "Price", direction: "higher" });
  expect((await owner.form(studyPath, { intent: "publish" })).status).toBeLessThan(400);

  const studyId = Number(studyPath.split("/")[2]);
  const db = new Database(server.databaseFile);
  try {
    db.pragma("busy_timeout = 5000");
    const code = (table: string, name: string) => (db.prepare(`select code from ${table} where study_id = ? and name = ?`).get(studyId, name) as { code: string }).code;
    const [ours, rival, speed, noise, price] = [code("offers", "Ours"), code("offers", "Rival"), code("attributes", "Speed"), code("attributes", "Noise"), code("attributes", "Price")];
    const questionnaire = (db.prepare("select id from questionnaires where study_id = ?").get(studyId) as { id: number }).id;
    db.prepare(
      "insert into profile_questions (study_id, code, kind, text, choices_json, is_segment) values (?, 'region', 'choice', 'Region', ?, 1)",
    ).run(studyId, JSON.stringify([{ code: "north", label: "North", labelZh: "北方" }, { code: "south", label: "South", labelZh: "南方" }]));
    const respondents = [
      { region: "north", weights: [60, 40, 100], share: 50, ours: [8, 6, 5], rival: [4, 6, 5] },
      { region: "south", weights: [20, 80, 100], share: 70, ours: [6, 3, 6], rival: [6, 6, 3] },
    ];
    respondents.forEach((r, i) => {
      const at = 1_790_000_000_000 + i * 600_000;
      const id = Number(
        db
          .prepare(
            `insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, started_at, updated_at, completed_at)
             values (?, ?, 'complete', '[]', ?, ?, ?, ?)`,
          )
          .run(`worked-example-${i}`, questionnaire, r.share, at, at + 300_000, at + 300_000).lastInsertRowid,
      );
      [speed, noise, price].forEach((a, k) => {
        db.prepare("insert into response_weights values (?, ?, ?)").run(id, a, r.weights[k]);
        db.prepare("insert into response_ratings values (?, ?, ?, ?)").run(id, ours, a, r.ours[k]);
        db.prepare("insert into response_ratings values (?, ?, ?, ?)").run(id, rival, a, r.rival[k]);
      });
      db.prepare("insert into response_offers (response_id, offer_code, position, known, chose) values (?, ?, 0, 1, 1)").run(id, ours);
      db.prepare("insert into response_offers (response_id, offer_code, position, known, chose) values (?, ?, 1, 1, 0)").run(id, rival);
      db.prepare("insert into response_profile values (?, 'region', ?)").run(id, r.region);
    });
  } finally {
    db.close();
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
