import { whatWho, type GroupedAttributeDef, type StudyAnalysisReport, type Unavailable, type WhatWhoCell, type WhatWhoResult } from "../../../analysis/index";
import { listFirmFunctions, listWhatWhoCells } from "../../../db/queries/firm-functions";
import type { Db } from "../../../db/client";
import { inLocale, type Locale } from "~/i18n/index";

/**
 * The what/who matrix (method.md): which of the firm's functions drive which quality attribute,
 * each attribute carrying its weight and the own offer's rating ratio from the quality profile.
 */
export async function reportWhatWho(
  db: Db,
  studyId: number,
  locale: Locale,
  attributeRows: Array<{ id: number; code: string }>,
  attributes: GroupedAttributeDef[],
  quality: StudyAnalysisReport["qualityProfile"] | undefined,
): Promise<{
  functions: Array<{ id: number; key: string; name: string }>;
  cells: Record<string, Record<string, WhatWhoCell>>;
  result: WhatWhoResult | Unavailable;
}> {
  const functionRows = await listFirmFunctions(db, studyId);
  const attributeCode = new Map(attributeRows.map((a) => [a.id, a.code]));
  const cells: Record<string, Record<string, WhatWhoCell>> = {};
  for (const c of await listWhatWhoCells(db, studyId)) {
    const code = attributeCode.get(c.attributeId);
    if (code !== undefined) (cells[String(c.functionId)] ??= {})[code] = c.strength;
  }
  const byAttribute: Record<string, Record<string, WhatWhoCell>> = {};
  for (const [fn, row] of Object.entries(cells)) for (const [code, cell] of Object.entries(row)) (byAttribute[code] ??= {})[fn] = cell;
  const result: WhatWhoResult | Unavailable =
    functionRows.length === 0
      ? { ok: false, reason: "no-functions" }
      : !quality || !quality.ok
        ? { ok: false, reason: quality ? quality.reason : "no-responses" }
        : whatWho({
            attributes: attributes.filter((a) => a.kind === "quality"),
            weights: Object.fromEntries(quality.attributes.map((r) => [r.id, r.weight])),
            ratios: Object.fromEntries(quality.attributes.map((r) => [r.id, r.ratio])),
            functions: functionRows.map((f) => String(f.id)),
            cells: byAttribute,
          });
  return { functions: functionRows.map((f) => ({ id: f.id, key: String(f.id), name: inLocale(locale, f.name, f.nameZh) })), cells, result };
}
