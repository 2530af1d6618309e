import { analyzeStudy, keyAccountMatrix, type GroupedAttributeDef, type OfferDef, type RespondentOutcome } from "../../../analysis/index";
import type { ReportKeyAccount, ReportKeyAccounts } from "./report-view";
import type { CustomerLookup } from "../customers/customer-analysis.server";

/**
 * The key-account matrix from the study's transactions and the respondents they invited: each
 * account's attractiveness is the sum of its customers' CLV (their annual revenue when no CLV can
 * be computed, e.g. without margins); its relative advantage is V of the own offer among the
 * respondents of its customers, with the delta method's 95 % interval. Accounts whose V cannot
 * be computed are listed without a type. Null when no transaction names an account.
 */
export function reportKeyAccounts(
  respondents: ReadonlyArray<{ customerId: string | null; outcome: RespondentOutcome }>,
  lookup: ReadonlyMap<string, CustomerLookup>,
  offers: OfferDef[],
  attributes: GroupedAttributeDef[],
): ReportKeyAccounts | null {
  const totals = new Map<string, { clv: number; revenue: number }>();
  let anyClv = false;
  for (const c of lookup.values()) {
    if (c.account === null) continue;
    const total = totals.get(c.account) ?? { clv: 0, revenue: 0 };
    if (c.clv !== null) {
      total.clv += c.clv;
      anyClv = true;
    }
    total.revenue += c.revenue;
    totals.set(c.account, total);
  }
  if (totals.size === 0) return null;
  const basis = anyClv ? "clv" : "revenue";
  const byAccount = new Map<string, RespondentOutcome[]>();
  for (const r of respondents) {
    const account = r.customerId !== null ? lookup.get(r.customerId)?.account : null;
    if (!account) continue;
    const list = byAccount.get(account) ?? [];
    list.push(r.outcome);
    byAccount.set(account, list);
  }
  const accounts: ReportKeyAccount[] = [...totals.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([id, total]) => {
      const list = byAccount.get(id) ?? [];
      const base = { id, attractiveness: basis === "clv" ? total.clv : total.revenue, n: list.length, value: null, lower: null, upper: null, type: null };
      if (list.length === 0 || !offers.some((o) => o.own)) return base;
      const analysis = analyzeStudy({ offers, attributes, respondents: list, options: { bootstrap: false } });
      if (!analysis.valueScore.ok) return base;
      const delta = analysis.intervals.delta;
      const interval = delta.ok && delta.own.value.ok ? delta.own.value : null;
      return { ...base, value: analysis.valueScore.value, lower: interval?.lower ?? null, upper: interval?.upper ?? null };
    });
  const rated = accounts.filter((a) => a.value !== null);
  const matrix = rated.length ? keyAccountMatrix({ accounts: rated.map((a) => ({ id: a.id, value: a.value!, attractiveness: a.attractiveness })) }) : null;
  const types = new Map(matrix?.ok ? matrix.accounts.map((a) => [a.id, a.type]) : []);
  return {
    basis,
    valueThreshold: matrix?.ok ? matrix.valueThreshold : null,
    attractivenessThreshold: matrix?.ok ? matrix.attractivenessThreshold : null,
    accounts: accounts.map((a) => ({ ...a, type: types.get(a.id) ?? null })),
  };
}
