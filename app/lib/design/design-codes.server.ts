import { listPublishedDefinitions } from "../../../db/queries/questionnaires";
import { listAttributes, listOffers } from "../../../db/queries/studies";
import { StudyDefinitionSchema } from "../../../surveys/study-definition";
import type { Db } from "../../../db/client";

/** Codes of every offer and attribute of a study (one namespace: names combine them). */
export async function offerAndAttributeCodes(db: Db, studyId: number): Promise<Set<string>> {
  return new Set([...(await listOffers(db, studyId)), ...(await listAttributes(db, studyId))].map((x) => x.code));
}

export interface FrozenCodes {
  /** Offer and attribute codes some published version uses. */
  items: Set<string>;
  /** Profile question codes some published version uses, with their choice codes. */
  questions: Map<string, Set<string>>;
}

/**
 * Codes that are frozen: a code becomes part of question and export variable names when a
 * version using it is published (either stage), and from then on it never changes. Codes of items
 * added since stay editable until the next publication.
 */
export async function frozenCodes(db: Db, studyId: number): Promise<FrozenCodes> {
  const items = new Set<string>();
  const questions = new Map<string, Set<string>>();
  for (const json of await listPublishedDefinitions(db, studyId)) {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      continue;
    }
    const parsed = StudyDefinitionSchema.safeParse(raw);
    if (!parsed.success) continue;
    for (const x of [...parsed.data.offers, ...parsed.data.attributes]) items.add(x.code);
    for (const q of parsed.data.profileQuestions) {
      const choices = questions.get(q.code) ?? new Set<string>();
      for (const c of q.choices) choices.add(c.code);
      questions.set(q.code, choices);
    }
  }
  return { items, questions };
}
