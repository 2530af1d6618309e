import { and, eq, max, ne } from "drizzle-orm";
import type { Db } from "../client";

export type OfferFields = { code: string; name: string; nameZh: string | null; isOwn: boolean };

/** Adds an offer; making it the own offer demotes the previous own offer in the same transaction. */
export function addOffer(db: Db, args: { studyId: number; fields: OfferFields }) {
  return db.transaction(async (tx) => {
    const { offers } = tx.t;
    if (args.fields.isOwn) await tx.q.update(offers).set({ isOwn: false }).where(eq(offers.studyId, args.studyId));
    const [last] = await tx.q.select({ sort: max(offers.sort) }).from(offers).where(eq(offers.studyId, args.studyId));
    const [row] = await tx.q
      .insert(offers)
      .values({ ...args.fields, studyId: args.studyId, sort: (last?.sort ?? 0) + 1 })
      .returning();
    return row!;
  });
}

/** Changes an offer's names (and its code, which the caller allows only before it is published). */
export async function updateOffer(db: Db, args: { studyId: number; offerId: number; fields: { name: string; nameZh: string | null; code?: string } }): Promise<boolean> {
  const { offers } = db.t;
  const rows = await db.q
    .update(offers)
    .set(args.fields)
    .where(and(eq(offers.id, args.offerId), eq(offers.studyId, args.studyId)))
    .returning({ id: offers.id });
  return rows.length === 1;
}

/** Makes one offer the study's own offer (the previous one becomes a competitor), in one transaction. */
export function setOwnOffer(db: Db, args: { studyId: number; offerId: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { offers } = tx.t;
    const [target] = await tx.q.select({ id: offers.id }).from(offers).where(and(eq(offers.id, args.offerId), eq(offers.studyId, args.studyId)));
    if (!target) return false;
    await tx.q
      .update(offers)
      .set({ isOwn: false })
      .where(and(eq(offers.studyId, args.studyId), ne(offers.id, args.offerId)));
    await tx.q.update(offers).set({ isOwn: true }).where(eq(offers.id, args.offerId));
    return true;
  });
}

export async function deleteOffer(db: Db, args: { studyId: number; offerId: number }): Promise<boolean> {
  const { offers } = db.t;
  const rows = await db.q
    .delete(offers)
    .where(and(eq(offers.id, args.offerId), eq(offers.studyId, args.studyId)))
    .returning({ id: offers.id });
  return rows.length === 1;
}
