import { sql } from "drizzle-orm";
import type { Db } from "../client";

export interface PanelRedirects {
  completeUrl: string | null;
  screenedOutUrl: string | null;
  quotaFullUrl: string | null;
  closedUrl: string | null;
}

export async function getPanelRedirects(db: Db, studyId: number): Promise<PanelRedirects | null> {
  const [row] = await db.rows<PanelRedirects>(
    sql`select complete_url as "completeUrl", screened_out_url as "screenedOutUrl", quota_full_url as "quotaFullUrl", closed_url as "closedUrl"
        from panel_redirects where study_id = ${studyId}`,
  );
  return row ?? null;
}

export async function savePanelRedirects(db: Db, args: { studyId: number; redirects: PanelRedirects; now: number }): Promise<void> {
  const r = args.redirects;
  await db.run(
    sql`insert into panel_redirects (study_id, complete_url, screened_out_url, quota_full_url, closed_url, updated_at)
        values (${args.studyId}, ${r.completeUrl}, ${r.screenedOutUrl}, ${r.quotaFullUrl}, ${r.closedUrl}, ${args.now})
        on conflict (study_id) do update set complete_url = excluded.complete_url, screened_out_url = excluded.screened_out_url,
          quota_full_url = excluded.quota_full_url, closed_url = excluded.closed_url, updated_at = excluded.updated_at`,
  );
}
