import type { Db } from "../../../db/client";
import { recordAuditEvent } from "../../../db/queries/audit";
import { getPanelRedirects, savePanelRedirects, type PanelRedirects } from "../../../db/queries/panel-redirects";
import type { Study } from "../../../db/queries/studies";

export type { PanelRedirects };

export type PanelOutcome = "complete" | "screened_out" | "quota_full" | "closed";

/** The outcome a finished response's status and screening reason stand for. */
export function outcomeOf(status: string | undefined, screenReason: string | null | undefined): PanelOutcome | null {
  if (status === "complete") return "complete";
  if (status !== "screened_out") return null;
  return screenReason === "quota_full" ? "quota_full" : screenReason === "closed" ? "closed" : "screened_out";
}

const FIELD: Record<PanelOutcome, keyof PanelRedirects> = {
  complete: "completeUrl",
  screened_out: "screenedOutUrl",
  quota_full: "quotaFullUrl",
  closed: "closedUrl",
};

/**
 * Where a panel respondent goes after their final state: the study's address for the outcome
 * with `{rid}` replaced by their id (URL-encoded), or null (no id, no address for it: the usual
 * thank-you page).
 */
export async function panelRedirect(db: Db, studyId: number, outcome: PanelOutcome | null, rid: string | null | undefined): Promise<string | null> {
  if (!outcome || !rid) return null;
  const url = (await getPanelRedirects(db, studyId))?.[FIELD[outcome]];
  return url ? url.replaceAll("{rid}", encodeURIComponent(rid)) : null;
}

/** The panel page: the study's redirect addresses (empty when none is set). */
export async function loadPanelRedirects(db: Db, study: Study): Promise<PanelRedirects> {
  return (await getPanelRedirects(db, study.id)) ?? { completeUrl: null, screenedOutUrl: null, quotaFullUrl: null, closedUrl: null };
}

/** Saves the four addresses (already checked by the form's schema) and records it in the audit log. */
export async function savePanelLinks(db: Db, study: Study, userId: number, redirects: PanelRedirects, now = Date.now()): Promise<void> {
  await savePanelRedirects(db, { studyId: study.id, redirects, now });
  const detail = Object.values(redirects).filter(Boolean).join(" ").slice(0, 300);
  await recordAuditEvent(db, { studyId: study.id, userId, action: "panelRedirects", detail, now });
}
