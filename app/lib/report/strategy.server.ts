import { and, eq } from "drizzle-orm";
import { recordAuditEvent, type AuditAction } from "../../../db/queries/audit";
import { addFirmFunction, deleteFirmFunction, listFirmFunctions, listWhatWhoCells, saveWhatWhoCells, type WhatWhoStrength } from "../../../db/queries/firm-functions";
import { addKeyEvent, deleteKeyEvent, listKeyEvents } from "../../../db/queries/key-events";
import { listAttributes, listOffers, type Study } from "../../../db/queries/studies";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import type { FairValueLineName } from "./report-options.server";

export type StrategyResult = { ok: true; saved: MessageKey } | { ok: false; errors: Partial<Record<string, MessageKey>> };

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

/** The default fair-value line (and its slope when given); validated by the page's schema. */
export async function saveLine(db: Db, study: Study, userId: number, input: { line: FairValueLineName; slope: number | null }): Promise<StrategyResult> {
  await db.transaction(async (tx) => {
    const { studies } = tx.t;
    await tx.q.update(studies).set({ fairValueLine: input.line, fairValueSlope: input.slope }).where(eq(studies.id, study.id));
    await touch(tx, study, userId, "strategy.line", input.slope !== null ? `${input.line} ${input.slope}` : input.line);
  });
  return { ok: true, saved: "report.strategy.saved" };
}

/** Market shares in percent per offer (none = no share); together at most 100. Offers not given get none. */
export async function saveShares(db: Db, study: Study, userId: number, input: { shares: Array<{ offerId: number; share: number | null }> }): Promise<StrategyResult> {
  const rows = await listOffers(db, study.id);
  const given = new Map(input.shares.map((s) => [s.offerId, s.share]));
  const shares = new Map(rows.map((o) => [o.id, given.get(o.id) ?? null]));
  const total = [...shares.values()].reduce<number>((sum, v) => sum + (v ?? 0), 0);
  if (total > 100.0001) return { ok: false, errors: { shares: "report.strategy.error.sharesTotal" } };
  await db.transaction(async (tx) => {
    const { offers } = tx.t;
    for (const [id, value] of shares) await tx.q.update(offers).set({ marketShare: value }).where(and(eq(offers.id, id), eq(offers.studyId, study.id)));
    await touch(tx, study, userId, "strategy.shares", rows.map((o) => `${o.code} ${shares.get(o.id) ?? "-"}`).join(", "));
  });
  return { ok: true, saved: "report.strategy.saved" };
}

export interface KeyEventInput {
  offerId: number;
  /** A calendar date YYYY-MM-DD (checked by the schema). */
  date: string;
  wave?: number;
  label: string;
  labelZh?: string;
}

/** A key event of an offer of this study (another study's offer is refused). */
export async function addEvent(db: Db, study: Study, userId: number, input: KeyEventInput): Promise<StrategyResult> {
  const offer = (await listOffers(db, study.id)).find((o) => o.id === input.offerId);
  if (!offer) return { ok: false, errors: { offerId: "report.strategy.error.offer" } };
  await db.transaction(async (tx) => {
    await addKeyEvent(tx, { studyId: study.id, offerId: offer.id, occurredOn: input.date, wave: input.wave ?? null, label: input.label, labelZh: input.labelZh ?? null });
    await touch(tx, study, userId, "strategy.addEvent", `${input.date} ${offer.code}: ${input.label}`);
  });
  return { ok: true, saved: "report.strategy.saved" };
}

/** Removes a key event (the page asks for confirmation first). */
export async function removeEvent(db: Db, study: Study, userId: number, input: { id: number }): Promise<StrategyResult> {
  const id = input.id;
  const done = await db.transaction(async (tx) => {
    if (!Number.isInteger(id) || !(await deleteKeyEvent(tx, { studyId: study.id, id }))) return false;
    await touch(tx, study, userId, "strategy.deleteEvent", String(id));
    return true;
  });
  return done ? { ok: true, saved: "report.strategy.saved" } : { ok: false, errors: { event: "report.strategy.error.notFound" } };
}

/** A function of the firm (at most 30) for the what/who matrix. */
export async function addFunction(db: Db, study: Study, userId: number, input: { name: string; nameZh?: string }): Promise<StrategyResult> {
  if ((await listFirmFunctions(db, study.id)).length >= 30) return { ok: false, errors: { name: "report.strategy.error.tooMany" } };
  await db.transaction(async (tx) => {
    await addFirmFunction(tx, { studyId: study.id, name: input.name, nameZh: input.nameZh ?? null });
    await touch(tx, study, userId, "strategy.addFunction", input.name);
  });
  return { ok: true, saved: "report.strategy.saved" };
}

/** Removes a function and its what/who cells (the page asks for confirmation first). */
export async function removeFunction(db: Db, study: Study, userId: number, input: { id: number }): Promise<StrategyResult> {
  const id = input.id;
  const done = await db.transaction(async (tx) => {
    if (!Number.isInteger(id) || !(await deleteFirmFunction(tx, { studyId: study.id, id }))) return false;
    await touch(tx, study, userId, "strategy.deleteFunction", String(id));
    return true;
  });
  return done ? { ok: true, saved: "report.strategy.saved" } : { ok: false, errors: { function: "report.strategy.error.notFound" } };
}

/**
 * The what/who grid: strength 0, 1, 3 or 9 of each function on each quality attribute (checked by
 * the schema); cells not given are 0, cells of another study's functions or attributes refused.
 */
export async function saveCells(
  db: Db,
  study: Study,
  userId: number,
  input: { cells: Array<{ functionId: number; attributeId: number; strength: WhatWhoStrength }> },
): Promise<StrategyResult> {
  const functions = await listFirmFunctions(db, study.id);
  const attributesQ = (await listAttributes(db, study.id)).filter((a) => a.kind === "quality");
  const given = new Map(input.cells.map((c) => [`${c.functionId}_${c.attributeId}`, c.strength]));
  const cells = functions.flatMap((f) => attributesQ.map((a) => ({ functionId: f.id, attributeId: a.id, strength: given.get(`${f.id}_${a.id}`) ?? (0 as WhatWhoStrength) })));
  const saved = await db.transaction(async (tx) => {
    if (!(await saveWhatWhoCells(tx, { studyId: study.id, cells }))) return false;
    await touch(tx, study, userId, "strategy.cells", `${cells.filter((c) => c.strength > 0).length} cells`);
    return true;
  });
  return saved ? { ok: true, saved: "report.strategy.saved" } : { ok: false, errors: { cells: "report.strategy.error.cell" } };
}
