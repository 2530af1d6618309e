import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { publishedStudy } from "../helpers/published-study";
import { parseCsv } from "./export-csv-read";
import { answer, newId } from "./respondent-study";
import { insertId, one } from "./server-db";

/**
 * Issue 13's case through the whole stack: 12 respondents answer the published questionnaire
 * through the respondent API. The old report said "Win rate 100 % (won 3, lost 0, other 9)"
 * when 6 of them bought a competitor, because "lost" also needed the optional "considered" tick.
 * Now the considered set comes with the purchase (the bought offer counts as considered).
 * Hand count: won 3 (a1-a3); lost 4 (b1-b4 considered Ours); bought a competitor without
 * considering us 2 (b5 "I only considered what I bought", b6 considered the other rival only);
 * no purchase 3 (n1-n3). 3 + 4 + 2 + 3 = 12. Win rate = 3 / (3 + 4) = 42.857 % -> "42.9%".
 */
let server: AppServer;
let owner: Client;
let studyPath: string;
let studyId: number;
const code: Record<string, string> = {};

const OURS = "ours";
type Purchase = [bought: string, considered: string[] | undefined];

beforeAll(async () => {
  server = await startAppServer();
  owner = new Client(server.url);
  studyPath = await publishedStudy(owner, {
    email: "wonlost@example.com",
    title: "Kettles",
    rivals: ["Rival A", "Rival B"],
    attributes: [
      { kind: "quality", name: "Speed" },
      { kind: "price", name: "Price" },
    ],
  });
  studyId = Number(studyPath.split("/")[2]);

  const db = await server.openDb();
  let token: string;
  try {
    for (const name of ["Ours", "Rival A", "Rival B"]) code[name] = (await one<{ code: string }>(db, sql`select code from offers where study_id = ${studyId} and name = ${name}`)).code;
    for (const name of ["Speed", "Price"]) code[name] = (await one<{ code: string }>(db, sql`select code from attributes where study_id = ${studyId} and name = ${name}`)).code;
    token = (await one<{ token: string }>(db, sql`select public_token as "token" from studies where id = ${studyId}`)).token;
  } finally {
    await db.close();
  }
  expect(code.Ours).toBe(OURS);
  const [a, b] = [code["Rival A"]!, code["Rival B"]!];
  const purchases: Purchase[] = [
    [OURS, ["only_bought"]],
    [OURS, [a]],
    [OURS, [b]],
    [a, [OURS]],
    [a, [OURS, b]],
    [b, [OURS]],
    [b, [OURS, a]],
    [a, ["only_bought"]],
    [b, [a]],
    ["none", undefined],
    ["none", undefined],
    ["none", undefined],
  ];
  for (const [bought, considered] of purchases) {
    const answers: Record<string, unknown> = { known_offers: [OURS, a, b], quality_share: 60, last_purchase: bought };
    if (considered) answers.considered_offers = considered;
    for (const offer of [OURS, a, b]) {
      answers[`rating_${offer}_${code.Speed}`] = offer === OURS ? 7 : 6;
      answers[`rating_${offer}_${code.Price}`] = offer === OURS ? 5 : 7;
    }
    const res = await answer(server.url, token, { responseId: newId("wonlost"), answers });
    expect(res.body).toMatchObject({ ok: true, status: "complete" });
  }
});
afterAll(async () => {
  await server?.stop();
});

async function wonLostSection(): Promise<string> {
  const html = (await (await owner.request(`${studyPath}/report`)).text()).replace(/<!-- -->/g, "");
  return /<div class="won-lost" data-testid="won-lost">([\s\S]*?)<h3>/.exec(html)?.[1] ?? "";
}
const rows = (section: string) =>
  [...section.matchAll(/<tr data-group="([^"]+)"><td>([^<]*)<\/td><td>(\d+)<\/td><\/tr>/g)].map(([, group, text, count]) => [group, text, Number(count)]);

describe("won/lost says what it computes", () => {
  it("shows won 3, lost 4, bought a competitor without considering us 2, no purchase 3, and the win rate 3 / 7", async () => {
    const section = await wonLostSection();
    expect(/data-testid="win-rate">([^<]*)</.exec(section)?.[1]).toBe("42.9%");
    expect(section).toContain("= won 3 / (won 3 + lost 4)");
    expect(rows(section)).toEqual([
      ["won", "Won: bought the own offer last", 3],
      ["lost", "Lost: bought a competitor after considering the own offer", 4],
      ["withoutConsideringOwn", "Bought a competitor without considering us", 2],
      ["noPurchase", "Bought none of these offers (or did not say)", 3],
    ]);
    expect(section).toContain("is not counted as lost but as “without considering us”");
  });

  it("says the same in Chinese", async () => {
    const zh = new Client(server.url);
    await zh.form("/signin", { email: "wonlost@example.com", password: "correct horse battery" });
    await zh.form("/lang", { locale: "zh-CN", back: studyPath });
    const html = (await (await zh.request(`${studyPath}/report`)).text()).replace(/<!-- -->/g, "");
    const section = /<div class="won-lost" data-testid="won-lost">([\s\S]*?)<h3>/.exec(html)?.[1] ?? "";
    expect(section).toContain("= 赢得 3 ÷（赢得 3 + 失去 4）");
    expect(rows(section)).toEqual([
      ["won", "赢得：最近一次购买的是本产品", 3],
      ["lost", "失去：考虑过本产品后购买了竞争产品", 4],
      ["withoutConsideringOwn", "未考虑我们就购买了竞争产品", 2],
      ["noPurchase", "没有购买其中任何产品（或未作答）", 3],
    ]);
    expect(section).toContain("不计为失去，而计为“未考虑我们”");
  });

  it("names each respondent's group in the raw data export's won_lost column", async () => {
    const wide = parseCsv((await (await owner.request(`${studyPath}/report/export/raw-wide.csv`)).text()).replace(/^\uFEFF/, ""));
    const column = wide[0]!.indexOf("won_lost");
    expect(column).toBeGreaterThan(0);
    const counts: Record<string, number> = {};
    for (const row of wide.slice(1)) counts[row[column]!] = (counts[row[column]!] ?? 0) + 1;
    expect(counts).toEqual({ won: 3, lost: 4, "bought-competitor-without-considering-own": 2, "no-purchase": 3 });
  });

  // A response stored from a questionnaire version where "which did you consider?" was optional
  // and left empty: it cannot be called lost nor "without considering us".
  it("shows a competitor bought with no considered set (earlier version) as its own 'unknown' row, outside the win rate", async () => {
    const db = await server.openDb();
    try {
      const questionnaire = (await one<{ id: number }>(db, sql`select id from questionnaires where study_id = ${studyId}`)).id;
      const at = Date.now();
      const id = await insertId(
        db,
        sql`insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, started_at, updated_at, completed_at)
            values (${newId("earlier")}, ${questionnaire}, 'complete', '[]', 60, ${at - 600_000}, ${at}, ${at}) returning id`,
      );
      await db.run(sql`insert into response_weights (response_id, attribute_code, weight) values (${id}, ${code.Speed!}, 100), (${id}, ${code.Price!}, 100)`);
      await db.run(sql`insert into response_offers (response_id, offer_code, position, known, chose, considered) values
        (${id}, ${OURS}, 0, ${true}, ${false}, ${false}), (${id}, ${code["Rival A"]!}, 1, ${true}, ${true}, ${false})`);
    } finally {
      await db.close();
    }
    const section = await wonLostSection();
    expect(/data-testid="win-rate">([^<]*)</.exec(section)?.[1]).toBe("42.9%");
    expect(rows(section).map(([group, , count]) => [group, count])).toEqual([
      ["won", 3],
      ["lost", 4],
      ["withoutConsideringOwn", 2],
      ["considerationUnknown", 1],
      ["noPurchase", 3],
    ]);
    expect(section).toContain("Bought a competitor, offers considered unknown (answered an earlier questionnaire version, where that question was optional)");
  });
});
