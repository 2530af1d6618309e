import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";

/** One entered market share: offer, wave, percent. */
export interface WaveShareRow {
  offerId: number;
  offerCode: string;
  wave: number;
  share: number;
}

/** A study's market shares per wave, in wave then offer order. */
export async function listWaveShares(db: Db, studyId: number): Promise<WaveShareRow[]> {
  const { marketShares, offers } = db.t;
  return db.q
    .select({ offerId: marketShares.offerId, offerCode: offers.code, wave: marketShares.wave, share: marketShares.share })
    .from(marketShares)
    .innerJoin(offers, eq(offers.id, marketShares.offerId))
    .where(eq(marketShares.studyId, studyId))
    .orderBy(asc(marketShares.wave), asc(offers.sort), asc(offers.id));
}

/**
 * Replaces one wave's market shares: every offer given gets its share, or none (null). Offers
 * must belong to the study (else false and nothing is stored).
 */
export function saveWaveShares(
  db: Db,
  args: { studyId: number; wave: number; shares: Array<{ offerId: number; share: number | null }> },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { marketShares, offers } = tx.t;
    const ids = args.shares.map((s) => s.offerId);
    if (ids.length > 0) {
      const own = await tx.q.select({ id: offers.id }).from(offers).where(and(eq(offers.studyId, args.studyId), inArray(offers.id, ids)));
      if (own.length !== new Set(ids).size) return false;
      await tx.q.delete(marketShares).where(and(eq(marketShares.wave, args.wave), inArray(marketShares.offerId, ids)));
    }
    const rows = args.shares.filter((s) => s.share !== null).map((s) => ({ studyId: args.studyId, offerId: s.offerId, wave: args.wave, share: s.share as number }));
    if (rows.length > 0) await tx.q.insert(marketShares).values(rows);
    return true;
  });
}

/** Sets the offers' actual prices (null clears one); offers of another study are left alone. Returns how many changed. */
export function saveOfferPrices(db: Db, args: { studyId: number; prices: Array<{ offerId: number; price: number | null }> }): Promise<number> {
  return db.transaction(async (tx) => {
    const { offers } = tx.t;
    let changed = 0;
    for (const p of args.prices) {
      const rows = await tx.q
        .update(offers)
        .set({ price: p.price })
        .where(and(eq(offers.id, p.offerId), eq(offers.studyId, args.studyId)))
        .returning({ id: offers.id });
      changed += rows.length;
    }
    return changed;
  });
}
