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

export function updateOffer(db: Db, args: { studyId: number; offerId: number; fields: Omit<OfferFields, "code"> }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { offers } = tx.t;
    if (args.fields.isOwn) {
      await tx.q
        .update(offers)
        .set({ isOwn: false })
        .where(and(eq(offers.studyId, args.studyId), ne(offers.id, args.offerId)));
    }
    const rows = await tx.q
      .update(offers)
      .set(args.fields)
      .where(and(eq(offers.id, args.offerId), eq(offers.studyId, args.studyId)))
      .returning({ id: offers.id });
    return rows.length === 1;
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
