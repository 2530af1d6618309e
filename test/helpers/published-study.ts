import { expect } from "vitest";
import type { Client } from "./app-server";

/** A study the report tests arrange through the researcher's own forms. */
export interface StudyPlan {
  /** The researcher who signs up (password "correct horse battery"). */
  email: string;
  title: string;
  /** The competitors' names, after the own offer "Ours" (default: one, "Rival"). */
  rivals?: string[];
  /** The attributes in order; `direction` and `costGroup` are sent as the form sends them, when given. */
  attributes: Array<{ kind: "quality" | "price"; name: string; direction?: string; costGroup?: string }>;
}

/**
 * Signs `owner` up, creates the study with the own offer "Ours", the rivals and the attributes,
 * and publishes it, each step answered without an error; returns the study's path (/studies/<id>).
 */
export async function publishedStudy(owner: Client, plan: StudyPlan): Promise<string> {
  await owner.form("/signup", { email: plan.email, password: "correct horse battery" });
  const studyPath = (await owner.form("/studies", { title: plan.title })).headers.get("Location")!;
  expect((await owner.form(studyPath, { intent: "addOffer", name: "Ours", isOwn: "on" })).status).toBeLessThan(400);
  for (const name of plan.rivals ?? ["Rival"]) expect((await owner.form(studyPath, { intent: "addOffer", name })).status).toBeLessThan(400);
  for (const { kind, name, direction, costGroup } of plan.attributes) {
    expect((await owner.form(studyPath, { intent: "addAttribute", kind, name, ...(direction ? { direction } : {}), ...(costGroup ? { costGroup } : {}) })).status).toBeLessThan(400);
  }
  expect((await owner.form(studyPath, { intent: "publish" })).status).toBeLessThan(400);
  return studyPath;
}
