/**
 * The customers page's view model (client-safe: built by customers-page.server.ts, read by the
 * page's components) and the parameters it shows.
 */
import type { CustomersReason, PyramidTier, RfmSegment } from "../../../analysis/customers/types";

/** The parameters of the customer figures (method.md §11 (c)); rates are fractions. */
export interface CustomerParameters {
  /** D; null = the day of the latest transaction */
  analysisDate: string | null;
  discountRate: number;
  /** null = measured from the transactions */
  retention: number | null;
  cost: number;
  /** null = unlimited */
  horizonYears: number | null;
  defaultMarginRate: number | null;
}

export type Figure = { ok: true; value: number } | { ok: false; reason: CustomersReason };

export interface CustomersPage {
  imports: Array<{ id: number; fileName: string; mode: "replace" | "append"; rowCount: number; createdAt: number }>;
  transactions: number;
  parameters: CustomerParameters;
  analysisDate: string | null;
  /** null before the first import */
  summary: {
    count: number;
    withoutPurchases: number;
    afterAnalysisDate: number;
    retention: ({ ok: true; value: number; source: "measured" | "given" }) | { ok: false; reason: CustomersReason };
    equity: ({ ok: true; value: number; activeCustomers: number }) | { ok: false; reason: CustomersReason };
  } | null;
  /** why the figures cannot be computed at all (no transactions up to D...) */
  unavailable: CustomersReason | null;
  segments: Array<{ segment: RfmSegment; count: number; monetary: number; invited: number }>;
  /** grid[r-1][fm-1]: customers with R score r and FM = ceil((F + M) / 2) */
  grid: number[][];
  silent: Array<{ id: string; score: number; rankRatio: number | null; degree: number; recency: number; frequency: number; segment: RfmSegment; tier: PyramidTier | null }>;
  silentCount: number;
  pyramid: { ok: true; tiers: Array<{ tier: PyramidTier; count: number; revenue: number; margin: number; revenueShare: Figure; marginShare: Figure; invited: number }> } | { ok: false; reason: CustomersReason } | null;
  topClv: Array<{ id: string; clv: number; tier: PyramidTier | null; segment: RfmSegment; cell: string }>;
  sensitivity: { ok: true; retentions: number[]; discountRates: number[]; equity: Figure[][] } | { ok: false; reason: CustomersReason } | null;
}

