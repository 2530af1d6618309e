import { recordAuditEvent } from "../../../db/queries/audit";
import { completeSetVersion, countFlags, getFieldworkStats, type FlagCounts } from "../../../db/queries/fieldwork-stats";
import { listProfileQuestions } from "../../../db/queries/profile-questions";
import { listOffers, startNextWave, type Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";
import { fieldworkWindowState } from "./fieldwork-window";
import { createVersionedCache } from "../platform/versioned-cache";

/**
 * The flag counts cost one pass over every rating of the study (about 2 s at 100k responses in
 * bench:fieldwork): they are recounted when the complete responses change, at most every 30 s
 * while fieldwork is busy; the other figures are counted on every refresh.
 */
const flagCache = createVersionedCache<FlagCounts>({ maxStaleMs: 30_000 });

/** The fieldwork dashboard: counts from SQL aggregates, quota cells with their labels, the window's state. */
export async function loadDashboard(db: Db, study: Study) {
  const ownOffer = (await listOffers(db, study.id)).find((o) => o.isOwn)?.code ?? null;
  const flagged = await flagCache.getAsync(`${study.id}:${ownOffer ?? ""}`, await completeSetVersion(db, study.id), () =>
    countFlags(db, { studyId: study.id, ownOffer }),
  );
  const stats = await getFieldworkStats(db, { studyId: study.id, ownOffer, flagged });
  const questions = await listProfileQuestions(db, study.id);
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh, currentWave: study.currentWave },
    state: fieldworkWindowState({ opensAt: study.fieldworkOpensAt, closesAt: study.fieldworkClosesAt }, Date.now()),
    stats: {
      ...stats,
      quotaCells: stats.quotaCells.map((c) => {
        const q = questions.find((x) => x.code === c.questionCode);
        const choice = q?.choices.find((x) => x.code === c.value);
        return { ...c, question: q?.text ?? c.questionCode, questionZh: q?.textZh ?? null, label: choice?.label ?? c.value, labelZh: choice?.labelZh ?? null };
      }),
    },
    refreshedAt: Date.now(),
  };
}

export async function startNextWaveOf(db: Db, study: Study, userId: number): Promise<{ ok: true; wave: number }> {
  const wave = await startNextWave(db, { id: study.id, now: Date.now() });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "nextWave", detail: `wave ${wave}`, now: Date.now() });
  return { ok: true, wave };
}
