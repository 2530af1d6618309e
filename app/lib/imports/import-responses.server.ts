import crypto from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { recordAuditEvent } from "../../../db/queries/audit";
import { listProfileQuestions } from "../../../db/queries/profile-questions";
import { rawDataLayout } from "../../../db/queries/raw-data";
import { recordFinishedResponse } from "../../../db/queries/response-events";
import type { Study } from "../../../db/queries/studies";
import { chunks, valuesList } from "../../../db/sql";
import { parseImport, type ImportedRespondent, type ImportProblem, type StudyShape } from "./parse-import.server";
import { readTable } from "./read-table.server";

export type { ImportProblem };

/** Largest import file, in bytes. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** Problems listed at most (the rest are counted). */
const MAX_PROBLEMS = 200;

export type ImportResult = { ok: true; imported: number; layout: "wide" | "long" } | { ok: false; problems: ImportProblem[]; total: number };

/**
 * An imported response's client id: the same respondent_id imported into the same study twice
 * is the same response (the second import is refused, line by line).
 */
export function importedClientId(studyId: number, ref: string): string {
  return `imp_${crypto.createHash("sha256").update(`${studyId}:${ref}`).digest("hex").slice(0, 40)}`;
}

async function shapeOf(db: Db, study: Study): Promise<{ shape: StudyShape; questionnaires: Map<number, number> }> {
  const layout = await rawDataLayout(db, study.id);
  const rows = await db.rows<{ id: number; version: number }>(
    sql`select id, version from questionnaires where study_id = ${study.id} and stage = 'rating' order by version`,
  );
  const questionnaires = new Map(rows.map((r) => [Number(r.version), Number(r.id)]));
  return { shape: { ...layout, questions: await listProfileQuestions(db, study.id), versions: [...questionnaires.keys()] }, questionnaires };
}

async function alreadyImported(db: Db, studyId: number, respondents: ImportedRespondent[]): Promise<ImportProblem[]> {
  const byClientId = new Map(respondents.map((r) => [importedClientId(studyId, r.ref), r]));
  const problems: ImportProblem[] = [];
  const { responses } = db.t;
  for (const part of chunks([...byClientId.keys()], 500)) {
    for (const row of await db.q.select({ clientId: responses.clientId }).from(responses).where(inArray(responses.clientId, part))) {
      const r = byClientId.get(row.clientId)!;
      problems.push({ line: r.line, key: "import.error.alreadyImported", params: { id: r.ref } });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

async function insertRespondent(tx: Db, study: Study, questionnaireId: number, offers: string[], r: ImportedRespondent, now: number): Promise<void> {
  const completedAt = r.completedAt ?? now;
  const startedAt = r.startedAt ?? completedAt;
  const [row] = await tx.rows<{ id: number }>(
    sql`insert into responses (client_id, questionnaire_id, status, answers_json, offer_order, locale, quality_share, wave, review, origin, started_at, updated_at, completed_at)
        values (${importedClientId(study.id, r.ref)}, ${questionnaireId}, 'complete', ${JSON.stringify({ imported: r.ref })}, ${JSON.stringify(offers)}, ${r.locale},
          ${r.qualityShare}, ${r.wave ?? study.currentWave}, ${r.review}, 'imported', ${startedAt}, ${now}, ${completedAt}) returning id`,
  );
  const id = Number(row!.id);
  for (const part of chunks(r.ratings)) {
    await tx.run(sql`insert into response_ratings (response_id, offer_code, attribute_code, score) values ${valuesList(part.map((x) => [id, x.offer, x.attribute, x.score]))}`);
  }
  const weights = Object.entries(r.weights);
  for (const part of chunks(weights)) {
    await tx.run(sql`insert into response_weights (response_id, attribute_code, weight) values ${valuesList(part.map(([a, w]) => [id, a, w]))}`);
  }
  const offerRows = Object.entries(r.offers).map(([code, o]) => [id, code, Math.max(0, offers.indexOf(code)), o.known, o.worth, o.overall, o.chose, o.considered]);
  for (const part of chunks(offerRows)) {
    await tx.run(sql`insert into response_offers (response_id, offer_code, position, known, worth, overall, chose, considered) values ${valuesList(part)}`);
  }
  const profile = Object.entries(r.profile);
  for (const part of chunks(profile)) {
    await tx.run(sql`insert into response_profile (response_id, question_code, value) values ${valuesList(part.map(([q, v]) => [id, q, v]))}`);
  }
  await recordFinishedResponse(tx, id, now, { events: false });
}

/**
 * Imports ratings collected elsewhere into the study: a CSV or XLSX file in the wide or long
 * layout of the raw-data export. Every row is checked against the study first (codes, scales,
 * weights summing to 100, respondents not yet imported); with any problem nothing is stored and
 * the problems come back with their lines. Otherwise every respondent is stored in ONE
 * transaction as a complete response marked `imported` (on the questionnaire version it names,
 * else the latest), in the response feed, analysed like any other. Audited.
 */
export async function importResponses(db: Db, study: Study, userId: number, bytes: Uint8Array, now = Date.now()): Promise<ImportResult> {
  const refuse = (problems: ImportProblem[]): ImportResult => ({ ok: false, problems: problems.slice(0, MAX_PROBLEMS), total: problems.length });
  if (bytes.length > IMPORT_MAX_BYTES) return refuse([{ line: 0, key: "import.error.tooLarge" }]);
  const { shape, questionnaires } = await shapeOf(db, study);
  if (questionnaires.size === 0) return refuse([{ line: 0, key: "import.error.unpublished" }]);
  const rows = readTable(bytes);
  if (!rows) return refuse([{ line: 0, key: "import.error.unreadable" }]);
  if (rows.length === 0) return refuse([{ line: 0, key: "import.error.empty" }]);
  const parsed = parseImport(rows, shape);
  if (parsed.problems.length) return refuse(parsed.problems);
  const duplicates = await alreadyImported(db, study.id, parsed.respondents);
  if (duplicates.length) return refuse(duplicates);
  const latest = Math.max(...questionnaires.keys());
  await db.transaction(async (tx) => {
    for (const r of parsed.respondents) await insertRespondent(tx, study, questionnaires.get(r.version ?? latest)!, shape.offers, r, now);
    await recordAuditEvent(tx, { studyId: study.id, userId, action: "import", detail: `${parsed.respondents.length} responses (${parsed.layout})`, now });
  });
  return { ok: true, imported: parsed.respondents.length, layout: parsed.layout };
}
