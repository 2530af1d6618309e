import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";

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
export async function listKeyEvents(db: Db, studyId: number): Promise<KeyEventRow[]> {
  const { keyEvents, offers } = db.t;
  return db.q
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
    .orderBy(asc(keyEvents.occurredOn), asc(keyEvents.id));
}

/** Adds an event; the offer must belong to the study (else null and nothing is stored). */
export function addKeyEvent(
  db: Db,
  args: { studyId: number; offerId: number; occurredOn: string; wave: number | null; label: string; labelZh: string | null },
): Promise<number | null> {
  return db.transaction(async (tx) => {
    const { offers, keyEvents } = tx.t;
    const [offer] = await tx.q.select({ id: offers.id }).from(offers).where(and(eq(offers.id, args.offerId), eq(offers.studyId, args.studyId)));
    if (!offer) return null;
    const [row] = await tx.q.insert(keyEvents).values(args).returning({ id: keyEvents.id });
    return row!.id;
  });
}

/** Removes one event of the study; false when there is no such event in this study. */
export async function deleteKeyEvent(db: Db, args: { studyId: number; id: number }): Promise<boolean> {
  const { keyEvents } = db.t;
  const rows = await db.q
    .delete(keyEvents)
    .where(and(eq(keyEvents.id, args.id), eq(keyEvents.studyId, args.studyId)))
    .returning({ id: keyEvents.id });
  return rows.length === 1;
}
