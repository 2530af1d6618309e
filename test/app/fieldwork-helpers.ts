import Database from "better-sqlite3";
import { expect } from "vitest";
import { Client, type AppServer } from "../helpers/app-server";

/** Reads (or, with `write`, changes) the test server's database file directly. */
export function withDb<T>(server: AppServer, fn: (db: Database.Database) => T, write = false): T {
  const db = new Database(server.databaseFile, { readonly: !write });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export async function signUp(server: AppServer, email: string): Promise<Client> {
  const client = new Client(server.url);
  const res = await client.form("/signup", { email, password: "correct horse battery" });
  expect(res.status).toBe(302);
  return client;
}

/** A study with an own offer, a competitor, two quality and two price attributes; returns its path and id. */
export async function makeStudy(client: Client, title = "Fieldwork study"): Promise<{ path: string; id: number }> {
  const path = (await client.form("/studies", { title })).headers.get("Location")!;
  await client.form(path, { intent: "addOffer", name: "Aster", isOwn: "on" });
  await client.form(path, { intent: "addOffer", name: "Birch" });
  for (const [kind, name] of [
    ["quality", "Taste"],
    ["quality", "Speed"],
    ["price", "Purchase price"],
    ["price", "Upkeep"],
  ]) {
    await client.form(path, { intent: "addAttribute", kind: kind!, name: name!, direction: "higher" });
  }
  return { path, id: Number(path.split("/")[2]) };
}

/** A snapshot of the tables the fieldwork pages write. */
export function snapshot(server: AppServer): string {
  return withDb(server, (db) =>
    JSON.stringify(
      ["studies", "attributes", "profile_questions", "quotas", "questionnaires", "respondent_invitations", "responses"].map((t) =>
        db.prepare(`select * from ${t} order by rowid`).all(),
      ),
    ),
  );
}

export function auditActions(server: AppServer, studyId: number): string[] {
  return withDb(server, (db) => (db.prepare("select action from audit_events where study_id = ? order by id").all(studyId) as Array<{ action: string }>).map((r) => r.action));
}

/** Inserts a questionnaire row of a stage directly (the respondent runtime is tested elsewhere). */
export function insertQuestionnaire(server: AppServer, studyId: number, stage: "rating" | "focus_group", version = 90): number {
  return withDb(
    server,
    (db) =>
      Number(
        db
          .prepare("insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at) values (?, ?, ?, '{}', '{}', 1)")
          .run(studyId, stage, version).lastInsertRowid,
      ),
    true,
  );
}
