import { eq } from "drizzle-orm";
import type { Db } from "../client";
import type { studyMethods } from "../schema";
import { DEFAULT_METHODS, StudyMethodsSchema, type StudyMethods } from "../../surveys/study-methods";

type Row = typeof studyMethods.$inferSelect;

/** A stored row as the definition's methods (a row the schema no longer accepts reads as the defaults). */
function toMethods(row: Row): StudyMethods {
  const ladder: unknown = JSON.parse(row.priceLadderJson);
  const parsed = StudyMethodsSchema.safeParse({
    importance: {
      focusGroup: { quality: row.focusGroupQuality, price: row.focusGroupPrice },
      rating: { quality: row.ratingQuality, price: row.ratingPrice },
    },
    maxDiffPerTask: row.maxDiffPerTask,
    priceResearch:
      row.priceResearch && row.priceMin !== null && row.priceMax !== null
        ? { currency: row.priceCurrency, min: row.priceMin, max: row.priceMax, likelihoods: row.priceLikelihoods, ladder }
        : null,
  });
  return parsed.success ? parsed.data : DEFAULT_METHODS;
}

/** A study's research methods (the defaults when it has no row). */
export async function getStudyMethods(db: Db, studyId: number): Promise<StudyMethods> {
  const { studyMethods } = db.t;
  const [row] = await db.q.select().from(studyMethods).where(eq(studyMethods.studyId, studyId));
  return row ? toMethods(row) : DEFAULT_METHODS;
}

/**
 * Stores a study's research methods (one row per study). Without a price research block its
 * prices are kept as they were, so switching the block off and on again keeps them.
 */
export async function saveStudyMethods(db: Db, studyId: number, methods: StudyMethods, now: number): Promise<void> {
  const { studyMethods } = db.t;
  const price = methods.priceResearch;
  const values = {
    focusGroupQuality: methods.importance.focusGroup.quality,
    focusGroupPrice: methods.importance.focusGroup.price,
    ratingQuality: methods.importance.rating.quality,
    ratingPrice: methods.importance.rating.price,
    maxDiffPerTask: methods.maxDiffPerTask,
    priceResearch: price !== null,
    ...(price !== null
      ? {
          priceCurrency: price.currency,
          priceMin: price.min,
          priceMax: price.max,
          priceLikelihoods: price.likelihoods,
          priceLadderJson: JSON.stringify(price.ladder),
        }
      : {}),
    updatedAt: now,
  };
  await db.q.insert(studyMethods).values({ studyId, ...values }).onConflictDoUpdate({ target: studyMethods.studyId, set: values });
}

/** The price inputs stored for a study even while its price research block is off (to prefill the form). */
export async function getStoredPriceInputs(
  db: Db,
  studyId: number,
): Promise<{ currency: string; min: number | null; max: number | null; likelihoods: boolean; ladder: number[] } | null> {
  const { studyMethods } = db.t;
  const [row] = await db.q.select().from(studyMethods).where(eq(studyMethods.studyId, studyId));
  if (!row) return null;
  const ladder: unknown = JSON.parse(row.priceLadderJson);
  return {
    currency: row.priceCurrency,
    min: row.priceMin,
    max: row.priceMax,
    likelihoods: row.priceLikelihoods,
    ladder: Array.isArray(ladder) ? ladder.filter((p): p is number => typeof p === "number") : [],
  };
}
