import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { Db } from "../client";
import type { firmFunctions } from "../schema";

export type FirmFunctionRow = typeof firmFunctions.$inferSelect;
export type WhatWhoStrength = 0 | 1 | 3 | 9;

/** A study's firm functions in their order. */
export async function listFirmFunctions(db: Db, studyId: number): Promise<FirmFunctionRow[]> {
  const { firmFunctions } = db.t;
  return db.q.select().from(firmFunctions).where(eq(firmFunctions.studyId, studyId)).orderBy(asc(firmFunctions.sort), asc(firmFunctions.id));
}

/** Adds a function at the end of the list. */
export function addFirmFunction(db: Db, args: { studyId: number; name: string; nameZh: string | null }): Promise<number> {
  return db.transaction(async (tx) => {
    const { firmFunctions } = tx.t;
    const [last] = await tx.q.select({ sort: max(firmFunctions.sort) }).from(firmFunctions).where(eq(firmFunctions.studyId, args.studyId));
    const [row] = await tx.q
      .insert(firmFunctions)
      .values({ ...args, sort: (last?.sort ?? 0) + 1 })
      .returning({ id: firmFunctions.id });
    return row!.id;
  });
}

/** Removes a function of the study and its cells; false when there is no such function. */
export async function deleteFirmFunction(db: Db, args: { studyId: number; id: number }): Promise<boolean> {
  const { firmFunctions } = db.t;
  const rows = await db.q
    .delete(firmFunctions)
    .where(and(eq(firmFunctions.id, args.id), eq(firmFunctions.studyId, args.studyId)))
    .returning({ id: firmFunctions.id });
  return rows.length === 1;
}

/** What/who cells of a study: function id -> attribute id -> strength (missing = 0). */
export async function listWhatWhoCells(db: Db, studyId: number): Promise<Array<{ functionId: number; attributeId: number; strength: WhatWhoStrength }>> {
  const { whatWhoCells, firmFunctions } = db.t;
  const rows = await db.q
    .select({ functionId: whatWhoCells.functionId, attributeId: whatWhoCells.attributeId, strength: whatWhoCells.strength })
    .from(whatWhoCells)
    .innerJoin(firmFunctions, eq(firmFunctions.id, whatWhoCells.functionId))
    .where(eq(firmFunctions.studyId, studyId));
  return rows as Array<{ functionId: number; attributeId: number; strength: WhatWhoStrength }>;
}

/**
 * Replaces the whole what/who grid of a study in one transaction. Every cell must name a
 * function and an attribute of this study (else nothing changes and false is returned); 0
 * cells are not stored.
 */
export function saveWhatWhoCells(
  db: Db,
  args: { studyId: number; cells: Array<{ functionId: number; attributeId: number; strength: WhatWhoStrength }> },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { firmFunctions, attributes, whatWhoCells } = tx.t;
    const fnIds = (await tx.q.select({ id: firmFunctions.id }).from(firmFunctions).where(eq(firmFunctions.studyId, args.studyId))).map((r) => r.id);
    const attrIds = new Set((await tx.q.select({ id: attributes.id }).from(attributes).where(eq(attributes.studyId, args.studyId))).map((r) => r.id));
    const fnSet = new Set(fnIds);
    if (!args.cells.every((c) => fnSet.has(c.functionId) && attrIds.has(c.attributeId))) return false;
    if (fnIds.length > 0) await tx.q.delete(whatWhoCells).where(inArray(whatWhoCells.functionId, fnIds));
    const stored = args.cells.filter((c) => c.strength !== 0);
    if (stored.length > 0) await tx.q.insert(whatWhoCells).values(stored);
    return true;
  });
}
