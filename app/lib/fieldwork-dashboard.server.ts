import { recordAuditEvent } from "../../db/queries/audit";
import { getFieldworkStats } from "../../db/queries/fieldwork-stats";
import { listProfileQuestions } from "../../db/queries/profile-questions";
import { listOffers, startNextWave, type Study } from "../../db/queries/studies";
import { db } from "./db.server";
import { fieldworkState } from "./fieldwork-design.server";

/** The fieldwork dashboard: counts from SQL aggregates, quota cells with their labels, the window's state. */
export function loadDashboard(study: Study) {
  const ownOffer = listOffers(db, study.id).find((o) => o.isOwn)?.code ?? null;
  const stats = getFieldworkStats(db, { studyId: study.id, ownOffer });
  const questions = listProfileQuestions(db, study.id);
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh, currentWave: study.currentWave },
    state: fieldworkState(study, Date.now()),
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

export function startNextWaveOf(study: Study, userId: number): { ok: true; wave: number } {
  const wave = startNextWave(db, { id: study.id, now: Date.now() });
  recordAuditEvent(db, { studyId: study.id, userId, action: "nextWave", detail: `wave ${wave}`, now: Date.now() });
  return { ok: true, wave };
}
