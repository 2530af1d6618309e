import { listRatingVersions } from "../../../db/queries/questionnaires";
import { getStudyMethods } from "../../../db/queries/study-methods";
import { DEFAULT_METHODS, StudyMethodsSchema, type StudyMethods } from "../../../surveys/study-methods";
import type { Db } from "../../../db/client";
import type { ReportMethodsSource } from "./report-view";

/** The methods frozen in a published definition (JSON); a definition without any asked points and no price block. */
function methodsOf(definitionJson: string): StudyMethods {
  try {
    const parsed = StudyMethodsSchema.safeParse((JSON.parse(definitionJson) as { methods?: unknown }).methods ?? {});
    return parsed.success ? parsed.data : DEFAULT_METHODS;
  } catch {
    return DEFAULT_METHODS;
  }
}

/**
 * The research methods the report analyses with: those frozen in the published rating version(s)
 * the complete responses were collected under, never the current draft (a researcher switching
 * MaxDiff or the price block after publishing must not change how collected answers are read).
 * When the responses span versions whose methods differ, the newest of those versions' methods
 * apply to every response (a response asked by points has no MaxDiff tasks and simply adds none)
 * and `mixed` says so; the report shows that note. Without responses: the newest published
 * version's methods, and before any publication the current settings (nothing to analyse yet).
 */
export async function reportMethods(db: Db, studyId: number): Promise<{ methods: StudyMethods; source: ReportMethodsSource }> {
  const versions = await listRatingVersions(db, studyId);
  const used = versions.filter((v) => v.hasResponses);
  const basis = used[0] ?? versions[0];
  if (!basis) return { methods: await getStudyMethods(db, studyId), source: { version: null, mixed: false } };
  const methods = methodsOf(basis.definitionJson);
  const key = JSON.stringify(methods);
  const mixed = used.some((v) => JSON.stringify(methodsOf(v.definitionJson)) !== key);
  return { methods, source: { version: basis.version, mixed } };
}
