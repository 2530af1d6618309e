import type Database from "better-sqlite3";
import { seededRandom } from "../surveys/seeded-random";

const OFFERS = ["aster", "birch", "cedar"];
const QUALITY = ["reliability", "taste", "ease", "service", "design"];
const PRICE = ["purchase", "running", "terms"];

/** The demo study's newest rating-stage questionnaire (the benches' responses go there, not to the focus group's). */
export function demoRatingQuestionnaire(sqlite: Database.Database, studyId: number): number {
  return (sqlite.prepare("select id from questionnaires where study_id = ? and stage = 'rating' order by version desc").get(studyId) as { id: number }).id;
}

/**
 * Adds synthetic complete responses to the demo's rating questionnaire until the database has
 * `total` complete responses (raw inserts, one transaction, seeded by `total`): fixed weights,
 * every known offer rated 1-10 on all eight attributes, an overall score and a last purchase.
 */
export function growDemoResponses(sqlite: Database.Database, questionnaireId: number, total: number): void {
  const have = (sqlite.prepare("select count(*) as n from responses where status = 'complete'").get() as { n: number }).n;
  const rnd = seededRandom(total);
  const response = sqlite.prepare(
    `insert into responses (client_id, questionnaire_id, status, offer_order, quality_share, started_at, updated_at, completed_at)
     values (?, ?, 'complete', '[]', ?, ?, ?, ?)`,
  );
  const rating = sqlite.prepare("insert into response_ratings values (?, ?, ?, ?)");
  const weight = sqlite.prepare("insert into response_weights values (?, ?, ?)");
  const offer = sqlite.prepare("insert into response_offers (response_id, offer_code, position, known, overall, chose) values (?, ?, ?, 1, ?, ?)");
  sqlite.transaction(() => {
    for (let i = have; i < total; i++) {
      const started = 1_700_000_000_000 + i * 60_000;
      const id = Number(response.run(`bench-${i}`, questionnaireId, 40 + Math.floor(rnd() * 40), started, started + 400_000, started + 400_000).lastInsertRowid);
      for (const [set, points] of [[QUALITY, [30, 25, 15, 20, 10]], [PRICE, [55, 30, 15]]] as const) {
        set.forEach((a, k) => weight.run(id, a, points[k]));
      }
      const known = OFFERS.filter((o) => o === "aster" || rnd() >= 0.3);
      const chose = known[Math.floor(rnd() * known.length)];
      known.forEach((o, position) => {
        let sum = 0;
        for (const a of [...QUALITY, ...PRICE]) {
          const score = 1 + Math.floor(rnd() * 10);
          sum += score;
          rating.run(id, o, a, score);
        }
        offer.run(id, o, position, Math.max(1, Math.min(10, Math.round(sum / 8))), o === chose ? 1 : 0);
      });
    }
  })();
}
