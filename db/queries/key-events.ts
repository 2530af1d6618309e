import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { keyEvents, offers } from "../schema";

/** A dated event of one offer (launch, price move, campaign...), with the offer's code. */
export interface KeyEventRow {
  id: number;
  offerId: number;
  offerCode: string;
  /** YYYY-MM-DD */
  occurredOn: string;
  wave: number | null;
  label: string;
  labelZh: string | null;
}

/** A study's key events in date order (then entry order). */
export function listKeyEvents(db: Db, studyId: number): KeyEventRow[] {
  return db
    .select({
      id: keyEvents.id,
      offerId: keyEvents.offerId,
      offerCode: offers.code,
      occurredOn: keyEvents.occurredOn,
      wave: keyEvents.wave,
      label: keyEvents.label,
      labelZh: keyEvents.labelZh,
    })
    .from(keyEvents)
    .innerJoin(offers, eq(offers.id, keyEvents.offerId))
    .where(eq(keyEvents.studyId, studyId))
    .orderBy(asc(keyEvents.occurredOn), asc(keyEvents.id))
    .all();
}

/** Adds an event; the offer must belong to the study (else null and nothing is stored). */
export function addKeyEvent(
  db: Db,
  args: { studyId: number; offerId: number; occurredOn: string; wave: number | null; label: string; labelZh: string | null },
): number | null {
  return db.transaction((tx) => {
    const offer = tx.select({ id: offers.id }).from(offers).where(and(eq(offers.id, args.offerId), eq(offers.studyId, args.studyId))).get();
    if (!offer) return null;
    return tx.insert(keyEvents).values(args).returning({ id: keyEvents.id }).get().id;
  });
}

/** Removes one event of the study; false when there is no such event in this study. */
export function deleteKeyEvent(db: Db, args: { studyId: number; id: number }): boolean {
  return db.delete(keyEvents).where(and(eq(keyEvents.id, args.id), eq(keyEvents.studyId, args.studyId))).run().changes === 1;
}
