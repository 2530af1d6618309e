/**
 * Codes of customers' value that pages, forms and the report filter share (client-safe: no
 * server code). The names in both languages are messages `customers.segment.<code>` and
 * `customers.tier.<code>`.
 */
import type { PyramidTier, RfmSegment } from "../../../analysis/customers/types";

/** RFM segments from the best to the worst (method.md §11 (a)). */
export const RFM_SEGMENTS = [
  "champions",
  "loyal",
  "potential-loyalist",
  "new",
  "promising",
  "needs-attention",
  "about-to-sleep",
  "at-risk",
  "cannot-lose",
  "hibernating",
  "lost",
] as const satisfies readonly RfmSegment[];

export const PYRAMID_TIERS = ["platinum", "gold", "iron", "lead"] as const satisfies readonly PyramidTier[];

/** The report's customer filter: an RFM segment, a pyramid tier, or silent/active. */
export type CustomerFilter =
  | { kind: "segment"; value: RfmSegment }
  | { kind: "tier"; value: PyramidTier }
  | { kind: "silent"; value: "silent" | "active" };

/** `segment:champions`, `tier:platinum`, `silent:silent` or `silent:active` back into a filter; null when not one. */
export function parseCustomerFilter(raw: string): CustomerFilter | null {
  const [kind, value] = raw.split(":", 2);
  if (kind === "segment" && (RFM_SEGMENTS as readonly string[]).includes(value ?? "")) return { kind, value: value as RfmSegment };
  if (kind === "tier" && (PYRAMID_TIERS as readonly string[]).includes(value ?? "")) return { kind, value: value as PyramidTier };
  if (kind === "silent" && (value === "silent" || value === "active")) return { kind, value };
  return null;
}

export function customerFilterQuery(filter: CustomerFilter): string {
  return `${filter.kind}:${filter.value}`;
}

/** Whom to invite: the customers of a tier, of a segment, or every silent customer. */
export type CustomerGroup = { kind: "tier"; value: PyramidTier } | { kind: "segment"; value: RfmSegment } | { kind: "silent" };

/** `tier:platinum`, `segment:at-risk` or `silent` back into a group; null when not one. */
export function parseCustomerGroup(raw: string): CustomerGroup | null {
  if (raw === "silent") return { kind: "silent" };
  const filter = parseCustomerFilter(raw);
  return filter && filter.kind !== "silent" ? filter : null;
}
