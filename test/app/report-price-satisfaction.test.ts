import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { publishedStudy } from "../helpers/published-study";
import { insertId, one } from "./server-db";

/**
 * A price attribute is rated as satisfaction (10 = most satisfied with what it costs), so a
 * "Lower is better" direction can never flip it. The running cost is added the way the old
 * design screen sent it, with `direction=lower`; the app ignores that field.
 *
 * Two respondents, weights speed 100; purchase 50, running 50 (each kind sums to 100):
 * - r1: Ours speed 7, purchase 6, running 4; Rival speed 7, purchase 6, running 8
 * - r2: Ours speed 7, purchase 6, running 5; Rival speed 7, purchase 6, running 7
 * Running cost means: Ours (4 + 5) / 2 = 4.5, Rival (8 + 7) / 2 = 7.5: respondents are less
 * satisfied with the own offer's running cost. Ratio 4.5 / 7.5 = 0.6 (< 1), head-to-head
 * advantage 0.6 - 1 = -0.4 (the competitor is better). Purchase ratio 6 / 6 = 1, so
 * S = 50 * 1 + 50 * 0.6 = 80 and RP = 10000 / 80 = 125.
 * (Inverted, as "Lower is better" did: ratio 7.5 / 4.5 = 1.6667, S = 133.3: the opposite verdict.)
 */
let server: AppServer;
let owner: Client;
let studyPath: string;

beforeAll(async () => {
  server = await startAppServer();
  owner = new Client(server.url);
  studyPath = await publishedStudy(owner, {
    email: "running@example.com",
    title: "Coffee machines",
    attributes: [
      { kind: "quality", name: "Speed" },
      { kind: "price", name: "Purchase" },
      { kind: "price", name: "Running", direction: "lower" },
    ],
  });

  const studyId = Number(studyPath.split("/")[2]);
  const db = await server.openDb();
  try {
    await db.transaction(async (tx) => {
      const code = async (table: "offers" | "attributes", name: string) =>
        (await one<{ code: string }>(tx, sql`select code from ${sql.identifier(table)} where study_id = ${studyId} and name = ${name}`)).code;
      const [ours, rival] = [await code("offers", "Ours"), await code("offers", "Rival")];
      const attributes = [await code("attributes", "Speed"), await code("attributes", "Purchase"), await code("attributes", "Running")];
      const weights = [100, 50, 50];
      const questionnaire = (await one<{ id: number }>(tx, sql`select id from questionnaires where study_id = ${studyId}`)).id;
      const respondents = [
        { ours: [7, 6, 4], rival: [7, 6, 8] },
        { ours: [7, 6, 5], rival: [7, 6, 7] },
      ];
      for (const [i, r] of respondents.entries()) {
        const at = 1_790_000_000_000 + i * 600_000;
        const id = await insertId(
          tx,
          sql`insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, started_at, updated_at, completed_at)
              values (${`running-cost-${i}`}, ${questionnaire}, 'complete', '[]', 60, ${at}, ${at + 300_000}, ${at + 300_000}) returning id`,
        );
        for (const [k, a] of attributes.entries()) {
          await tx.run(sql`insert into response_weights (response_id, attribute_code, weight) values (${id}, ${a}, ${weights[k]!})`);
          await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values (${id}, ${ours}, ${a}, ${r.ours[k]!})`);
          await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values (${id}, ${rival}, ${a}, ${r.rival[k]!})`);
        }
        await tx.run(sql`insert into response_offers (response_id, offer_code, position, known) values (${id}, ${ours}, 0, ${true})`);
        await tx.run(sql`insert into response_offers (response_id, offer_code, position, known) values (${id}, ${rival}, 1, ${true})`);
      }
    });
  } finally {
    await db.close();
  }
});
afterAll(async () => {
  await server?.stop();
});

describe("price attributes are satisfaction ratings and never inverted", () => {
  it("has no direction field on the design screen", async () => {
    const html = await (await owner.request(studyPath)).text();
    expect(html).toContain('name="groupName"');
    expect(html).not.toContain('name="direction"');
  });

  it("gives the running cost rated lower for the own offer a ratio below 1 (0.6) and S = 80, RP = 125", async () => {
    const html = await (await owner.request(`${studyPath}/report`)).text();
    const row = /<table[^>]*data-testid="price-profile"[\s\S]*?<tr data-attribute="running">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? "";
    expect(/class="ratio-value">([\d.]+)</.exec(row)?.[1]).toBe("0.60");
    expect(row).toContain("ratio-fill below");
    expect(/data-testid="score-s">([\d.,]+)</.exec(html)?.[1]).toBe("80.0");
    expect(/data-testid="score-rp">([\d.,]+)</.exec(html)?.[1]).toBe("125.0");
  });

  it("shows the competitor better on running cost in the head-to-head chart", async () => {
    const html = await (await owner.request(`${studyPath}/report`)).text();
    const chart = /<svg[^>]*id="head-to-head"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    const price = chart.slice(chart.indexOf('data-kind="price"'));
    const bar = /<g data-attribute="running" data-advantage="([-\d.]+)"[^>]*>([\s\S]*?)<\/g>/.exec(price);
    expect(bar?.[1]).toBe("-0.4000");
    expect(bar?.[2]).toContain('class="disadvantage"');
  });
});
