import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";

/** A saved scenario as stored: changes and responses as JSON text (validated by the service). */
export interface ScenarioRow {
  id: number;
  name: string;
  changesJson: string;
  respondJson: string;
  createdAt: number;
  updatedAt: number;
  /** email of who saved it last, null when the account is gone */
  updatedBy: string | null;
}

const columns = (t: Db["t"]) => ({
  id: t.scenarios.id,
  name: t.scenarios.name,
  changesJson: t.scenarios.changesJson,
  respondJson: t.scenarios.respondJson,
  createdAt: t.scenarios.createdAt,
  updatedAt: t.scenarios.updatedAt,
  updatedBy: t.users.email,
});

/** A study's saved scenarios in name order. */
export async function listScenarios(db: Db, studyId: number): Promise<ScenarioRow[]> {
  const { scenarios, users } = db.t;
  return db.q
    .select(columns(db.t))
    .from(scenarios)
    .leftJoin(users, eq(users.id, scenarios.updatedBy))
    .where(eq(scenarios.studyId, studyId))
    .orderBy(asc(scenarios.name), asc(scenarios.id));
}

/** One saved scenario of the study, or null. */
export async function getScenario(db: Db, args: { studyId: number; id: number }): Promise<ScenarioRow | null> {
  const { scenarios, users } = db.t;
  const [row] = await db.q
    .select(columns(db.t))
    .from(scenarios)
    .leftJoin(users, eq(users.id, scenarios.updatedBy))
    .where(and(eq(scenarios.id, args.id), eq(scenarios.studyId, args.studyId)));
  return row ?? null;
}

/**
 * Saves a scenario under its name: a new one, or the study's scenario of that name replaced
 * (its changes, responses, who and when). Returns its id and whether it was new.
 */
export async function saveScenario(
  db: Db,
  args: { studyId: number; name: string; changesJson: string; respondJson: string; userId: number; now: number },
): Promise<{ id: number; created: boolean }> {
  return db.transaction(async (tx) => {
    const { scenarios } = tx.t;
    const [existing] = await tx.q
      .select({ id: scenarios.id })
      .from(scenarios)
      .where(and(eq(scenarios.studyId, args.studyId), eq(scenarios.name, args.name)));
    if (existing) {
      await tx.q
        .update(scenarios)
        .set({ changesJson: args.changesJson, respondJson: args.respondJson, updatedBy: args.userId, updatedAt: args.now })
        .where(eq(scenarios.id, existing.id));
      return { id: existing.id, created: false };
    }
    const [row] = await tx.q
      .insert(scenarios)
      .values({
        studyId: args.studyId,
        name: args.name,
        changesJson: args.changesJson,
        respondJson: args.respondJson,
        createdBy: args.userId,
        createdAt: args.now,
        updatedBy: args.userId,
        updatedAt: args.now,
      })
      .returning({ id: scenarios.id });
    return { id: row!.id, created: true };
  });
}

/** Deletes one scenario of the study; its name, or null when there is no such scenario. */
export async function deleteScenario(db: Db, args: { studyId: number; id: number }): Promise<string | null> {
  const { scenarios } = db.t;
  const rows = await db.q
    .delete(scenarios)
    .where(and(eq(scenarios.id, args.id), eq(scenarios.studyId, args.studyId)))
    .returning({ name: scenarios.name });
  return rows[0]?.name ?? null;
}
