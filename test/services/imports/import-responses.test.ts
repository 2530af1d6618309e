import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAnalysis } from "../../../app/lib/api/api-data.server";
import { exportResponse } from "../../../app/lib/exports/export-response.server";
import { importResponses } from "../../../app/lib/imports/import-responses.server";
import { getStudyById } from "../../../db/queries/members";
import type { Study } from "../../../db/queries/studies";
import { insertRow, scalar } from "../../db/fixtures";
import { demoDb } from "../demo-db";

/**
 * Importing ratings collected elsewhere: the demo's raw data exported and imported into a copy of
 * the study gives the same report figures; a file with problems imports nothing and names each
 * problem's line.
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
beforeAll(async () => {
  demo = await demoDb();
});
afterAll(() => demo.cleanup());

/** A copy of the demo study's design (offers, attributes, profile questions, published questionnaires), without responses. */
async function copyOfDemo(title: string): Promise<Study> {
  const s = demo.study;
  const id = await insertRow(demo.db, "studies", {
    owner_id: s.ownerId,
    title,
    market: s.market,
    languages: s.languages,
    public_token: `copy-${title.replace(/\W/g, "").toLowerCase()}`,
    stated_weights_json: s.statedWeightsJson,
    fair_value_line: s.fairValueLine,
    fair_value_slope: s.fairValueSlope,
    current_wave: s.currentWave,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  });
  await demo.db.run(sql`insert into offers (study_id, code, name, name_zh, is_own, market_share, sort) select ${id}, code, name, name_zh, is_own, market_share, sort from offers where study_id = ${s.id}`);
  await demo.db.run(
    sql`insert into attributes (study_id, code, kind, name, name_zh, description, description_zh, group_name, sort)
        select ${id}, code, kind, name, name_zh, description, description_zh, group_name, sort from attributes where study_id = ${s.id}`,
  );
  await demo.db.run(
    sql`insert into profile_questions (study_id, code, kind, text, text_zh, choices_json, is_segment, sort)
        select ${id}, code, kind, text, text_zh, choices_json, is_segment, sort from profile_questions where study_id = ${s.id}`,
  );
  await demo.db.run(
    sql`insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at)
        select ${id}, stage, version, definition_json, survey_json, published_at from questionnaires where study_id = ${s.id}`,
  );
  return (await getStudyById(demo.db, id))!;
}

async function exported(name: string, query = "flagged=in"): Promise<Uint8Array> {
  const res = await exportResponse(demo.db, { study: demo.study, actor: { userId: demo.study.ownerId }, locale: "en", name, url: new URL(`http://localhost/x?${query}`) });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

const analysis = (study: Study, query: string) => apiAnalysis(demo.db, study, new URLSearchParams(query));
/**
 * Figures to 9 decimals: the export does not carry the order each respondent saw the offers in,
 * so the derived-importance regression adds the same terms in another order and the last bits
 * of a double can differ (e.g. r² 0.8695179858921628 and …622).
 */
const figures = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toFixed(9)) : v));
const completeOf = (study: Study) =>
  scalar(demo.db, sql`select count(*) as "v" from responses r join questionnaires q on q.id = r.questionnaire_id where q.study_id = ${study.id} and r.status = 'complete' and q.stage = 'rating'`).then(Number);

describe("importResponses (service)", () => {
  it("round-trips the demo's raw wide CSV into a copy of the study with identical report figures", async () => {
    const copy = await copyOfDemo("Round trip CSV");
    const result = await importResponses(demo.db, copy, copy.ownerId, await exported("raw-wide.csv"));
    expect(result).toEqual({ ok: true, imported: await completeOf(demo.study), layout: "wide" });
    for (const query of ["flagged=in", "flagged=in&line=parity", "flagged=in&wave=1", "flagged=in&segment=segment:home"]) {
      const [original, imported] = [await analysis(demo.study, query), await analysis(copy, query)];
      expect(imported.counts, query).toEqual(original.counts);
      expect(figures(imported.analysis), query).toEqual(figures(original.analysis));
    }
    const origins = await demo.db.rows<{ origin: string }>(
      sql`select distinct r.origin from responses r join questionnaires q on q.id = r.questionnaire_id where q.study_id = ${copy.id}`,
    );
    expect(origins).toEqual([{ origin: "imported" }]);
  });

  it("reads the same data from the XLSX export", async () => {
    const copy = await copyOfDemo("Round trip XLSX");
    const result = await importResponses(demo.db, copy, copy.ownerId, await exported("raw-wide.xlsx"));
    expect(result.ok).toBe(true);
    expect(figures((await analysis(copy, "flagged=in")).analysis)).toEqual(figures((await analysis(demo.study, "flagged=in")).analysis));
  });

  it("reads the long layout's ratings", async () => {
    const copy = await copyOfDemo("Round trip long");
    expect(await importResponses(demo.db, copy, copy.ownerId, await exported("raw-long.csv"))).toMatchObject({ ok: true, layout: "long" });
    const ratings = (study: Study) =>
      demo.db.rows<{ offer: string; attribute: string; n: number; total: number }>(
        sql`select x.offer_code as "offer", x.attribute_code as "attribute", cast(count(*) as integer) as "n", cast(sum(x.score) as integer) as "total"
            from response_ratings x join responses r on r.id = x.response_id join questionnaires q on q.id = r.questionnaire_id
            where q.study_id = ${study.id} and r.status = 'complete' group by x.offer_code, x.attribute_code order by 1, 2`,
      );
    expect(await ratings(copy)).toEqual(await ratings(demo.study));
  });

  it("imports nothing from a file with problems and names each problem's line", async () => {
    const copy = await copyOfDemo("Rejections");
    const csv = [
      "respondent_id,wave,quality_share,weight_reliability,weight_taste,weight_ease,weight_service,weight_design,rating_aster_taste,known_birch,rating_birch_taste,chose,profile_segment",
      "r1,1,60,30,25,15,20,10,8,1,7,aster,home",
      "r2,1,60,30,25,15,20,11,8,1,7,aster,home",
      '"r3",1,60,30,25,15,20,10,11,1,7,aster,home',
      "r4,1,60,30,25,15,20,10,8,0,7,aster,home",
      "r5,0,60,30,25,15,20,10,8,1,7,nobody,garden",
      "r1,1,60,30,25,15,20,10,8,1,7,aster,home",
    ].join("\r\n");
    const result = await importResponses(demo.db, copy, copy.ownerId, new TextEncoder().encode(csv));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.line, p.key])).toEqual([
      [3, "import.error.weightSum"],
      [4, "import.error.score"],
      [5, "import.error.ratedUnknown"],
      [6, "import.error.wave"],
      [6, "import.error.choice"],
      [6, "import.error.offer"],
      [7, "import.error.duplicateRespondent"],
    ]);
    expect(result.problems[0]!.params).toEqual({ kind: "quality", sum: 101 });
    expect(result.problems[1]!.params).toEqual({ column: "rating_aster_taste", value: "11" });
    expect(await completeOf(copy)).toBe(0);
  });

  it("refuses an unknown column, an unreadable file and a second import of the same respondents", async () => {
    const copy = await copyOfDemo("Twice");
    const refusal = async (text: string | Uint8Array) => {
      const r = await importResponses(demo.db, copy, copy.ownerId, typeof text === "string" ? new TextEncoder().encode(text) : text);
      return r.ok ? r : r.problems.map((p) => [p.line, p.key, p.params ?? null]);
    };
    expect(await refusal("respondent_id,rating_zebra_taste\r\n1,5")).toEqual([[1, "import.error.unknownColumn", { column: "rating_zebra_taste" }]]);
    expect(await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual([[0, "import.error.unreadable", null]]);
    expect(await refusal("respondent_id,wave\r\n")).toEqual([[1, "import.error.empty", null]]);
    const good = "respondent_id,rating_aster_taste\r\nx1,8\r\nx2,9";
    expect(await refusal(good)).toEqual({ ok: true, imported: 2, layout: "wide" });
    expect(await refusal(good)).toEqual([
      [2, "import.error.alreadyImported", { id: "x1" }],
      [3, "import.error.alreadyImported", { id: "x2" }],
    ]);
    expect(await completeOf(copy)).toBe(2);
  });
});
