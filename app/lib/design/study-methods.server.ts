import { recordAuditEvent } from "../../../db/queries/audit";
import { getStoredPriceInputs, getStudyMethods, saveStudyMethods } from "../../../db/queries/study-methods";
import { listAttributes, type Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";
import type { StudyMethods } from "../../../surveys/study-methods";

/** What the methods page shows: the study's methods, its price inputs (kept while the block is off) and its attribute counts. */
export async function loadMethodsPage(db: Db, study: Study) {
  const methods = await getStudyMethods(db, study.id);
  const stored = await getStoredPriceInputs(db, study.id);
  const attributes = await listAttributes(db, study.id);
  const price = methods.priceResearch;
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh },
    methods,
    prices: price
      ? { currency: price.currency, min: price.min, max: price.max, likelihoods: price.likelihoods, ladder: price.ladder }
      : (stored ?? { currency: "", min: null, max: null, likelihoods: true, ladder: [] }),
    counts: {
      quality: attributes.filter((a) => a.kind === "quality").length,
      price: attributes.filter((a) => a.kind === "price").length,
    },
  };
}

/**
 * Stores the study's research methods (audited). The questionnaires published so far keep the
 * methods frozen with them; the next publication asks with these.
 */
export async function saveMethods(db: Db, study: Study, userId: number, methods: StudyMethods): Promise<{ ok: true }> {
  const now = Date.now();
  await saveStudyMethods(db, study.id, methods, now);
  const rating = methods.importance.rating;
  const focus = methods.importance.focusGroup;
  const detail = `focus group ${focus.quality}/${focus.price}, rating ${rating.quality}/${rating.price}, price research ${methods.priceResearch ? "on" : "off"}`;
  await recordAuditEvent(db, { studyId: study.id, userId, action: "methods", detail, now });
  return { ok: true };
}
