import { and, eq, max, ne } from "drizzle-orm";
import type { Db } from "../client";
import { offers } from "../schema";

export type OfferFields = { code: string; name: string; nameZh: string | null; isOwn: boolean };

/** Adds an offer; making it the own offer demotes the previous own offer in the same transaction. */
export function addOffer(db: Db, args: { studyId: number; fields: OfferFields }) {
  return db.transaction((tx) => {
    if (args.fields.isOwn) tx.update(offers).set({ isOwn: false }).where(eq(offers.studyId, args.studyId)).run();
    const last = tx.select({ sort: max(offers.sort) }).from(offers).where(eq(offers.studyId, args.studyId)).get();
    return tx
      .insert(offers)
      .values({ ...args.fields, studyId: args.studyId, sort: (last?.sort ?? 0) + 1 })
      .returning()
      .get();
  });
}

export function updateOffer(db: Db, args: { studyId: number; offerId: number; fields: Omit<OfferFields, "code"> }) {
  return db.transaction((tx) => {
    if (args.fields.isOwn) {
      tx.update(offers)
        .set({ isOwn: false })
        .where(and(eq(offers.studyId, args.studyId), ne(offers.id, args.offerId)))
        .run();
    }
    return (
      tx
        .update(offers)
        .set(args.fields)
        .where(and(eq(offers.id, args.offerId), eq(offers.studyId, args.studyId)))
        .run().changes === 1
    );
  });
}

export function deleteOffer(db: Db, args: { studyId: number; offerId: number }): boolean {
  return db.delete(offers).where(and(eq(offers.id, args.offerId), eq(offers.studyId, args.studyId))).run().changes === 1;
}
