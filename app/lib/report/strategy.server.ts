import { and, eq } from "drizzle-orm";
import { recordAuditEvent, type AuditAction } from "../../../db/queries/audit";
import { addFirmFunction, deleteFirmFunction, listFirmFunctions, listWhatWhoCells, saveWhatWhoCells, type WhatWhoStrength } from "../../../db/queries/firm-functions";
import { addKeyEvent, deleteKeyEvent, listKeyEvents } from "../../../db/queries/key-events";
import { listAttributes, listOffers, type Study } from "../../../db/queries/studies";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { FAIR_VALUE_LINES, type FairValueLineName } from "./report-options.server";

export type StrategyResult = { ok: true; saved: MessageKey } | { ok: false; errors: Partial<Record<string, MessageKey>> };

const STRENGTHS: readonly number[] = [0, 1, 3, 9];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** What the strategy page shows: offers with shares, the default line, events, functions and the what/who grid. */
export async function loadStrategy(db: Db, study: Study) {
  const attributeRows = await listAttributes(db, study.id);
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh, fairValueLine: study.fairValueLine, fairValueSlope: study.fairValueSlope },
    offers: (await listOffers(db, study.id)).map((o) => ({ id: o.id, code: o.code, name: o.name, nameZh: o.nameZh, own: o.isOwn, marketShare: o.marketShare })),
    qualityAttributes: attributeRows.filter((a) => a.kind === "quality").map((a) => ({ id: a.id, name: a.name, nameZh: a.nameZh })),
    events: await listKeyEvents(db, study.id),
    functions: (await listFirmFunctions(db, study.id)).map((f) => ({ id: f.id, name: f.name, nameZh: f.nameZh })),
    cells: await listWhatWhoCells(db, study.id),
  };
}

async function touch(tx: Db, study: Study, userId: number, action: AuditAction, detail: string): Promise<void> {
  const now = Date.now();
  const { studies } = tx.t;
  await tx.q.update(studies).set({ updatedAt: now }).where(eq(studies.id, study.id));
  await recordAuditEvent(tx, { studyId: study.id, userId, action, detail, now });
}

async function saveLine(db: Db, study: Study, userId: number, form: FormData): Promise<StrategyResult> {
  const line = text(form, "line");
  if (!(FAIR_VALUE_LINES as readonly string[]).includes(line)) return { ok: false, errors: { line: "report.strategy.error.line" } };
  const rawSlope = text(form, "slope").replace(",", ".");
  let slope: number | null = null;
  if (rawSlope !== "") {
    slope = Number(rawSlope);
    if (!Number.isFinite(slope) || slope <= 0 || slope > 100) return { ok: false, errors: { slope: "report.strategy.error.slope" } };
  }
  if (line === "slope" && slope === null) return { ok: false, errors: { slope: "report.strategy.error.slope" } };
  await db.transaction(async (tx) => {
    const { studies } = tx.t;
    await tx.q
      .update(studies)
      .set({ fairValueLine: line as FairValueLineName, fairValueSlope: slope })
      .where(eq(studies.id, study.id));
    await touch(tx, study, userId, "strategy.line", slope !== null ? `${line} ${slope}` : line);
  });
  return { ok: true, saved: "report.strategy.saved" };
}

async function saveShares(db: Db, study: Study, userId: number, form: FormData): Promise<StrategyResult> {
  const rows = await listOffers(db, study.id);
  const shares = new Map<number, number | null>();
  const errors: Partial<Record<string, MessageKey>> = {};
  for (const o of rows) {
    const raw = text(form, `share_${o.id}`).replace(",", ".");
    if (raw === "") shares.set(o.id, null);
    else {
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0 || value > 100) errors[`share_${o.id}`] = "report.strategy.error.share";
      else shares.set(o.id, value);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const total = [...shares.values()].reduce<number>((s, v) => s + (v ?? 0), 0);
  if (total > 100.0001) return { ok: false, errors: { shares: "report.strategy.error.sharesTotal" } };
  await db.transaction(async (tx) => {
    const { offers } = tx.t;
    for (const [id, value] of shares) await tx.q.update(offers).set({ marketShare: value }).where(and(eq(offers.id, id), eq(offers.studyId, study.id)));
    await touch(tx, study, userId, "strategy.shares", rows.map((o) => `${o.code} ${shares.get(o.id) ?? "-"}`).join(", "));
  });
  return { ok: true, saved: "report.strategy.saved" };
}

async function addEvent(db: Db, study: Study, userId: number, form: FormData): Promise<StrategyResult> {
  const errors: Partial<Record<string, MessageKey>> = {};
  const offerId = Number(text(form, "offerId"));
  const offer = (await listOffers(db, study.id)).find((o) => o.id === offerId);
  if (!offer) errors.offerId = "report.strategy.error.offer";
  const date = text(form, "date");
  if (!isCalendarDate(date)) errors.date = "report.strategy.error.date";
  const rawWave = text(form, "wave");
  const wave = rawWave === "" ? null : /^\d{1,4}$/.test(rawWave) && Number(rawWave) >= 1 ? Number(rawWave) : NaN;
  if (wave !== null && Number.isNaN(wave)) errors.wave = "report.strategy.error.wave";
  const label = text(form, "label");
  const labelZh = text(form, "labelZh");
  if (label.length < 1 || label.length > 200) errors.label = "report.strategy.error.label";
  if (labelZh.length > 200) errors.labelZh = "report.strategy.error.label";
  if (Object.keys(errors).length > 0 || !offer) return { ok: false, errors };
  await db.transaction(async (tx) => {
    await addKeyEvent(tx, { studyId: study.id, offerId: offer.id, occurredOn: date, wave, label, labelZh: labelZh === "" ? null : labelZh });
    await touch(tx, study, userId, "strategy.addEvent", `${date} ${offer.code}: ${label}`);
  });
  return { ok: true, saved: "report.strategy.saved" };
}

async function removeEvent(db: Db, study: Study, userId: number, form: FormData): Promise<StrategyResult> {
  const id = Number(text(form, "id"));
  const done = await db.transaction(async (tx) => {
    if (!Number.isInteger(id) || !(await deleteKeyEvent(tx, { studyId: study.id, id }))) return false;
    await touch(tx, study, userId, "strategy.deleteEvent", String(id));
    return true;
  });
  return done ? { ok: true, saved: "report.strategy.saved" } : { ok: false, errors: { event: "report.strategy.error.notFound" } };
}

async function addFunction(db: Db, study: Study, userId: number, form: FormData): Promise<StrategyResult> {
  const name = text(form, "name");
  const nameZh = text(form, "nameZh");
  if (name.length < 1 || name.length > 120) return { ok: false, errors: { name: "report.strategy.error.name" } };
  if (nameZh.length > 120) return { ok: false, errors: { nameZh: "report.strategy.error.name" } };
  if ((await listFirmFunctions(db, study.id)).length >= 30) return { ok: false, errors: { name: "report.strategy.error.tooMany" } };
  await db.transaction(async (tx) => {
    await addFirmFunction(tx, { studyId: study.id, name, nameZh: nameZh === "" ? null : nameZh });
    await touch(tx, study, userId, "strategy.addFunction", name);
  });
  return { ok: true, saved: "report.strategy.saved" };
}

async function removeFunction(db: Db, study: Study, userId: number, form: FormData): Promise<StrategyResult> {
  const id = Number(text(form, "id"));
  const done = await db.transaction(async (tx) => {
    if (!Number.isInteger(id) || !(await deleteFirmFunction(tx, { studyId: study.id, id }))) return false;
    await touch(tx, study, userId, "strategy.deleteFunction", String(id));
    return true;
  });
  return done ? { ok: true, saved: "report.strategy.saved" } : { ok: false, errors: { function: "report.strategy.error.notFound" } };
}

async function saveCells(db: Db, study: Study, userId: number, form: FormData): Promise<StrategyResult> {
  const functions = await listFirmFunctions(db, study.id);
  const attributesQ = (await listAttributes(db, study.id)).filter((a) => a.kind === "quality");
  const cells: Array<{ functionId: number; attributeId: number; strength: WhatWhoStrength }> = [];
  for (const f of functions) {
    for (const a of attributesQ) {
      const raw = text(form, `cell_${f.id}_${a.id}`);
      const value = raw === "" ? 0 : Number(raw);
      if (!STRENGTHS.includes(value)) return { ok: false, errors: { cells: "report.strategy.error.cell" } };
      cells.push({ functionId: f.id, attributeId: a.id, strength: value as WhatWhoStrength });
    }
  }
  const saved = await db.transaction(async (tx) => {
    if (!(await saveWhatWhoCells(tx, { studyId: study.id, cells }))) return false;
    await touch(tx, study, userId, "strategy.cells", `${cells.filter((c) => c.strength > 0).length} cells`);
    return true;
  });
  return saved ? { ok: true, saved: "report.strategy.saved" } : { ok: false, errors: { cells: "report.strategy.error.cell" } };
}

const intents = {
  line: saveLine,
  shares: saveShares,
  addEvent,
  deleteEvent: removeEvent,
  addFunction,
  deleteFunction: removeFunction,
  cells: saveCells,
} as const;

export type StrategyIntent = keyof typeof intents;

export function isStrategyIntent(value: unknown): value is StrategyIntent {
  return typeof value === "string" && Object.hasOwn(intents, value);
}

/** Runs one change of the strategy page: validated, in one transaction with its audit event. */
export function runStrategyIntent(db: Db, study: Study, userId: number, intent: StrategyIntent, form: FormData): Promise<StrategyResult> {
  return intents[intent](db, study, userId, form);
}
