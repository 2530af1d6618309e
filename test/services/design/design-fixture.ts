import { getStudyById } from "../../../db/queries/members";
import type { Study } from "../../../db/queries/studies";
import { createStudyFor } from "../../../app/lib/design/create-study.server";
import type { DesignResult } from "../../../app/lib/design/design-result";
import { snapshotTables } from "../../app/server-db";
import { addUser } from "../../db/fixtures";
import { createTempDb, type TempDb } from "../../helpers/temp-db";

/** A temporary database with a researcher and one new study (the services under test take both). */
export async function designDb(title = "E-scooter study"): Promise<TempDb & { userId: number; study: () => Promise<Study> }> {
  const temp = await createTempDb();
  const userId = (await addUser(temp.db, `researcher-${Math.random().toString(36).slice(2)}@example.com`)).id;
  const { id } = await createStudyFor(temp.db, userId, { title });
  return { ...temp, userId, study: async () => (await getStudyById(temp.db, id))! };
}

/** Every table the design services write, as one string: equal before and after = nothing changed. */
export function designSnapshot(temp: TempDb): Promise<string> {
  return snapshotTables(temp.db, ["studies", "offers", "attributes", "profile_questions", "quotas", "questionnaires", "responses", "audit_events"]);
}

/** The errors of a refused result (the test fails when it was not refused). */
export function errorsOf(result: DesignResult): Record<string, string[]> {
  if (result.ok) throw new Error("expected a refusal");
  return result.errors;
}
