import { getStudyByToken, type Study } from "../../db/queries/studies";
import { seedDemo } from "../../db/seed-demo";
import { createTempDb, type TempDb } from "../helpers/temp-db";

/**
 * Service tests call app/lib's services directly with a `Db`: no build, no server. This is a
 * fresh database of the engine under test with the demo seeded (a fast stand-in hash: the
 * services under test here do not check passwords).
 */
export async function demoDb(): Promise<TempDb & { study: Study }> {
  const temp = await createTempDb();
  await seedDemo(temp.db, { passwordHash: (p) => `test-hash:${p}`, now: Date.UTC(2026, 10, 1) });
  return { ...temp, study: (await getStudyByToken(temp.db, "demo"))! };
}
