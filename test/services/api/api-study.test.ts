import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiStudy } from "../../../app/lib/api/api-data.server";
import { demoDb } from "../demo-db";

/**
 * GET /api/studies/:id (service): the study's attributes carry the Kotler cost group the
 * researcher set on the design page for price attributes (money by default), and null for
 * quality attributes, which have none.
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
beforeAll(async () => {
  demo = await demoDb();
});
afterAll(() => demo.cleanup());

describe("apiStudy (service)", () => {
  it("gives each price attribute its cost group and each quality attribute none", async () => {
    const price = await demo.db.rows<{ code: string }>(sql`select code from attributes where study_id = ${demo.study.id} and kind = 'price' order by sort, id`);
    expect(price.length).toBeGreaterThanOrEqual(2);
    await demo.db.run(sql`update attributes set cost_group = 'time' where study_id = ${demo.study.id} and code = ${price[1]!.code}`);
    const body = await apiStudy(demo.db, demo.study, "owner");
    const groups = Object.fromEntries(body.attributes.map((a) => [a.code, a.costGroup]));
    for (const a of body.attributes) if (a.kind === "quality") expect(groups[a.code], a.code).toBeNull();
    expect(groups[price[0]!.code]).toBe("money");
    expect(groups[price[1]!.code]).toBe("time");
  });
});
