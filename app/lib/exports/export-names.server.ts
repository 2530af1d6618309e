import type { Study } from "../../../db/queries/studies";

/**
 * A study's slug for file names: its (English) title in lower-case ASCII words joined by
 * hyphens, at most 50 characters ("Home espresso machines 2026" -> "home-espresso-machines-2026");
 * `study-<id>` when the title has no such letters (a Chinese-only title).
 */
export function studySlug(study: Pick<Study, "id" | "title">): string {
  const slug = study.title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return slug || `study-${study.id}`;
}

/**
 * A download's file name: the study's slug, the figure or table, and the day it was made (UTC),
 * e.g. `home-espresso-machines-2026-value-map-2026-12-05.png`. ASCII only (safe in a
 * Content-Disposition header).
 */
export function exportFileName(study: Pick<Study, "id" | "title">, figure: string, extension: string, now = Date.now()): string {
  return `${studySlug(study)}-${figure}-${new Date(now).toISOString().slice(0, 10)}.${extension}`;
}
