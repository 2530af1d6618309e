import type { Db } from "../../../db/client";
import { recordAuditEvent } from "../../../db/queries/audit";
import { listWaveShares, saveOfferPrices, saveWaveShares } from "../../../db/queries/market-data";
import { listOffers, type Study } from "../../../db/queries/studies";
import type { WaveSharesTable } from "./scenario-view";
export type { WaveSharesTable };

export async function loadWaveShares(db: Db, studyId: number): Promise<WaveSharesTable> {
  const rows = await listWaveShares(db, studyId);
  const shares: WaveSharesTable["shares"] = {};
  for (const r of rows) (shares[String(r.wave)] ??= {})[r.offerCode] = r.share;
  return { waves: [...new Set(rows.map((r) => r.wave))].sort((a, b) => a - b), shares };
}

/**
 * Sets the offers' actual prices (offer code -> price; a code left out or undefined clears the
 * price), with one audit event. Codes the study does not have are ignored.
 */
export async function saveStudyPrices(db: Db, study: Study, userId: number, prices: Record<string, number | undefined>, now = Date.now()): Promise<void> {
  const offers = await listOffers(db, study.id);
  await db.transaction(async (tx) => {
    await saveOfferPrices(tx, { studyId: study.id, prices: offers.map((o) => ({ offerId: o.id, price: prices[o.code] ?? null })) });
    await recordAuditEvent(tx, {
      studyId: study.id,
      userId,
      action: "market.prices",
      detail: offers.map((o) => `${o.code} ${prices[o.code] ?? "-"}`).join(", "),
      now,
    });
  });
}

/**
 * Replaces the market shares of the waves given (wave -> offer code -> percent; an offer left
 * out has no share that wave), with one audit event. Codes the study does not have are ignored.
 */
export async function saveStudyWaveShares(
  db: Db,
  study: Study,
  userId: number,
  waves: Array<{ wave: number; shares: Record<string, number | undefined> }>,
  now = Date.now(),
): Promise<void> {
  const offers = await listOffers(db, study.id);
  await db.transaction(async (tx) => {
    for (const w of waves) {
      await saveWaveShares(tx, { studyId: study.id, wave: w.wave, shares: offers.map((o) => ({ offerId: o.id, share: w.shares[o.code] ?? null })) });
    }
    await recordAuditEvent(tx, {
      studyId: study.id,
      userId,
      action: "market.waveShares",
      detail: waves.map((w) => `W${w.wave}: ${offers.map((o) => `${o.code} ${w.shares[o.code] ?? "-"}`).join(", ")}`).join("; ").slice(0, 500),
      now,
    });
  });
}
