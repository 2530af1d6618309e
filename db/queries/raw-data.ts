import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { listAnalysisRespondents, type AnalysisRespondent } from "./analysis-respondents";
import { listProfileQuestions } from "./profile-questions";
import { listAttributes, listOffers } from "./studies";

/** The codes that make a study's raw-data variable names, in the study's order. */
export interface RawDataLayout {
  offers: string[];
  /** own offer code, null when none is marked */
  own: string | null;
  attributes: Array<{ code: string; kind: "quality" | "price" }>;
  /** profile question codes */
  profile: string[];
}

export async function rawDataLayout(db: Db, studyId: number): Promise<RawDataLayout> {
  const offers = await listOffers(db, studyId);
  return {
    offers: offers.map((o) => o.code),
    own: offers.find((o) => o.isOwn)?.code ?? null,
    attributes: (await listAttributes(db, studyId)).map((a) => ({ code: a.code, kind: a.kind })),
    profile: (await listProfileQuestions(db, studyId)).map((q) => q.code),
  };
}

/** Every complete rating-stage response of the study with its answers and data-quality flags (id order). */
export function listRawRespondents(db: Db, studyId: number, layout: RawDataLayout): Promise<AnalysisRespondent[]> {
  return listAnalysisRespondents(db, studyId, layout.own);
}

/**
 * What each published rating-questionnaire version asked about: its offer and attribute codes
 * (from the definition frozen with the version). A rating the version did not ask is "not asked".
 */
export async function askedByVersion(db: Db, studyId: number): Promise<Map<number, { offers: Set<string>; attributes: Set<string> }>> {
  const { questionnaires } = db.t;
  const rows = await db.q
    .select({ version: questionnaires.version, definitionJson: questionnaires.definitionJson })
    .from(questionnaires)
    .where(and(eq(questionnaires.studyId, studyId), eq(questionnaires.stage, "rating")));
  const asked = new Map<number, { offers: Set<string>; attributes: Set<string> }>();
  for (const row of rows) {
    const definition = JSON.parse(row.definitionJson) as { offers?: Array<{ code?: unknown }>; attributes?: Array<{ code?: unknown }> };
    const codes = (list: Array<{ code?: unknown }> | undefined) => new Set((list ?? []).flatMap((x) => (typeof x.code === "string" ? [x.code] : [])));
    asked.set(row.version, { offers: codes(definition.offers), attributes: codes(definition.attributes) });
  }
  return asked;
}
