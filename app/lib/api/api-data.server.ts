import type { Db } from "../../../db/client";
import { listStudiesOfUser } from "../../../db/queries/members";
import { listProfileQuestions } from "../../../db/queries/profile-questions";
import { listFeedPage } from "../../../db/queries/response-feed";
import { countResponses } from "../../../db/queries/responses";
import { listAttributes, listOffers, type Study } from "../../../db/queries/studies";
import { listQuotas } from "../../../db/queries/quotas";
import { sql } from "drizzle-orm";
import type { StudyRole } from "../design/study-access.server";
import { parseReportOptionsWithIssues } from "../report/report-options.server";
import { loadReport } from "../report/report.server";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The studies the token's owner owns or is a member of. */
export async function apiStudies(db: Db, userId: number) {
  const studies = await listStudiesOfUser(db, userId);
  return { studies: studies.map((s) => ({ id: s.id, title: s.title, titleZh: s.titleZh, role: s.role, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) })) };
}

/** One study: its definition (offers, attributes, profile questions, quotas), fieldwork window and counts. */
export async function apiStudy(db: Db, study: Study, role: StudyRole) {
  return {
    id: study.id,
    title: study.title,
    titleZh: study.titleZh,
    market: study.market,
    marketZh: study.marketZh,
    languages: study.languages.split(","),
    role,
    currentWave: study.currentWave,
    fieldwork: { opensAt: iso(study.fieldworkOpensAt), closesAt: iso(study.fieldworkClosesAt) },
    offers: (await listOffers(db, study.id)).map((o) => ({ code: o.code, name: o.name, nameZh: o.nameZh, own: o.isOwn, marketShare: o.marketShare })),
    attributes: (await listAttributes(db, study.id)).map((a) => ({
      code: a.code,
      kind: a.kind,
      name: a.name,
      nameZh: a.nameZh,
      group: a.groupName,
      // Kotler's cost group of a price attribute (docs/method.md §4 (e)); null for quality.
      costGroup: a.kind === "price" ? a.costGroup : null,
    })),
    profileQuestions: (await listProfileQuestions(db, study.id)).map((q) => ({ code: q.code, kind: q.kind, text: q.text, textZh: q.textZh, choices: q.choices, segment: q.isSegment })),
    quotas: (await listQuotas(db, study.id)).map((q) => ({ question: q.questionCode, value: q.value, target: q.target })),
    counts: await countResponses(db, study.id),
  };
}

/** The published questionnaire versions of both stages, with the study definition each was built from. */
export async function apiQuestionnaires(db: Db, studyId: number) {
  const rows = await db.rows<{ id: number; stage: string; version: number; publishedAt: number; definitionJson: string }>(
    sql`select id, stage, version, published_at as "publishedAt", definition_json as "definitionJson" from questionnaires
        where study_id = ${studyId} order by stage, version`,
  );
  return {
    questionnaires: rows.map((q) => ({
      stage: q.stage,
      version: Number(q.version),
      publishedAt: iso(Number(q.publishedAt)),
      definition: JSON.parse(q.definitionJson) as unknown,
    })),
  };
}

export const MAX_PAGE = 500;
const DEFAULT_PAGE = 100;

/**
 * One page of the study's finished responses after the cursor `since` (absent: from the first),
 * at most `limit` (1-500, default 100). The cursor is a position in the study's response feed,
 * which is commit order: responses finishing while a client pages appear after its cursor, so
 * paging to the end never skips or repeats one. `next` is the cursor of the following page (the
 * same as `since` when there is nothing new: poll with it later).
 */
export async function apiResponses(db: Db, studyId: number, params: URLSearchParams): Promise<{ ok: true; body: unknown } | { ok: false; error: string }> {
  const rawSince = params.get("since") ?? "0";
  const rawLimit = params.get("limit") ?? String(DEFAULT_PAGE);
  if (!/^\d{1,15}$/.test(rawSince)) return { ok: false, error: "since requires the cursor of a previous page (a whole number)" };
  if (!/^\d{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_PAGE) return { ok: false, error: `limit requires a whole number from 1 to ${MAX_PAGE}` };
  const since = Number(rawSince);
  const limit = Number(rawLimit);
  const rows = await listFeedPage(db, { studyId, since, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    ok: true,
    body: {
      responses: page.map(({ seq: _seq, startedAt, completedAt, ...r }) => ({ ...r, startedAt: iso(startedAt), completedAt: iso(completedAt) })),
      next: String(page.at(-1)?.seq ?? since),
      hasMore: rows.length > limit,
    },
  };
}

/**
 * The analysis of the study with the report's filters from the query (line, slope,
 * segment=question:value, wave, flagged, versus): `analysis` is analyzeStudy's report in the
 * documented output format (docs/analysis-format.md), null when nothing can be analysed yet.
 */
export async function apiAnalysis(db: Db, study: Study, params: URLSearchParams) {
  const { options, ignored } = parseReportOptionsWithIssues(params, study);
  const view = await loadReport(db, study, "en", options, ignored);
  return { study: { id: study.id }, options: view.options, ignored: view.ignored, counts: view.counts, dataVersion: view.dataVersion, analysis: view.analysis };
}
