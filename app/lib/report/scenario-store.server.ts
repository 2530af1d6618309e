import { z } from "zod";
import type { Scenario, ScenarioChange, ScenarioResponse } from "../../../analysis/index";
import type { Db } from "../../../db/client";
import { recordAuditEvent } from "../../../db/queries/audit";
import { deleteScenario, listScenarios, saveScenario, type ScenarioRow } from "../../../db/queries/scenarios";
import { listAttributes, listOffers, type Study } from "../../../db/queries/studies";
import type { SavedScenario } from "./scenario-view";
export type { SavedScenario };

/** How a stored scenario's JSON is read back (anything else: the scenario cannot be read). */
const ChangeSchema = z.union([
  z.object({ offer: z.string(), attribute: z.string(), delta: z.number().finite() }).strict(),
  z.object({ offer: z.string(), attribute: z.string(), value: z.number().finite() }).strict(),
  z.object({ offer: z.string(), priceFactor: z.number().finite().positive() }).strict(),
]);
const ResponseSchema = z.object({ competitor: z.string(), copies: z.string() }).strict();

function readJson<T>(text: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A stored row as a scenario of `analysis/scenarios` (null when its JSON is not one). */
export function scenarioOfRow(row: ScenarioRow): Scenario | null {
  const changes = readJson(row.changesJson, z.array(ChangeSchema));
  const respond = readJson(row.respondJson, z.array(ResponseSchema));
  if (changes === null || respond === null) return null;
  return { name: row.name, changes: changes as ScenarioChange[], respond: respond as ScenarioResponse[] };
}

/** A study's saved scenarios, in name order. */
export async function listSavedScenarios(db: Db, studyId: number): Promise<SavedScenario[]> {
  return (await listScenarios(db, studyId)).map((row) => ({
    id: row.id,
    name: row.name,
    scenario: scenarioOfRow(row),
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  }));
}

/** Where a scenario names what the study does not have: the list, the row and the field. */
export interface ScenarioProblem {
  list: "changes" | "respond";
  index: number;
  field: "offer" | "target" | "competitor" | "copies";
  message: "scenarios.error.offer" | "scenarios.error.attribute";
}

/** The offers and attributes a scenario names that the study does not have (codes are checked, not names). */
export async function scenarioProblems(db: Db, study: Study, scenario: Scenario): Promise<ScenarioProblem[]> {
  const offers = new Set((await listOffers(db, study.id)).map((o) => o.code));
  const attributes = new Set((await listAttributes(db, study.id)).map((a) => a.code));
  const problems: ScenarioProblem[] = [];
  scenario.changes.forEach((change, index) => {
    if (!offers.has(change.offer)) problems.push({ list: "changes", index, field: "offer", message: "scenarios.error.offer" });
    if ("attribute" in change && !attributes.has(change.attribute)) {
      problems.push({ list: "changes", index, field: "target", message: "scenarios.error.attribute" });
    }
  });
  (scenario.respond ?? []).forEach((response, index) => {
    if (!offers.has(response.competitor)) problems.push({ list: "respond", index, field: "competitor", message: "scenarios.error.offer" });
    if (!offers.has(response.copies)) problems.push({ list: "respond", index, field: "copies", message: "scenarios.error.offer" });
  });
  return problems;
}

/** The scenario in a few words for the audit log ("aster reliability +0.5; aster price ×0.95; birch copies aster"). */
export function scenarioSummary(scenario: Scenario): string {
  const parts = scenario.changes.map((c) =>
    "priceFactor" in c ? `${c.offer} price ×${c.priceFactor}` : "delta" in c ? `${c.offer} ${c.attribute} ${c.delta >= 0 ? "+" : ""}${c.delta}` : `${c.offer} ${c.attribute} =${c.value}`,
  );
  for (const r of scenario.respond ?? []) parts.push(`${r.competitor} copies ${r.copies}`);
  return parts.join("; ");
}

/**
 * Saves a scenario of the study under its name (a new one, or the one of that name replaced),
 * with its audit event, in one transaction. Refused (nothing stored) when it names an offer or
 * attribute the study does not have.
 */
export async function saveStudyScenario(
  db: Db,
  study: Study,
  userId: number,
  scenario: Scenario,
  now = Date.now(),
): Promise<{ ok: true; id: number; created: boolean } | { ok: false; problems: ScenarioProblem[] }> {
  const problems = await scenarioProblems(db, study, scenario);
  if (problems.length > 0) return { ok: false, problems };
  const saved = await db.transaction(async (tx) => {
    const result = await saveScenario(tx, {
      studyId: study.id,
      name: scenario.name,
      changesJson: JSON.stringify(scenario.changes),
      respondJson: JSON.stringify(scenario.respond ?? []),
      userId,
      now,
    });
    await recordAuditEvent(tx, {
      studyId: study.id,
      userId,
      action: "scenario.save",
      detail: `${scenario.name}: ${scenarioSummary(scenario)}`.slice(0, 500),
      now,
    });
    return result;
  });
  return { ok: true, ...saved };
}

/** Deletes a saved scenario of the study (audited); false when the study has no such scenario. */
export function deleteStudyScenario(db: Db, study: Study, userId: number, id: number, now = Date.now()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const name = await deleteScenario(tx, { studyId: study.id, id });
    if (name === null) return false;
    await recordAuditEvent(tx, { studyId: study.id, userId, action: "scenario.delete", detail: name, now });
    return true;
  });
}
