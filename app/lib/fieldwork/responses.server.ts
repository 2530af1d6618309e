import { recordAuditEvent } from "../../../db/queries/audit";
import { completeSetVersion, listFlaggedIds } from "../../../db/queries/fieldwork-stats";
import { listProfileQuestions } from "../../../db/queries/profile-questions";
import { getResponseDetail, listResponsesPage, setResponseReview, type ResponseStatus } from "../../../db/queries/response-review";
import { listAttributes, listOffers, type Study } from "../../../db/queries/studies";
import { isIncluded } from "../../../analysis/data-quality";
import type { QualityFlag } from "../../../analysis/data-quality";
import type { Db } from "../../../db/client";
import { parseStageParam, type Stage } from "../../../surveys/stage";
import { createVersionedCache } from "../platform/versioned-cache";
import { answersText } from "./answers-text.server";

export const RESPONSES_PER_PAGE = 100;

/**
 * The flags need one pass over every rating of the study (seconds at 100k responses): kept per
 * study while its complete responses are unchanged, and reused for up to 30 s after they change,
 * so paging through the list does not recount them.
 */
const flagsCache = createVersionedCache<Map<number, QualityFlag[]>>({ maxStaleMs: 30_000, maxKeys: 50 });

async function ownOffer(db: Db, study: Study): Promise<string | null> {
  return (await listOffers(db, study.id)).find((o) => o.isOwn)?.code ?? null;
}

export interface ResponsesQuery {
  page: number;
  status: ResponseStatus | null;
  stage: Stage | null;
  show: number | null;
}

export function parseResponsesQuery(url: URL): ResponsesQuery {
  const status = url.searchParams.get("status");
  const stage = url.searchParams.get("stage");
  const page = Number(url.searchParams.get("page") ?? "1");
  const show = Number(url.searchParams.get("show") ?? "");
  return {
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    status: status === "draft" || status === "complete" || status === "screened_out" ? status : null,
    stage: parseStageParam(stage),
    show: Number.isSafeInteger(show) && show > 0 ? show : null,
  };
}

/** One page of the responses list with flags and the analysis decision, and the response shown in detail. */
export async function loadResponses(db: Db, study: Study, query: ResponsesQuery) {
  const own = await ownOffer(db, study);
  const flags = await flagsCache.getAsync(`${study.id}:${own ?? ""}`, await completeSetVersion(db, study.id), () =>
    listFlaggedIds(db, { studyId: study.id, ownOffer: own }),
  );
  const { total, rows } = await listResponsesPage(db, {
    studyId: study.id,
    status: query.status,
    stage: query.stage,
    limit: RESPONSES_PER_PAGE,
    offset: (query.page - 1) * RESPONSES_PER_PAGE,
  });
  const questions = await listProfileQuestions(db, study.id);
  const label = (code: string, value: string) => {
    const q = questions.find((x) => x.code === code);
    const choice = q?.kind === "choice" ? q.choices.find((c) => c.code === value) : undefined;
    return { code, value, label: choice?.label ?? value, labelZh: choice?.labelZh ?? null, question: q?.text ?? code, questionZh: q?.textZh ?? null };
  };
  const decorate = <T extends { id: number; status: ResponseStatus; stage: string; review: "include" | "exclude" | null }>(r: T) => {
    const f = r.status === "complete" && r.stage === "rating" ? (flags.get(r.id) ?? []) : [];
    return { ...r, flags: f, included: r.status === "complete" && r.stage === "rating" ? isIncluded(f, r.review, "out") : null };
  };
  const detail = query.show ? await getResponseDetail(db, { studyId: study.id, responseId: query.show }) : null;
  // The raw answers go to the page bounded (answers-text.server.ts), never as stored.
  const decorateDetail = ({ answersJson, ...rest }: NonNullable<typeof detail>) => ({ ...decorate(rest), answers: answersText(answersJson) });
  const offers = await listOffers(db, study.id);
  const attributes = await listAttributes(db, study.id);
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh },
    query,
    total,
    pages: Math.max(1, Math.ceil(total / RESPONSES_PER_PAGE)),
    rows: rows.map((r) => ({
      ...decorate(r),
      durationMs: r.completedAt !== null ? r.completedAt - r.startedAt : null,
      profile: Object.entries(r.profile).map(([code, value]) => label(code, value)),
    })),
    detail: detail
      ? {
          ...decorateDetail(detail),
          profile: Object.entries(detail.profile).map(([code, value]) => label(code, value)),
          names: Object.fromEntries([...offers.map((o) => [o.code, o.name]), ...attributes.map((a) => [a.code, a.name])]),
        }
      : null,
  };
}

/** A researcher's decision on a response: keep it in the analysis, leave it out, or follow its flags again. */
export type ReviewDecision = "include" | "exclude" | "reset";

/** Records a decision on a complete response of the study (404 for another study's), with an audit event. */
export async function reviewResponse(db: Db, study: Study, userId: number, input: { responseId: number; review: ReviewDecision }): Promise<{ ok: true }> {
  const review = input.review === "reset" ? null : input.review;
  if (!(await setResponseReview(db, { studyId: study.id, responseId: input.responseId, review }))) {
    throw new Response("response not found", { status: 404 });
  }
  await recordAuditEvent(db, { studyId: study.id, userId, action: "review", detail: `response ${input.responseId}: ${input.review}`, now: Date.now() });
  return { ok: true };
}
