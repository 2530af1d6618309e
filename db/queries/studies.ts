import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import type { attributes, offers, studies } from "../schema";

export type Study = typeof studies.$inferSelect;
export type Offer = typeof offers.$inferSelect;
export type Attribute = typeof attributes.$inferSelect;
export type StudyFields = Pick<Study, "title" | "titleZh" | "market" | "marketZh" | "languages">;

export async function createStudy(db: Db, args: StudyFields & { ownerId: number; publicToken: string; now: number }): Promise<Study> {
  const { studies } = db.t;
  const [row] = await db.q
    .insert(studies)
    .values({ ...args, createdAt: args.now, updatedAt: args.now })
    .returning();
  return row!;
}

export async function listStudies(db: Db, ownerId: number): Promise<Study[]> {
  const { studies } = db.t;
  return db.q.select().from(studies).where(eq(studies.ownerId, ownerId)).orderBy(desc(studies.updatedAt));
}

/** A study of this owner, or null (another owner's study is indistinguishable from a missing one). */
export async function getStudy(db: Db, args: { id: number; ownerId: number }): Promise<Study | null> {
  const { studies } = db.t;
  const [row] = await db.q.select().from(studies).where(and(eq(studies.id, args.id), eq(studies.ownerId, args.ownerId)));
  return row ?? null;
}

export async function getStudyByToken(db: Db, token: string): Promise<Study | null> {
  const { studies } = db.t;
  const [row] = await db.q.select().from(studies).where(eq(studies.publicToken, token));
  return row ?? null;
}

export async function updateStudy(db: Db, args: { id: number; ownerId: number; fields: StudyFields; now: number }): Promise<boolean> {
  const { studies } = db.t;
  const rows = await db.q
    .update(studies)
    .set({ ...args.fields, updatedAt: args.now })
    .where(and(eq(studies.id, args.id), eq(studies.ownerId, args.ownerId)))
    .returning({ id: studies.id });
  return rows.length === 1;
}

export async function listOffers(db: Db, studyId: number): Promise<Offer[]> {
  const { offers } = db.t;
  return db.q.select().from(offers).where(eq(offers.studyId, studyId)).orderBy(asc(offers.sort), asc(offers.id));
}

export async function listAttributes(db: Db, studyId: number): Promise<Attribute[]> {
  const { attributes } = db.t;
  const rows = await db.q
    .select()
    .from(attributes)
    .where(eq(attributes.studyId, studyId))
    .orderBy(asc(attributes.kind), asc(attributes.sort), asc(attributes.id));
  return rows.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "quality" ? -1 : 1));
}

/** How the rating stage lays out its ratings: one offer per page, or one attribute with every known offer. */
export async function updateRatingLayout(db: Db, args: { id: number; ratingLayout: "offer" | "attribute"; now: number }): Promise<boolean> {
  const { studies } = db.t;
  const rows = await db.q
    .update(studies)
    .set({ ratingLayout: args.ratingLayout, updatedAt: args.now })
    .where(eq(studies.id, args.id))
    .returning({ id: studies.id });
  return rows.length === 1;
}

/** Fieldwork window (epoch ms, null = open-ended), the one-response-per-device rule and the grace period after closing (unchanged when not given). */
export async function updateFieldworkSettings(
  db: Db,
  args: { id: number; opensAt: number | null; closesAt: number | null; onePerDevice: boolean; graceMinutes?: number; now: number },
): Promise<boolean> {
  const { studies } = db.t;
  const rows = await db.q
    .update(studies)
    .set({
      fieldworkOpensAt: args.opensAt,
      fieldworkClosesAt: args.closesAt,
      onePerDevice: args.onePerDevice,
      ...(args.graceMinutes === undefined ? {} : { fieldworkGraceMinutes: args.graceMinutes }),
      updatedAt: args.now,
    })
    .where(eq(studies.id, args.id))
    .returning({ id: studies.id });
  return rows.length === 1;
}

/** Adopts (JSON) or drops (null) stated weights from the focus group. */
export async function setStatedWeights(db: Db, args: { id: number; statedWeightsJson: string | null; now: number }): Promise<boolean> {
  const { studies } = db.t;
  const rows = await db.q
    .update(studies)
    .set({ statedWeightsJson: args.statedWeightsJson, updatedAt: args.now })
    .where(eq(studies.id, args.id))
    .returning({ id: studies.id });
  return rows.length === 1;
}

/** Starts the next wave; returns the new wave number. */
export async function startNextWave(db: Db, args: { id: number; now: number }): Promise<number> {
  const { studies } = db.t;
  const [row] = await db.q
    .update(studies)
    .set({ currentWave: sql`${studies.currentWave} + 1`, updatedAt: args.now })
    .where(eq(studies.id, args.id))
    .returning({ wave: studies.currentWave });
  return row?.wave ?? 0;
}
