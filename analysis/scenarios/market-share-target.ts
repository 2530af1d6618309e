import type { OfferDef } from "../types";

/**
 * Entered market shares as the target of a share fit: every offer of the market needs a
 * finite share >= 0 (any scale; "missing-share" lists the offers without one), normalised to
 * 100 over the offers (shares of offers outside the study do not count). "no-market-share"
 * when they sum to 0.
 */
export function marketShareTarget(
  offers: OfferDef[],
  marketShares: Record<string, number>,
): { ok: true; target: number[] } | { ok: false; reason: "missing-share"; offers: string[] } | { ok: false; reason: "no-market-share" } {
  const usable = (share: number | undefined): share is number => share !== undefined && Number.isFinite(share) && share >= 0;
  const missing = offers.filter((o) => !usable(marketShares[o.id])).map((o) => o.id);
  if (missing.length > 0) return { ok: false, reason: "missing-share", offers: missing };
  const raw = offers.map((o) => marketShares[o.id] as number);
  const total = raw.reduce((s, x) => s + x, 0);
  if (total <= 0) return { ok: false, reason: "no-market-share" };
  return { ok: true, target: raw.map((x) => (100 * x) / total) };
}
