import {
  analyzeCustomers,
  annualMargin,
  customerPyramid,
  equitySensitivity,
  type AnalyzeCustomersResult,
  type CustomerPyramidResult,
  type CustomerSummary,
  type EquitySensitivityResult,
  type PyramidTier,
  type RfmSegment,
  type Transaction,
} from "../../../analysis/customers/index";
import type { Db } from "../../../db/client";
import { customersDataVersion, getCustomerSettings, listCustomerTransactions, type CustomerSettingsRow } from "../../../db/queries/customers";
import { LruCache } from "../platform/lru-cache.server";
import type { CustomerParameters } from "./customers-page-view";

export type { CustomerParameters };

export const DEFAULT_PARAMETERS: CustomerParameters = {
  analysisDate: null,
  discountRate: 0.1,
  retention: null,
  cost: 0,
  horizonYears: null,
  defaultMarginRate: null,
};

/** What the report's filter and the key-account matrix need to know of one customer. */
export interface CustomerLookup {
  segment: RfmSegment;
  tier: PyramidTier | null;
  /** null when the silent score cannot be computed */
  silent: boolean | null;
  clv: number | null;
  /** annual revenue (last 12 months) */
  revenue: number;
  account: string | null;
}

/** Everything computed from a study's transactions and parameters (cached per data version). */
export interface CustomerAnalysis {
  version: string;
  transactions: number;
  parameters: CustomerParameters;
  /** the D in effect */
  analysisDate: string | null;
  result: AnalyzeCustomersResult | null;
  pyramid: CustomerPyramidResult | null;
  sensitivity: EquitySensitivityResult | null;
  lookup: Map<string, CustomerLookup>;
}

const cache = new LruCache<CustomerAnalysis>(4);

export const customerAnalysisCache = {
  clear: () => cache.clear(),
};

export function parametersOf(row: CustomerSettingsRow | null): CustomerParameters {
  if (!row) return { ...DEFAULT_PARAMETERS };
  const { updatedAt: _updatedAt, ...parameters } = row;
  return parameters;
}

/** The retention columns of the sensitivity table: 50 %..90 % by 10 and the retention in effect. */
export function sensitivityRetentions(retention: number | null): number[] {
  const values = new Set([0.5, 0.6, 0.7, 0.8, 0.9]);
  if (retention !== null) values.add(Math.round(retention * 10_000) / 10_000);
  return [...values].sort((a, b) => a - b);
}

/** The discount-rate rows: 5 %, 8 %, 10 %, 12 %, 15 % and the rate in effect. */
export function sensitivityDiscountRates(discountRate: number): number[] {
  const values = new Set([0.05, 0.08, 0.1, 0.12, 0.15, Math.round(discountRate * 10_000) / 10_000]);
  return [...values].sort((a, b) => a - b);
}

function latestDate(transactions: readonly Transaction[]): string | null {
  let latest: string | null = null;
  for (const t of transactions) if (latest === null || t.date > latest) latest = t.date;
  return latest;
}

/**
 * The customer figures of a list of transactions with the given parameters: `analyzeCustomers`,
 * the pyramid's tiers (`customerPyramid` over the annual margins) and the equity's sensitivity
 * to retention and discount rate. Pure apart from the cache; the CLI calls it too.
 */
export function computeCustomerAnalysis(transactions: readonly Transaction[], parameters: CustomerParameters, version = ""): CustomerAnalysis {
  const analysisDate = parameters.analysisDate ?? latestDate(transactions);
  const empty: CustomerAnalysis = { version, transactions: transactions.length, parameters, analysisDate, result: null, pyramid: null, sensitivity: null, lookup: new Map() };
  if (analysisDate === null) return empty;
  const options = {
    analysisDate,
    discountRate: parameters.discountRate,
    cost: parameters.cost,
    ...(parameters.retention !== null ? { retention: parameters.retention } : {}),
    ...(parameters.horizonYears !== null ? { horizonYears: parameters.horizonYears } : {}),
    ...(parameters.defaultMarginRate !== null ? { defaultMarginRate: parameters.defaultMarginRate } : {}),
  };
  const result = analyzeCustomers(transactions, options);
  const margins = annualMargin(transactions, { analysisDate, ...(parameters.defaultMarginRate !== null ? { defaultMarginRate: parameters.defaultMarginRate } : {}) });
  const active = margins.ok ? margins.customers.filter((c) => c.active) : [];
  const pyramid: CustomerPyramidResult = margins.ok ? customerPyramid(active, {}) : margins;
  const retention = result.ok && result.retention.ok ? result.retention.value : parameters.retention;
  const sensitivity: EquitySensitivityResult = margins.ok
    ? equitySensitivity({
        customers: active.map((c) => ({ id: c.id, margin: c.margin })),
        retentions: sensitivityRetentions(retention),
        discountRates: sensitivityDiscountRates(parameters.discountRate),
        cost: parameters.cost,
        ...(parameters.horizonYears !== null ? { horizonYears: parameters.horizonYears } : {}),
      })
    : margins;

  const accounts = new Map<string, string>();
  for (const t of transactions) if (t.account) accounts.set(t.customerId, t.account);
  const revenue = new Map(margins.ok ? margins.customers.map((c) => [c.id, c.revenue]) : []);
  const lookup = new Map<string, CustomerLookup>();
  if (result.ok) {
    for (const c of result.customers) {
      lookup.set(c.id, {
        segment: c.rfm.segment,
        tier: c.tier.ok ? c.tier.tier : null,
        silent: c.silent.ok ? c.silent.silent : null,
        clv: c.clv.ok ? c.clv.value : null,
        revenue: revenue.get(c.id) ?? 0,
        account: accounts.get(c.id) ?? null,
      });
    }
  }
  return { version, transactions: transactions.length, parameters, analysisDate, result, pyramid, sensitivity, lookup };
}

/** A study's customer figures with its saved parameters, computed once per data version. */
export async function loadCustomerAnalysis(db: Db, studyId: number): Promise<CustomerAnalysis> {
  const version = await customersDataVersion(db, studyId);
  const hit = cache.get(version);
  if (hit) return hit;
  const parameters = parametersOf(await getCustomerSettings(db, studyId));
  const analysis = computeCustomerAnalysis(await listCustomerTransactions(db, studyId), parameters, version);
  cache.set(version, analysis);
  return analysis;
}

/** Customers of one tier, one segment, or every silent one (the invitations' choice). */
export function customersOf(analysis: CustomerAnalysis, group: { kind: "tier"; value: PyramidTier } | { kind: "segment"; value: RfmSegment } | { kind: "silent" }): CustomerSummary[] {
  if (!analysis.result?.ok) return [];
  return analysis.result.customers.filter((c) =>
    group.kind === "tier"
      ? c.tier.ok && c.tier.tier === group.value
      : group.kind === "segment"
        ? c.rfm.segment === group.value
        : c.silent.ok && c.silent.silent,
  );
}
