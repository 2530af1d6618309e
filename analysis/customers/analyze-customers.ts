import { annualMargin } from "./annual-margin";
import { customerEquity } from "./customer-equity";
import { customerPyramid } from "./customer-pyramid";
import { measuredRetention } from "./measured-retention";
import { rfmScores } from "./rfm-scores";
import { silentCustomers } from "./silent-customers";
import type {
  AnalyzeCustomersOptions,
  AnalyzeCustomersResult,
  CustomerSummary,
  CustomersUnavailable,
  PyramidTier,
  Transaction,
} from "./types";

/**
 * Customers' value to the firm in one call (docs/method.md §11), what `npm run analyze` prints
 * for transactions: per customer RFM (`rfmScores`, over the window), the silent score
 * (`silentCustomers`), CLV from the annual margin of the last 12 months (`annualMargin`) and
 * the retention (given, or `measuredRetention`), and the pyramid tier among the customers
 * active in the last 12 months (`customerPyramid`); totals: customer equity over those active
 * customers, the retention, the number of customers.
 *
 * A customer without a purchase in the last 12 months has no CLV and no tier ("inactive").
 * When margins or retention are unavailable, CLV, tiers and equity carry that reason and the
 * RFM and silent figures still stand. Unavailable as a whole: the reasons of `rfmScores`.
 */
export function analyzeCustomers(transactions: readonly Transaction[], options: AnalyzeCustomersOptions): AnalyzeCustomersResult {
  const rfm = rfmScores(transactions, options);
  if (!rfm.ok) return rfm;
  const { analysisDate } = options;
  const silent = silentCustomers(transactions, { analysisDate });
  const margins = annualMargin(transactions, { analysisDate, defaultMarginRate: options.defaultMarginRate });

  const retention: Extract<AnalyzeCustomersResult, { ok: true }>["retention"] =
    options.retention !== undefined
      ? { ok: true, value: options.retention, source: "given" }
      : (() => {
          const measured = measuredRetention(transactions, { analysisDate });
          return measured.ok ? { ok: true, value: measured.retention, source: "measured" } : measured;
        })();

  const active = margins.ok ? margins.customers.filter((c) => c.active) : [];
  const marginReason: CustomersUnavailable | null = margins.ok ? null : margins;
  const equity = marginReason
    ? marginReason
    : !retention.ok
      ? retention
      : customerEquity({
          customers: active.map((c) => ({ id: c.id, margin: c.margin })),
          retention: retention.value,
          discountRate: options.discountRate,
          cost: options.cost,
          horizonYears: options.horizonYears,
        });
  const pyramid = customerPyramid(active, { cutoffs: options.cutoffs });
  const clvById = new Map(equity.ok ? equity.customers.map((c) => [c.id, c.clv]) : []);
  const tierById = new Map<string, PyramidTier>(pyramid.ok ? pyramid.customers.map((c) => [c.id, c.tier]) : []);
  const silentById = new Map(silent.ok ? silent.customers.map((c) => [c.id, c]) : []);
  const activeIds = new Set(active.map((c) => c.id));

  /** The reason a customer has no CLV or tier before the figure's own: margins, then inactivity. */
  const blocked = (id: string): CustomersUnavailable | null =>
    marginReason ?? (activeIds.has(id) ? null : { ok: false, reason: "inactive" });

  const customers: CustomerSummary[] = rfm.customers.map((c) => {
    const s = silentById.get(c.id);
    const clv = clvById.get(c.id);
    const tier = tierById.get(c.id);
    return {
      id: c.id,
      recency: c.recency,
      frequency: c.frequency,
      monetary: c.monetary,
      rfm: { r: c.r, f: c.f, m: c.m, cell: c.cell, segment: c.segment },
      silent: s
        ? { ok: true, score: s.score, rankRatio: s.rankRatio, silent: s.silent }
        : silent.ok
          ? { ok: false, reason: "no-intervals" }
          : silent,
      clv: blocked(c.id) ?? (clv !== undefined ? { ok: true, value: clv } : equity.ok ? { ok: false, reason: "inactive" } : equity),
      tier: blocked(c.id) ?? (tier !== undefined ? { ok: true, tier } : pyramid.ok ? { ok: false, reason: "inactive" } : pyramid),
    };
  });

  return {
    ok: true,
    analysisDate,
    count: customers.length,
    retention,
    customerEquity: equity.ok ? { ok: true, value: equity.equity, activeCustomers: equity.count } : equity,
    customers,
    withoutPurchases: rfm.withoutPurchases,
    afterAnalysisDate: rfm.afterAnalysisDate,
  };
}
