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
