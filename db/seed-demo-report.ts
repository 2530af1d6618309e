import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { addFirmFunction, saveWhatWhoCells, type WhatWhoStrength } from "./queries/firm-functions";
import { addKeyEvent } from "./queries/key-events";
import { saveOfferPrices, saveWaveShares } from "./queries/market-data";

const SHARES: Record<string, number> = { aster: 34, birch: 41, cedar: 25 };
/** Actual prices (the fair price, price moves) and market shares in the two waves (value leads share). */
const PRICES: Record<string, number> = { aster: 549, birch: 499, cedar: 379 };
const WAVE_SHARES: Record<number, Record<string, number>> = { 1: { aster: 32, birch: 42, cedar: 26 }, 2: SHARES };

const DAY = 86_400_000;
const EVENTS: Array<{ offer: string; daysAgo: number; label: string; labelZh: string }> = [
  { offer: "birch", daysAgo: 210, label: "Birch cuts its list price by 10%", labelZh: "白桦下调标价 10%" },
  { offer: "aster", daysAgo: 120, label: "Aster launches a 3-year service plan", labelZh: "紫菀推出三年服务计划" },
  { offer: "cedar", daysAgo: 1, label: "Cedar recalls a batch of grinders", labelZh: "雪松召回一批磨豆器" },
];

/** Firm functions and their what/who cells on the quality attributes (9 strong, 3 medium, 1 weak). */
const FUNCTIONS: Array<{ name: string; nameZh: string; cells: Record<string, WhatWhoStrength> }> = [
  { name: "Engineering (R&D)", nameZh: "研发", cells: { reliability: 9, taste: 9, ease: 3, design: 3 } },
  { name: "Manufacturing", nameZh: "生产制造", cells: { reliability: 9, taste: 3 } },
  { name: "Customer service", nameZh: "客户服务", cells: { service: 9, ease: 1 } },
  { name: "Industrial design", nameZh: "工业设计", cells: { design: 9, ease: 3 } },
  { name: "Marketing", nameZh: "市场营销", cells: { design: 1, service: 1 } },
];

/**
 * The report's demo data on the demo study: market shares (current and per wave), actual prices,
 * key events and the what/who grid, so that every section of the demo report and the scenario
 * page has something to show.
 */
export function seedDemoReport(db: Db, args: { studyId: number; now: number }): Promise<void> {
  return db.transaction(async (tx) => {
    const { offers, attributes } = tx.t;
    const offerRows = await tx.q.select().from(offers).where(eq(offers.studyId, args.studyId));
    for (const o of offerRows) {
      const share = SHARES[o.code];
      if (share !== undefined) await tx.q.update(offers).set({ marketShare: share }).where(and(eq(offers.id, o.id), eq(offers.studyId, args.studyId)));
    }
    const offerId = new Map(offerRows.map((o) => [o.code, o.id]));
    await saveOfferPrices(tx, { studyId: args.studyId, prices: offerRows.map((o) => ({ offerId: o.id, price: PRICES[o.code] ?? null })) });
    for (const [wave, shares] of Object.entries(WAVE_SHARES)) {
      await saveWaveShares(tx, { studyId: args.studyId, wave: Number(wave), shares: offerRows.map((o) => ({ offerId: o.id, share: shares[o.code] ?? null })) });
    }
    for (const e of EVENTS) {
      const id = offerId.get(e.offer);
      if (id === undefined) continue;
      await addKeyEvent(tx, {
        studyId: args.studyId,
        offerId: id,
        occurredOn: new Date(args.now - e.daysAgo * DAY).toISOString().slice(0, 10),
        wave: null,
        label: e.label,
        labelZh: e.labelZh,
      });
    }
    const attributeId = new Map((await tx.q.select().from(attributes).where(eq(attributes.studyId, args.studyId))).map((a) => [a.code, a.id]));
    const cells: Array<{ functionId: number; attributeId: number; strength: WhatWhoStrength }> = [];
    for (const f of FUNCTIONS) {
      const functionId = await addFirmFunction(tx, { studyId: args.studyId, name: f.name, nameZh: f.nameZh });
      for (const [code, strength] of Object.entries(f.cells)) {
        const id = attributeId.get(code);
        if (id !== undefined) cells.push({ functionId, attributeId: id, strength });
      }
    }
    await saveWhatWhoCells(tx, { studyId: args.studyId, cells });
  });
}
