import Database from "better-sqlite3";

const DAY = 86_400_000;

/**
 * Turns the demo study (id 1) of a server's database into a tracked study: a segment profile
 * question ("channel": online / store, alternating by response id) answered by every complete
 * rating-stage response, and a second wave 40 days later that repeats every complete response with the own
 * offer's after-sales service rated one point higher and the first competitor's purchase price
 * one point lower. Written with a second connection while the server runs (WAL).
 */
export function makeTrackedDemo(databaseFile: string): void {
  const db = new Database(databaseFile);
  try {
    db.pragma("busy_timeout = 5000");
    db.transaction(() => {
      db.prepare(
        `insert into profile_questions (study_id, code, kind, text, text_zh, choices_json, is_segment, sort)
         values (1, 'channel', 'choice', 'Where did you buy it?', '您在哪里购买的？', ?, 1, 1)`,
      ).run(
        JSON.stringify([
          { code: "online", label: "Online", labelZh: "网上" },
          { code: "store", label: "In a store", labelZh: "门店" },
        ]),
      );
      const complete = db
        .prepare(
          `select r.* from responses r join questionnaires q on q.id = r.questionnaire_id
           where q.study_id = 1 and q.stage = 'rating' and r.status = 'complete' order by r.id`,
        )
        .all() as Array<Record<string, unknown> & { id: number; completed_at: number; started_at: number }>;
      const profile = db.prepare("insert into response_profile (response_id, question_code, value) values (?, 'channel', ?)");
      for (const r of complete) profile.run(r.id, r.id % 2 === 0 ? "online" : "store");
      const insert = db.prepare(
        `insert into responses (client_id, questionnaire_id, status, answers_json, page_no, seq, offer_order, locale, quality_share,
           wave, started_at, updated_at, completed_at)
         values (?, ?, 'complete', '{}', 0, 0, ?, ?, ?, 2, ?, ?, ?)`,
      );
      for (const r of complete) {
        const at = r.completed_at + 40 * DAY;
        const id = Number(
          insert.run(`wave2-response-${r.id}`, r.questionnaire_id, r.offer_order, r.locale, r.quality_share, r.started_at + 40 * DAY, at, at).lastInsertRowid,
        );
        db.prepare(
          `insert into response_ratings (response_id, offer_code, attribute_code, score)
           select ?, offer_code, attribute_code,
             case when offer_code = 'aster' and attribute_code = 'service' then min(10, score + 1)
                  when offer_code = 'birch' and attribute_code = 'purchase' then max(1, score - 1)
                  else score end
           from response_ratings where response_id = ?`,
        ).run(id, r.id);
        db.prepare("insert into response_weights (response_id, attribute_code, weight) select ?, attribute_code, weight from response_weights where response_id = ?").run(id, r.id);
        db.prepare(
          `insert into response_offers (response_id, offer_code, position, known, worth, overall, chose, considered)
           select ?, offer_code, position, known, worth, overall, chose, considered from response_offers where response_id = ?`,
        ).run(id, r.id);
        profile.run(id, r.id % 2 === 0 ? "online" : "store");
      }
    })();
  } finally {
    db.close();
  }
}

/** Signs the demo researcher in from the report's sign-in redirect and switches to `lang`. */
export async function openDemoReport(page: import("playwright-core").Page, base: string, lang: "en" | "zh-CN", query = ""): Promise<void> {
  await page.goto(`${base}/studies/1/report${query}`);
  if (page.url().includes("/signin")) {
    await page.fill("#email", "demo@valuemap.example");
    await page.fill("#password", "valuemap-demo-2026");
    await Promise.all([page.waitForURL(/\/studies\/1\/report/), page.click("form:has(#email) button[type=submit]")]);
  }
  const current = await page.getAttribute("html", "lang");
  if (current !== lang) {
    await Promise.all([page.waitForResponse((r) => r.url().includes("/studies/1/report") && r.request().method() === "GET"), page.click(`header button[lang="${lang}"]`)]);
    await page.waitForLoadState("load");
  }
}
