import type { PyramidTier, RfmSegment } from "../../../analysis/customers/types";
import type { Db } from "../../../db/client";
import { listCustomerImports, listInvitedCustomerIds } from "../../../db/queries/customers";
import type { Study } from "../../../db/queries/studies";
import { loadCustomerAnalysis } from "./customer-analysis.server";
import { PYRAMID_TIERS, RFM_SEGMENTS } from "./customer-codes";
import type { CustomersPage } from "./customers-page-view";

export type { CustomersPage };

/** Rows shown in the silent list and the CLV list (the CLI gives every customer). */
export const LIST_ROWS = 50;

/** The customers page's view model: the figures of `loadCustomerAnalysis`, summed up and cut to lists. */
export async function loadCustomersPage(db: Db, study: Study): Promise<CustomersPage> {
  const analysis = await loadCustomerAnalysis(db, study.id);
  const imports = await listCustomerImports(db, study.id);
  const invitedIds = await listInvitedCustomerIds(db, study.id);
  const base: CustomersPage = {
    imports,
    transactions: analysis.transactions,
    parameters: analysis.parameters,
    analysisDate: analysis.analysisDate,
    summary: null,
    unavailable: null,
    segments: [],
    grid: [],
    silent: [],
    silentCount: 0,
    pyramid: null,
    topClv: [],
    sensitivity: null,
  };
  const result = analysis.result;
  if (!result) return base;
  if (!result.ok) return { ...base, unavailable: result.reason };

  const segments = new Map<RfmSegment, { count: number; monetary: number; invited: number }>(RFM_SEGMENTS.map((s) => [s, { count: 0, monetary: 0, invited: 0 }]));
  const tierInvited = new Map<PyramidTier, number>(PYRAMID_TIERS.map((t) => [t, 0]));
  const grid = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  const silent: CustomersPage["silent"] = [];
  const withClv: CustomersPage["topClv"] = [];
  for (const c of result.customers) {
    const s = segments.get(c.rfm.segment)!;
    s.count += 1;
    s.monetary += c.monetary;
    const invited = invitedIds.has(c.id);
    if (invited) s.invited += 1;
    if (invited && c.tier.ok) tierInvited.set(c.tier.tier, tierInvited.get(c.tier.tier)! + 1);
    grid[c.rfm.r - 1]![Math.ceil((c.rfm.f + c.rfm.m) / 2) - 1]! += 1;
    const tier = c.tier.ok ? c.tier.tier : null;
    if (c.silent.ok && c.silent.silent) {
      silent.push({ id: c.id, score: c.silent.score, rankRatio: c.silent.rankRatio, degree: c.silent.score - 1, recency: c.recency, frequency: c.frequency, segment: c.rfm.segment, tier });
    }
    if (c.clv.ok) withClv.push({ id: c.id, clv: c.clv.value, tier, segment: c.rfm.segment, cell: c.rfm.cell });
  }
  silent.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  withClv.sort((a, b) => b.clv - a.clv || a.id.localeCompare(b.id));

  const pyramid = analysis.pyramid;
  const sensitivity = analysis.sensitivity;
  return {
    ...base,
    summary: {
      count: result.count,
      withoutPurchases: result.withoutPurchases,
      afterAnalysisDate: result.afterAnalysisDate,
      retention: result.retention,
      equity: result.customerEquity,
    },
    segments: RFM_SEGMENTS.map((segment) => ({ segment, ...segments.get(segment)! })),
    grid,
    silent: silent.slice(0, LIST_ROWS),
    silentCount: silent.length,
    pyramid: pyramid
      ? pyramid.ok
        ? { ok: true, tiers: pyramid.tiers.map((t) => ({ ...t, invited: tierInvited.get(t.tier) ?? 0 })) }
        : pyramid
      : null,
    topClv: withClv.slice(0, LIST_ROWS),
    sensitivity: sensitivity ? (sensitivity.ok ? { ok: true, retentions: sensitivity.retentions, discountRates: sensitivity.discountRates, equity: sensitivity.equity } : sensitivity) : null,
  };
}
