import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { attributes, offers, studies } from "../schema";

export type Study = typeof studies.$inferSelect;
export type Offer = typeof offers.$inferSelect;
export type Attribute = typeof attributes.$inferSelect;
export type StudyFields = Pick<Study, "title" | "titleZh" | "market" | "marketZh" | "languages">;

export function createStudy(db: Db, args: StudyFields & { ownerId: number; publicToken: string; now: number }): Study {
  return db
    .insert(studies)
    .values({ ...args, createdAt: args.now, updatedAt: args.now })
    .returning()
    .get();
}

export function listStudies(db: Db, ownerId: number): Study[] {
  return db.select().from(studies).where(eq(studies.ownerId, ownerId)).orderBy(desc(studies.updatedAt)).all();
}

/** A study of this owner, or null (another owner's study is indistinguishable from a missing one). */
export function getStudy(db: Db, args: { id: number; ownerId: number }): Study | null {
  return db.select().from(studies).where(and(eq(studies.id, args.id), eq(studies.ownerId, args.ownerId))).get() ?? null;
}

export function getStudyByToken(db: Db, token: string): Study | null {
  return db.select().from(studies).where(eq(studies.publicToken, token)).get() ?? null;
}

export function updateStudy(db: Db, args: { id: number; ownerId: number; fields: StudyFields; now: number }): boolean {
  const res = db
    .update(studies)
    .set({ ...args.fields, updatedAt: args.now })
    .where(and(eq(studies.id, args.id), eq(studies.ownerId, args.ownerId)))
    .run();
  return res.changes === 1;
}

export function listOffers(db: Db, studyId: number): Offer[] {
  return db.select().from(offers).where(eq(offers.studyId, studyId)).orderBy(asc(offers.sort), asc(offers.id)).all();
}

export function listAttributes(db: Db, studyId: number): Attribute[] {
  return db
    .select()
    .from(attributes)
    .where(eq(attributes.studyId, studyId))
    .orderBy(asc(attributes.kind), asc(attributes.sort), asc(attributes.id))
    .all()
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "quality" ? -1 : 1));
}

/** Fieldwork window (epoch ms, null = open-ended) and the one-response-per-device rule. */
export function updateFieldworkSettings(
  db: Db,
  args: { id: number; opensAt: number | null; closesAt: number | null; onePerDevice: boolean; now: number },
): boolean {
  return (
    db
      .update(studies)
      .set({ fieldworkOpensAt: args.opensAt, fieldworkClosesAt: args.closesAt, onePerDevice: args.onePerDevice, updatedAt: args.now })
      .where(eq(studies.id, args.id))
      .run().changes === 1
  );
}

/** Adopts (JSON) or drops (null) stated weights from the focus group. */
export function setStatedWeights(db: Db, args: { id: number; statedWeightsJson: string | null; now: number }): boolean {
  return db.update(studies).set({ statedWeightsJson: args.statedWeightsJson, updatedAt: args.now }).where(eq(studies.id, args.id)).run().changes === 1;
}

/** Starts the next wave; returns the new wave number. */
export function startNextWave(db: Db, args: { id: number; now: number }): number {
  const row = db
    .update(studies)
    .set({ currentWave: sql`${studies.currentWave} + 1`, updatedAt: args.now })
    .where(eq(studies.id, args.id))
    .returning({ wave: studies.currentWave })
    .get();
  return row?.wave ?? 0;
}
