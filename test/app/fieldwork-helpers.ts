import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "../../db/client";
import { Client, type AppServer } from "../helpers/app-server";
import { insertId, snapshotTables, withServerDb } from "./server-db";

/** Reads or changes the test server's database (SQLite or PostgreSQL) on a second connection. */
export function withDb<T>(server: AppServer, fn: (db: Db) => Promise<T>): Promise<T> {
  return withServerDb(server, fn);
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
    await client.form(path, { intent: "addAttribute", kind: kind!, name: name! });
  }
  return { path, id: Number(path.split("/")[2]) };
}

/** A snapshot of the tables the fieldwork pages write. */
export function snapshot(server: AppServer): Promise<string> {
  return withDb(server, (db) =>
    snapshotTables(db, ["studies", "attributes", "profile_questions", "quotas", "questionnaires", "respondent_invitations", "responses"]),
  );
}

export function auditActions(server: AppServer, studyId: number): Promise<string[]> {
  return withDb(server, async (db) =>
    (await db.rows<{ action: string }>(sql`select action from audit_events where study_id = ${studyId} order by id`)).map((r) => r.action),
  );
}

/** Inserts a questionnaire row of a stage directly (the respondent runtime is tested elsewhere). */
export function insertQuestionnaire(server: AppServer, studyId: number, stage: "rating" | "focus_group", version = 90): Promise<number> {
  return withDb(server, (db) =>
    insertId(
      db,
      sql`insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at)
          values (${studyId}, ${stage}, ${version}, '{}', '{}', 1) returning id`,
    ),
  );
}
