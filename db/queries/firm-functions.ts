import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { Db } from "../client";
import { attributes, firmFunctions, whatWhoCells } from "../schema";

export type FirmFunctionRow = typeof firmFunctions.$inferSelect;
export type WhatWhoStrength = 0 | 1 | 3 | 9;

/** A study's firm functions in their order. */
export function listFirmFunctions(db: Db, studyId: number): FirmFunctionRow[] {
  return db.select().from(firmFunctions).where(eq(firmFunctions.studyId, studyId)).orderBy(asc(firmFunctions.sort), asc(firmFunctions.id)).all();
}

/** Adds a function at the end of the list. */
export function addFirmFunction(db: Db, args: { studyId: number; name: string; nameZh: string | null }): number {
  return db.transaction((tx) => {
    const last = tx.select({ sort: max(firmFunctions.sort) }).from(firmFunctions).where(eq(firmFunctions.studyId, args.studyId)).get();
    return tx
      .insert(firmFunctions)
      .values({ ...args, sort: (last?.sort ?? 0) + 1 })
      .returning({ id: firmFunctions.id })
      .get().id;
  });
}

/** Removes a function of the study and its cells; false when there is no such function. */
export function deleteFirmFunction(db: Db, args: { studyId: number; id: number }): boolean {
  return db.delete(firmFunctions).where(and(eq(firmFunctions.id, args.id), eq(firmFunctions.studyId, args.studyId))).run().changes === 1;
}

/** What/who cells of a study: function id -> attribute id -> strength (missing = 0). */
export function listWhatWhoCells(db: Db, studyId: number): Array<{ functionId: number; attributeId: number; strength: WhatWhoStrength }> {
  return db
    .select({ functionId: whatWhoCells.functionId, attributeId: whatWhoCells.attributeId, strength: whatWhoCells.strength })
    .from(whatWhoCells)
    .innerJoin(firmFunctions, eq(firmFunctions.id, whatWhoCells.functionId))
    .where(eq(firmFunctions.studyId, studyId))
    .all() as Array<{ functionId: number; attributeId: number; strength: WhatWhoStrength }>;
}

/**
 * Replaces the whole what/who grid of a study in one transaction. Every cell must name a
 * function and an attribute of this study (else nothing changes and false is returned); 0
 * cells are not stored.
 */
export function saveWhatWhoCells(
  db: Db,
  args: { studyId: number; cells: Array<{ functionId: number; attributeId: number; strength: WhatWhoStrength }> },
): boolean {
  return db.transaction((tx) => {
    const fnIds = tx.select({ id: firmFunctions.id }).from(firmFunctions).where(eq(firmFunctions.studyId, args.studyId)).all().map((r) => r.id);
    const attrIds = new Set(tx.select({ id: attributes.id }).from(attributes).where(eq(attributes.studyId, args.studyId)).all().map((r) => r.id));
    const fnSet = new Set(fnIds);
    if (!args.cells.every((c) => fnSet.has(c.functionId) && attrIds.has(c.attributeId))) return false;
    if (fnIds.length > 0) tx.delete(whatWhoCells).where(inArray(whatWhoCells.functionId, fnIds)).run();
    const stored = args.cells.filter((c) => c.strength !== 0);
    if (stored.length > 0) tx.insert(whatWhoCells).values(stored).run();
    return true;
  });
}
