import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

const DAY = 86_400_000;

/**
 * Turns the demo study (id 1) of a server's database into a tracked study: a segment profile
 * question ("channel": online / store, alternating by response id) answered by every complete
 * rating-stage response, and a second wave 40 days later that repeats every complete response with the own
 * offer's after-sales service rated one point higher and the first competitor's purchase price
 * one point lower. Written in one transaction on a second connection while the server runs
 * (`server.openDb()`, SQLite or PostgreSQL).
 */
export async function makeTrackedDemo(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(
      sql`insert into profile_questions (study_id, code, kind, text, text_zh, choices_json, is_segment, sort)
          values (1, 'channel', 'choice', 'Where did you buy it?', '您在哪里购买的？', ${JSON.stringify([
            { code: "online", label: "Online", labelZh: "网上" },
            { code: "store", label: "In a store", labelZh: "门店" },
          ])}, ${true}, 1)`,
    );
    const complete = await tx.rows<{
      id: number;
      questionnaire_id: number;
      offer_order: string;
      locale: string;
      quality_share: number | null;
      started_at: number;
      completed_at: number;
    }>(
      sql`select r.id, r.questionnaire_id, r.offer_order, r.locale, r.quality_share, r.started_at, r.completed_at
          from responses r join questionnaires q on q.id = r.questionnaire_id
          where q.study_id = 1 and q.stage = 'rating' and r.status = 'complete' order by r.id`,
    );
    const profile = (responseId: number, channel: string) =>
      tx.run(sql`insert into response_profile (response_id, question_code, value) values (${responseId}, 'channel', ${channel})`);
    for (const r of complete) await profile(r.id, r.id % 2 === 0 ? "online" : "store");
    for (const r of complete) {
      const at = r.completed_at + 40 * DAY;
      const [inserted] = await tx.rows<{ id: number }>(
        sql`insert into responses (client_id, questionnaire_id, status, answers_json, page_no, seq, offer_order, locale, quality_share,
              wave, started_at, updated_at, completed_at)
            values (${`wave2-response-${r.id}`}, ${r.questionnaire_id}, 'complete', '{}', 0, 0, ${r.offer_order}, ${r.locale}, ${r.quality_share},
              2, ${r.started_at + 40 * DAY}, ${at}, ${at})
            returning id`,
      );
      const id = inserted!.id;
      // Portable clamping (SQLite's two-argument min/max are least/greatest on PostgreSQL).
      await tx.run(
        sql`insert into response_ratings (response_id, offer_code, attribute_code, score)
            select ${id}, offer_code, attribute_code,
              case when offer_code = 'aster' and attribute_code = 'service' then (case when score + 1 > 10 then 10 else score + 1 end)
                   when offer_code = 'birch' and attribute_code = 'purchase' then (case when score - 1 < 1 then 1 else score - 1 end)
                   else score end
            from response_ratings where response_id = ${r.id}`,
      );
      await tx.run(
        sql`insert into response_weights (response_id, attribute_code, weight) select ${id}, attribute_code, weight from response_weights where response_id = ${r.id}`,
      );
      await tx.run(
        sql`insert into response_offers (response_id, offer_code, position, known, worth, overall, chose, considered)
            select ${id}, offer_code, position, known, worth, overall, chose, considered from response_offers where response_id = ${r.id}`,
      );
      await profile(id, r.id % 2 === 0 ? "online" : "store");
    }
  });
}

/** Signs the demo researcher in from the report's sign-in redirect and switches to `lang`. */
export async function openDemoReport(page: import("playwright-core").Page, base: string, lang: "en" | "zh-CN", query = ""): Promise<void> {
  await page.goto(`${base}/studies/1/report${query}`);
  if (page.url().includes("/signin")) {
    await page.fill("#email", "demo@valuemap.example");
    await page.fill("#password", "valuemap-demo-2026");
    await Promise.all([page.waitForURL(/\/studies\/1\/report/), page.click("form:has(#email) button[type=submit]")]);
  }
  // The sign-in form navigates on the client: the address can change before the report is drawn.
  const report = page.locator('[data-section="scores"]');
  await report.waitFor();
  const current = await page.getAttribute("html", "lang");
  if (current !== lang) {
    await Promise.all([page.waitForResponse((r) => r.url().includes("/studies/1/report") && r.request().method() === "GET"), page.click(`header button[lang="${lang}"]`)]);
    await page.waitForLoadState("load");
    await page.locator(`html[lang="${lang}"]`).waitFor({ state: "attached" });
    await report.waitFor();
  }
}
